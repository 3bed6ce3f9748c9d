/**
 * Issue 10: what a million mutants found, each as a regression test that asserts the exact diagnostic, that jco
 * agrees the input is invalid (where it has an opinion), and that nothing was written (`plug` with the input as its
 * socket leaves no output file).
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspect } from '../src/api/inspect.js';
import { plug } from '../src/api/plug.js';
import { isWcomposeError } from '../src/diagnostics/error.js';
import { decodeComponent } from '../src/types/decode.js';
import { dxProject, type DxProject } from './dx-support.js';
import { runCli } from './support/cli.js';
import { componentWitText, parseWat } from './support/wasm-tools.js';

let p: DxProject;
beforeAll(async () => {
  p = await dxProject();
});
afterAll(async () => {
  await p.remove();
});

// ───────────────────────────── building inputs ─────────────────────────────

function leb(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

const preamble = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

/** A component of the given sections (id, payload). */
function component(...sections: [number, number[]][]): Uint8Array {
  return Uint8Array.from([...preamble, ...sections.flatMap(([id, payload]) => [id, ...leb(payload.length), ...payload])]);
}

function name(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...leb(bytes.length), ...bytes];
}

/** `n` types, each `ctor` of the one before (`(list u8)`, `(list 0)`, …), and a function import taking the last one. */
function chainWat(n: number, ctor: 'list' | 'option'): string {
  const types = Array.from({ length: n }, (_, i) => `(type $t${i} (${ctor} ${i === 0 ? 'u8' : `$t${i - 1}`}))`);
  return `(component ${types.join(' ')} (type $f (func (param "x" $t${n - 1}))) (import "f" (func (type $f))))`;
}

/** Asserts that wcompose refuses `bytes` with `code`, in `inspect` and as `plug`'s socket, which writes nothing. */
async function expectRefused(bytes: Uint8Array, code: string, message?: RegExp): Promise<void> {
  const file = p.path(`input-${code}-${bytes.length}.wasm`);
  await writeFile(file, bytes);
  const refused = await inspect(file).then(() => undefined, (e: unknown) => e);
  expect(isWcomposeError(refused), String(refused)).toBe(true);
  expect(refused).toMatchObject({ code, file });
  if (message !== undefined) expect((refused as Error).message).toMatch(message);
  const output = p.path(`out-${code}.wasm`);
  await expect(plug({ socket: file, plugs: [p.path('ops.wat')], output })).rejects.toMatchObject({ code });
  expect(existsSync(output)).toBe(false);
}

/** Asserts that jco (wasmparser) refuses `bytes` too, with a message matching `message`. */
async function expectJcoRefuses(bytes: Uint8Array, message: RegExp): Promise<void> {
  await expect(componentWitText(bytes)).rejects.toThrow(message);
}

// ───────────────────────────── the findings ─────────────────────────────

