/**
 * Issue 10: the code of embedded core modules is validated (by V8) when an input is read. A component whose component
 * layer is valid but whose core module has an invalid function body is refused with WC1115, naming the file, the
 * module and V8's reason at a file offset; nothing is written. Modules that use proposals V8 does not enable are not
 * refused (the proposals fixture).
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspect } from '../src/api/inspect.js';
import { plug } from '../src/api/plug.js';
import { ComponentReader } from '../src/binary/read.js';
import { loadComponentFile } from '../src/io/read-input.js';
import { memorySectionHoldsItsCount, needsUnsupportedProposal } from '../src/validate/core-code.js';
import { dxProject, opsWat, type DxProject } from './dx-support.js';
import { runCli } from './support/cli.js';
import { buildWat } from './support/fixtures.js';
import { componentWitText, parseWat } from './support/wasm-tools.js';

/** V8's validator (the test oracle for core code; jco's `componentWit` does not validate function bodies). */
const v8 = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

let p: DxProject;
/** demo:math/ops whose `add` adds i32 operands with `i64.add`: a valid component layer, an invalid function body. */
let badOps: Uint8Array;
/** Where its core module is: the payload of its one core module section. */
let moduleStart: number;
let moduleEnd: number;

beforeAll(async () => {
  p = await dxProject();
  badOps = await parseWat(opsWat('i64.add'));
  const header = ComponentReader.open(badOps).headers.find((h) => h.kind === 'coreModule')!;
  [moduleStart, moduleEnd] = [header.start, header.end];
  await writeFile(p.path('bad-ops.wasm'), badOps);
});
afterAll(async () => {
  await p.remove();
});

/** `bytes` with a component-level custom section of `size` bytes appended (a large file is read by its layer only). */
function padded(bytes: Uint8Array, size: number): Uint8Array {
  const name = [4, ...new TextEncoder().encode('pads')];
  const payload = name.length + size;
  const leb: number[] = [];
  let v = payload;
  do {
    leb.push((v & 0x7f) | (v >= 0x80 ? 0x80 : 0));
    v = Math.floor(v / 0x80);
  } while (v > 0);
  const out = new Uint8Array(bytes.length + 1 + leb.length + payload);
  out.set(bytes);
  out.set([0x00, ...leb, ...name], bytes.length);
  return out;
}

