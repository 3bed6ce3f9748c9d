import { describe, expect, it } from 'vitest';
import type { Section } from '../src/binary/ast.js';
import { ComponentReader } from '../src/binary/read.js';
import { writeComponent, writeComponentChunks } from '../src/binary/write.js';
import { buildJs, buildWat, jsFixtureNames, watFixtureNames } from './support/index.js';

/** Parses every section (nested components too, recursively) and writes it back from the parsed form. */
function rewrite(bytes: Uint8Array): { bytes: Uint8Array; sections: Record<string, number> } {
  const counts: Record<string, number> = {};
  const walk = (data: Uint8Array): Uint8Array => {
    const reader = ComponentReader.open(data);
    const sections = reader.headers.map((h): Section => {
      counts[h.kind] = (counts[h.kind] ?? 0) + 1;
      const s = reader.section(h);
      return s.kind === 'component' ? { kind: 'component', bytes: walk(s.bytes) } : s;
    });
    return writeComponent(sections);
  };
  return { bytes: walk(bytes), sections: counts };
}

describe('reading then writing gives the same bytes', () => {
  const seen: Record<string, number> = {};

  for (const name of watFixtureNames()) {
    it(`fixtures/wat/${name}.wat`, async () => {
      const original = await buildWat(name);
      const { bytes, sections } = rewrite(original);
      for (const [k, n] of Object.entries(sections)) seen[k] = (seen[k] ?? 0) + n;
      expect(Buffer.from(bytes).equals(Buffer.from(original))).toBe(true);
    });
  }

  for (const name of jsFixtureNames()) {
    it(`fixtures/js/${name} (componentize-js)`, async () => {
      const original = await buildJs(name);
      const { bytes } = rewrite(original);
      expect(bytes.length).toBe(original.length);
      expect(Buffer.from(bytes).equals(Buffer.from(original))).toBe(true);
    });
  }

  it('the fixtures exercise every section kind but start and value (which no validator here accepts)', () => {
    expect(Object.keys(seen).sort()).toEqual(
      ['alias', 'canon', 'component', 'coreInstance', 'coreModule', 'coreType', 'custom', 'export', 'import', 'instance', 'type'].sort(),
    );
  });

  it('start and value sections round-trip too (built by hand)', () => {
    const sections: Section[] = [
      { kind: 'type', items: [{ kind: 'func', async: false, params: [], result: 'u32' }] },
      { kind: 'import', items: [{ name: { name: 'f', form: 0 }, type: { kind: 'func', type: 0 } }] },
      { kind: 'start', start: { func: 0, args: [], results: 1 } },
      { kind: 'value', items: [{ type: 'u32', bytes: Uint8Array.of(0x2a) }] },
      { kind: 'export', items: [{ name: { name: 'v', form: 1 }, item: { sort: 'value', index: 0 }, type: undefined }] },
    ];
    const bytes = writeComponent(sections);
    expect(Buffer.from(rewrite(bytes).bytes).equals(Buffer.from(bytes))).toBe(true);
    const reader = ComponentReader.open(bytes);
    expect(reader.headers.map((h) => h.kind)).toEqual(['type', 'import', 'start', 'value', 'export']);
  });

  it('a writer given big payloads references them instead of copying', () => {
    const big = new Uint8Array(1 << 20).fill(7);
    const chunks = writeComponentChunks([{ kind: 'coreModule', bytes: big }]);
    expect(chunks.some((c) => c === big)).toBe(true);
  });

  it('opening a component reads only section headers: a core module is a window on the input, not a copy', () => {
    const module = new Uint8Array(1 << 20);
    module.set([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const bytes = writeComponent([{ kind: 'coreModule', bytes: module }]);
    const reader = ComponentReader.open(bytes);
    const section = reader.section(reader.headers[0]!);
    expect(section.kind).toBe('coreModule');
    if (section.kind === 'coreModule') expect(section.bytes.buffer).toBe(bytes.buffer);
  });
});
