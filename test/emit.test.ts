import { describe, expect, it } from 'vitest';
import { ByteReader } from '../src/binary/byte-reader.js';
import { ComponentReader } from '../src/binary/read.js';
import { compose } from '../src/api/compose.js';
import { resolveConfig } from '../src/config/resolve.js';
import { version } from '../src/version.js';
import { PROJECT_ROOT } from './support/paths.js';

describe('the emitted component', () => {
  it('embeds each input verbatim as a component section and names wcompose in a producers section', async () => {
    const spec = await resolveConfig({ components: ['fixtures/example/*.wat'], exports: ['app'] }, undefined, PROJECT_ROOT);
    const { bytes, plan } = compose(spec);
    const reader = ComponentReader.open(bytes);
    const embedded = reader.headers.filter((h) => h.kind === 'component').map((h) => bytes.subarray(h.start, h.end));
    // In instantiation order: the logger first, as the app consumes it.
    expect(plan.components.map((c) => c.name)).toEqual(['logger-stdout', 'app']);
    expect(embedded.map((b) => Buffer.from(b))).toEqual(plan.components.map((c) => Buffer.from(c.bytes)));

    const producers = reader.headers.map((h) => reader.section(h)).find((s) => s.kind === 'custom' && s.name === 'producers');
    expect(producers?.kind).toBe('custom');
    if (producers?.kind !== 'custom') return;
    const r = new ByteReader(producers.data);
    expect(r.u32()).toBe(1);
    expect(r.name()).toBe('processed-by');
    expect(r.vec((x) => [x.name(), x.name()])).toEqual([['wcompose', version]]);
  });
});
