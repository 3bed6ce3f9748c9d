/**
 * Streams, futures and error-context across a link and through a leftover import: stream-caller imports
 * demo:streams/pipe@0.1.0 (an async transform from stream<u8> to future<string>, a tee into a tuple of streams, an
 * error-context result); stream-callee exports it. Stub core code: validation by wasm-tools (through jco) and the
 * type checker are the oracles.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { compose } from '../src/api/compose.js';
import { isSubtype } from '../src/check/subtype.js';
import type { ComponentInput } from '../src/graph/model.js';
import { decodeComponent } from '../src/types/decode.js';
import { printWorld } from '../src/wit/print-world.js';
import { buildComposeWat } from './support/fixtures.js';
import { jcoWit, validateComponent } from './support/jco.js';
import { PROJECT_ROOT } from './support/paths.js';
import { normalizeWit } from './support/wit.js';

const PIPE = 'demo:streams/pipe@0.1.0';

async function input(name: string, bytes?: Uint8Array): Promise<ComponentInput> {
  const b = bytes ?? (await buildComposeWat(name));
  return { name, file: `${name}.wat`, bytes: b, type: decodeComponent(b) };
}

describe('streams and futures', () => {
  it('link a caller and a callee into a valid component with no imports', async () => {
    const caller = await input('stream-caller');
    const callee = await input('stream-callee');
    const { bytes, plan } = compose({
      components: [caller, callee],
      instances: [
        { name: 'caller', component: 'stream-caller', with: {} },
        { name: 'callee', component: 'stream-callee', with: {} },
      ],
      exports: [{ instance: 'caller' }],
    });
    expect(plan.instances.find((i) => i.name === 'caller')!.args).toEqual([
      { name: PIPE, source: { kind: 'export', instance: 'callee', export: PIPE }, how: 'auto' },
    ]);
    await validateComponent(bytes);
    const type = decodeComponent(bytes);
    expect([...type.imports.keys()]).toEqual([]);
    expect(normalizeWit(printWorld(type))).toBe(normalizeWit(await jcoWit(bytes)));
  });

  it('stay a typed import of the composition when nothing supplies them', async () => {
    const caller = await input('stream-caller');
    const { bytes } = compose({
      components: [caller],
      instances: [{ name: 'caller', component: 'stream-caller', with: {} }],
    });
    await validateComponent(bytes);
    const imported = decodeComponent(bytes).imports.get(PIPE);
    const original = caller.type.imports.get(PIPE);
    expect(imported).toBeDefined();
    // The re-encoded import is the same type: each is a subtype of the other.
    expect(isSubtype(original!, imported!)).toBe(true);
    expect(isSubtype(imported!, original!)).toBe(true);
  });

  it('of different element types do not link, and the reason chain says where', async () => {
    const wat = readFileSync(`${PROJECT_ROOT}/fixtures/wat/compose/stream-callee.wat`, 'utf8').replace('(type $bytes (stream u8))', '(type $bytes (stream u16))');
    const callee = await input('stream-callee', await parse(wat));
    const caller = await input('stream-caller');
    expect(() =>
      compose({
        components: [caller, callee],
        instances: [
          { name: 'caller', component: 'stream-caller', with: {} },
          { name: 'callee', component: 'stream-callee', with: {} },
        ],
      }),
    ).toThrow(`${PIPE} › transform › parameter "input": expected stream<u8>, found stream<u16>`);
  });
});