describe('finding 1: a self-aliasing nested component (a stack overflow, reported as an internal error)', () => {
  // (component (component (alias outer 1 0 (component))) (instance (instantiate 0 …))), found by the fuzzer.
  const bytes = Uint8Array.from(Buffer.from(
    '0061736d0d000100040f0061736d0d000100060501040201000516010000010f696d706f72742d66756e632d72756e0116', 'hex'));

  it('is WC2001: a nested component sees only what was defined before it, not itself', async () => {
    await expectRefused(bytes, 'WC2001', /outer alias: component index 0 is out of range \(0 defined before this scope\)/);
    await expectJcoRefuses(bytes, /component index out of bounds/);
  });

  it('`wcompose inspect` exits 1 with the diagnostic, not 70 (internal error)', async () => {
    const file = p.path('self-alias.wasm');
    await writeFile(file, bytes);
    const r = await runCli(['inspect', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*self-alias\.wasm: at byte \d+ \(0x[0-9a-f]+\): outer alias: .* \[WC2001\]$/m);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('a later sibling may still use an earlier one, however long the chain (no recursion per sibling)', () => {
    // 999 nested components (the most a component may define is 1,000), each aliasing the one before it from the
    // enclosing component and instantiating it; then the last one is instantiated.
    const sections: [number, number[]][] = [[4, [...component()]]];
    for (let i = 1; i < 999; i++) {
      sections.push([4, [...component([6, [0x01, 0x04, 0x02, 0x01, ...leb(i - 1)]], [5, [0x01, 0x00, 0x00, 0x00]])]]);
    }
    sections.push([5, [0x01, 0x00, ...leb(998), 0x00]]);
    expect(() => decodeComponent(component(...sections))).not.toThrow();
  });
});

describe('finding 2: an outer alias count near 2³² (a hang of 2–17 s)', () => {
  // A type section: one instance type whose only declaration is (alias outer 4294967280 0 (type)).
  const bytes = component([7, [0x01, 0x42, 0x01, 0x02, 0x03, 0x02, ...leb(0xfffffff0), 0x00]]);

  it('is WC2001 at once: the count is bounded by the scopes that exist', async () => {
    const start = performance.now();
    await expectRefused(bytes, 'WC2001', /outer alias count 4294967280 reaches past the outermost scope/);
    expect(performance.now() - start).toBeLessThan(2000);
    await expectJcoRefuses(bytes, /invalid outer alias count/);
  });
});

describe('finding 3: deep nesting (stack overflows; depth 100–1,000 accepted where jco refuses)', () => {
  it('list<…> and option<…> chains 10,000 deep are WC1011, quickly', async () => {
    for (const ctor of ['list', 'option'] as const) {
      const bytes = await parseWat(chainWat(10_000, ctor));
      const start = performance.now();
      await expectRefused(bytes, 'WC1011', /type nesting is too deep: type 99 nests 101 levels \(at most 100\)/);
      expect(performance.now() - start).toBeLessThan(5000);
    }
  });

  it('the limit is wasm-tools\': a value type 100 deep is accepted, 101 deep refused, by wcompose and by jco', async () => {
    const ok = await parseWat(chainWat(99, 'list'));
    expect(decodeComponent(ok).imports.has('f')).toBe(true);
    await componentWitText(ok);
    const deep = await parseWat(chainWat(100, 'list'));
    await expectRefused(deep, 'WC1011');
    await expectJcoRefuses(deep, /type nesting is too deep/);
  });

  it('at the limit, a value type 100 deep goes through plug (checker, instantiation, emitter) and inspect; jco validates', async () => {
    const types = Array.from({ length: 99 }, (_, i) => `(type $t${i} (list ${i === 0 ? 'u8' : `$t${i - 1}`}))`).join(' ');
    const imported = `(import "a:b/deep" (instance $i (export "f" (func (param "x" $t98)))))`;
    // The socket passes its import on as an export; the plug does the same, so the composition imports it.
    await writeFile(p.path('deep-socket.wasm'), await parseWat(`(component ${types} ${imported} (export "a:b/out" (instance $i)))`));
    await writeFile(p.path('deep-plug.wasm'), await parseWat(`(component ${types} ${imported} (export "a:b/deep" (instance $i)))`));
    const output = p.path('deep-out.wasm');
    await plug({ socket: p.path('deep-socket.wasm'), plugs: [p.path('deep-plug.wasm')], output });
    const bytes = await p.read('deep-out.wasm');
    expect(await componentWitText(bytes)).toContain('import a:b/deep;');
    const { wit, json } = await inspect(output);
    expect(wit).toContain('export a:b/out;');
    expect(JSON.stringify(json)).toContain('"list"');
  });

  it('instance types nested 10,000 deep in the binary are WC1014 (the reader does not overflow its stack)', async () => {
    // (type (instance (type (instance … (type (instance)) …)))), 10,001 instance types in all.
    const decl = [...Array.from({ length: 10_000 }, () => [0x42, 0x01, 0x01]).flat(), 0x42, 0x00];
    await expectRefused(component([7, [0x01, ...decl]]), 'WC1014', /instance types nested more than 100 deep/);
  });

  it('a chain of 10,000 instance types, each exporting the one before (through outer aliases), is WC1011', async () => {
    const types = ['(type $i0 (instance (export "f" (func))))'];
    for (let i = 1; i < 10_000; i++) {
      types.push(`(type $i${i} (instance (alias outer 1 $i${i - 1} (type $p)) (export "x" (instance (type $p)))))`);
    }
    const bytes = await parseWat(`(component ${types.join(' ')} (import "a:b/c" (instance (type $i9999))))`);
    await expectRefused(bytes, 'WC1011', /nests 127 levels \(at most 126\)/);
  });

  it('a type that doubles at each level is WC1012 (its effective size passes 1,000,000), as in jco', async () => {
    const types = ['(type $t0 (record (field "a" u8) (field "b" u8)))'];
    for (let i = 1; i < 30; i++) types.push(`(type $t${i} (record (field "a" $t${i - 1}) (field "b" $t${i - 1})))`);
    const bytes = await parseWat(`(component ${types.join(' ')} (type $f (func (param "x" $t29))) (import "f" (func (type $f))))`);
    await expectRefused(bytes, 'WC1012', /effective type size reaches the limit of 1000000/);
    await expectJcoRefuses(bytes, /effective type size exceeds the limit/);
  });

  it('counts beyond wasm-tools\' limits are WC1013: 10,001 record fields, a name of 100,001 bytes', async () => {
    const fields = Array.from({ length: 10_001 }, (_, i) => [...name(`f${i}`), 0x7d]).flat();
    await expectRefused(component([7, [0x01, 0x72, ...leb(10_001), ...fields]]), 'WC1013', /10001 record fields are more than the 10000 allowed/);
    const long = component([10, [0x01, 0x00, ...name('x'.repeat(100_001)), 0x01, 0x00]]);
    await expectRefused(long, 'WC1013', /a name of 100001 bytes is longer than the 100000 allowed/);
  });
});