describe('invalid core module code in an input (WC1115)', () => {
  it('the component layer is fine (jco reads its world), the function body is not (V8 refuses the module)', async () => {
    await expect(componentWitText(badOps)).resolves.toContain('export demo:math/ops@0.1.0');
    expect(v8.validate(badOps.subarray(moduleStart, moduleEnd))).toBe(false);
    expect(v8.validate((await parseWat(opsWat('i32.add'))).subarray(moduleStart, moduleEnd))).toBe(true);
  });

  it('plug refuses it: exit 1, the file, the module, V8\'s reason at a file offset, nothing written', async () => {
    const out = p.path('out-cli.wasm');
    const r = await runCli(['plug', p.path('app.wat'), '--plug', p.path('bad-ops.wasm'), '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[WC1115]');
    expect(r.stderr).toContain(p.path('bad-ops.wasm'));
    expect(r.stderr).toContain(`core module 0 (at byte ${moduleStart}, ${moduleEnd - moduleStart} bytes) is not valid WebAssembly (V8)`);
    expect(r.stderr).toMatch(/Compiling function #0 failed: .*i64/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('the offset is V8\'s, translated into the file: inside the module', async () => {
    const refused = await loadComponentFile(p.path('bad-ops.wasm')).then(() => undefined, (e: unknown) => e);
    expect(refused).toMatchObject({ code: 'WC1115', file: p.path('bad-ops.wasm') });
    const offset = (refused as { offset: number }).offset;
    expect(offset).toBeGreaterThan(moduleStart);
    expect(offset).toBeLessThan(moduleEnd);
  });

  it('a large file (read by its component layer, modules read from the file one at a time) is refused the same', async () => {
    const file = p.path('bad-ops-large.wasm');
    await writeFile(file, padded(badOps, 1_200_000));
    const out = p.path('out-large.wasm');
    const refused = await plug({ socket: p.path('app.wat'), plugs: [file], output: out }).then(() => undefined, (e: unknown) => e);
    expect(refused).toMatchObject({ code: 'WC1115', file });
    expect((refused as Error).message).toContain(`core module 0 (at byte ${moduleStart},`);
    expect(existsSync(out)).toBe(false);
  });

  it('in a nested component: names the component it is nested in', async () => {
    const bytes = await parseWat(`(component
      (component $inner
        (core module $m (func (export "f") (result i32) i64.const 1))
        (core instance $i (instantiate $m))
        (func (export "f") (result u32) (canon lift (core func $i "f"))))
      (instance $x (instantiate $inner))
      (export "f" (func $x "f")))`);
    const file = p.path('nested-bad.wasm');
    await writeFile(file, bytes);
    const refused = await loadComponentFile(file).then(() => undefined, (e: unknown) => e);
    expect(refused).toMatchObject({ code: 'WC1115', file });
    expect((refused as Error).message).toMatch(/^core module 0 of the component nested at byte \d+ \(at byte \d+, \d+ bytes\) is not valid WebAssembly/);
  });

  it('--no-validate lets it through (wcompose then guarantees nothing): the refusal is the validator\'s', async () => {
    const out = p.path('out-unvalidated.wasm');
    const r = await runCli(['plug', p.path('app.wat'), '--plug', p.path('bad-ops.wasm'), '-o', out, '--no-validate']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('the same component with a valid body is accepted', async () => {
    const file = p.path('good-ops.wasm');
    await writeFile(file, await parseWat(opsWat('i32.add')));
    const out = p.path('out-good.wasm');
    await plug({ socket: p.path('app.wat'), plugs: [file], output: out });
    expect(existsSync(out)).toBe(true);
  });

  it('inspect and check, which embed nothing, validate the component layer only (core code costs ~2 ms a MB)', async () => {
    await expect(inspect(p.path('bad-ops.wasm'))).resolves.toBeDefined();
  });
});

describe('proposals V8 does not enable are not refused', () => {
  it('the proposals fixture (memory64, shared-everything core modules) still reads, core code validated', async () => {
    const file = p.path('proposals.wasm');
    await writeFile(file, await buildWat('proposals'));
    await expect(loadComponentFile(file)).resolves.toBeDefined();
  });

  it('V8\'s messages for missing proposals are told apart from corrupt code', () => {
    // What Node 20's V8 says (see core-code.ts); newer V8s accept these modules or name the flag.
    for (const message of [
      'WebAssembly.Module(): invalid memory limits flags 0x4 (enable via --experimental-wasm-memory64) @+32',
      "WebAssembly.Module(): invalid value type 'noneref', enable with --experimental-wasm-gc @+11",
      'WebAssembly.Module(): Compiling function #0 failed: simd opcode not available, enable with --experimental-relaxed-simd @+30',
      'WebAssembly.Module(): memory count of 2 exceeds internal limit of 1 @+10',
      'WebAssembly.Module(): invalid memory limits flags 0x8 @+11',
      'WebAssembly.Module(): opcode i32.add is not allowed in constant expressions @+14',
      'WebAssembly.Module(): Compiling function #0 failed: Invalid opcode 0x1f @+23',
    ]) expect(needsUnsupportedProposal(message), message).toBe(true);
    for (const message of [
      'WebAssembly.Module(): Compiling function #0 failed: type error in fallthru[0] (expected i32, got i64) @+28',
      'WebAssembly.Module(): Compiling function #3 failed: Invalid opcode 0xd7 @+1200',
      'WebAssembly.Module(): section was shorter than expected size (5 bytes expected, 2 decoded) @+40',
      // fuzz finding plug #4779: a global's `end` flipped into `rethrow`, which no proposal allows there
      'WebAssembly.Module(): opcode rethrow is not allowed in constant expressions @+33',
    ]) expect(needsUnsupportedProposal(message), message).toBe(false);
  });
});

describe('multi-memory (V8 in Node 20: "memory count of 2 exceeds internal limit of 1")', () => {
  const twoMemories = `(component
    (core module $m (memory (export "a") 1) (memory (export "b") 1))
    (core instance $i (instantiate $m)))`;

  it('a module with two memories is not refused', async () => {
    const file = p.path('two-memories.wasm');
    await writeFile(file, await parseWat(twoMemories));
    await expect(loadComponentFile(file)).resolves.toBeDefined();
  });

  it('a corrupt memory count is (fuzz finding plug #5175: 33 memories announced, one there)', async () => {
    const module = await parseWat('(module (memory 1) (memory 1))');
    expect(memorySectionHoldsItsCount(module)).toBe(true);
    const at = module.indexOf(0x05, 8); // the memory section: id, size, count
    const corrupt = Uint8Array.from(module);
    corrupt[at + 2] = 33;
    expect(memorySectionHoldsItsCount(corrupt)).toBe(false);
    const component = await parseWat(twoMemories);
    const header = ComponentReader.open(component).headers.find((h) => h.kind === 'coreModule')!;
    const inModule = component.subarray(header.start, header.end).indexOf(0x05, 8);
    const bad = Uint8Array.from(component);
    bad[header.start + inModule + 2] = 33;
    const file = p.path('bad-memory-count.wasm');
    await writeFile(file, bad);
    await expect(loadComponentFile(file)).rejects.toMatchObject({ code: 'WC1115' });
  });
});
