/**
 * Issue 10: plug findings of the fuzzer, from their WAT sources in fuzz/regressions/. The invariant each asserts is the
 * one the fuzzer checks: `plug` either exits 0 with an output jco validates, or exits non-zero and writes nothing;
 * never exit 0 with an invalid output. Where the outcome is known, it is asserted too.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadComponentFile } from '../src/io/read-input.js';
import { validateComponent } from '../src/validate/index.js';
import { runCli, type CliResult } from './support/cli.js';
import { composeWatPath } from './support/fixtures.js';
import { PROJECT_ROOT } from './support/paths.js';
import { componentWitText, parseWat } from './support/wasm-tools.js';
import { writeFile } from 'node:fs/promises';

const REGRESSIONS = join(PROJECT_ROOT, 'fuzz', 'regressions');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wcompose-fuzz-regressions-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** jco's verdict: undefined when it validates the component, else its message. */
async function jcoRejects(bytes: Uint8Array): Promise<string | undefined> {
  return componentWitText(bytes).then(() => undefined, (e: unknown) => (e instanceof Error ? e.message : String(e)));
}

/** Runs `wcompose plug socket --plug plug -o out` and asserts the fuzzer's invariant; returns the result. */
async function plugHolds(name: string, socket: string, plug: string, extra: string[] = []): Promise<CliResult> {
  const out = join(dir, `${name}.wasm`);
  const r = await runCli(['plug', socket, '--plug', plug, '-o', out, ...extra]);
  if (r.code === 0) {
    expect(await jcoRejects(new Uint8Array(await readFile(out))), 'exit 0: jco must validate the output').toBeUndefined();
  } else {
    expect(existsSync(out), 'a failed plug writes nothing').toBe(false);
  }
  return r;
}

describe('plug #3940: an exported instance whose function uses a resource through the socket\'s own alias', () => {
  const socket = join(REGRESSIONS, 'plug-3940-socket.wat');

  it('exits 0 with a valid output, or non-zero with nothing written (WC9101 until exported instances are ascribed a type)', async () => {
    const r = await plugHolds('3940', socket, await composeWatPath('shared-types-callee'));
    // The emitter does not ascribe types to exported instances yet: wasmparser's named-type rule refuses the output,
    // and so does wcompose's validator, before writing it.
    if (r.code !== 0) {
      expect(r.code).toBe(70);
      expect(r.stderr).toContain('[WC9101]');
      expect(r.stderr).toContain('instance not valid to be used as export');
    }
  });

  it('the validator agrees with wasmparser on the output (written unvalidated)', async () => {
    const out = join(dir, '3940-unvalidated.wasm');
    const r = await runCli(['plug', socket, '--plug', await composeWatPath('shared-types-callee'), '-o', out, '--no-validate']);
    expect(r.code, r.stderr).toBe(0);
    const bytes = new Uint8Array(await readFile(out));
    const jco = await jcoRejects(bytes);
    const ours = (() => {
      try {
        validateComponent(bytes);
        return undefined;
      } catch (e) {
        return e as { code: string; message: string };
      }
    })();
    expect(ours === undefined, `jco: ${jco ?? 'valid'}; wcompose: ${ours?.message ?? 'valid'}`).toBe(jco === undefined);
    if (jco !== undefined) {
      expect(jco).toMatch(/instance not valid to be used as export/);
      expect(ours).toMatchObject({ code: 'WC1112' });
    }
  });
});

describe('plug #2964: two users of demo:d/foo name its resource differently (a renamed export)', () => {
  it('is refused as a conflict of the merged imports (WC4016), exit 1, nothing written', async () => {
    const r = await plugHolds('2964', join(REGRESSIONS, 'plug-2964-socket.wat'), await composeWatPath('declared-plug'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[WC4016]');
    expect(r.stderr).toMatch(/import "demo:d\/foo@0\.1\.0" of instance "declared-plug[^"]*" and import "demo:d\/foo@0\.1\.0" of instance "socket" would merge into one/);
    expect(r.stderr).toContain('make › result');
    expect(r.stderr).not.toContain('internal error');
  });

  it('the unmutated socket (the same resource under the same name) still composes, valid', async () => {
    const r = await plugHolds('2964-unmutated', await composeWatPath('linked-use-socket'), await composeWatPath('declared-plug'));
    expect(r.code, r.stderr).toBe(0);
  });
});

/**
 * Plug findings whose input was invalid at the component layer in a way only core signatures show (the mutant swapped
 * one core function for another): the input is now refused, as jco refuses it, and nothing is composed.
 */
describe('core signatures of built-ins (plug #881, #5977)', () => {
  async function refused(name: string, source: string, from: string, to: string): Promise<unknown> {
    const text = (await readFile(join(PROJECT_ROOT, 'fixtures', 'wat', 'compose', source), 'utf8')).replace(from, to);
    expect(text).toContain(to);
    const bytes = await parseWat(text);
    expect(await jcoRejects(bytes), 'jco refuses it too').toBeDefined();
    const file = join(dir, `${name}.wasm`);
    await writeFile(file, bytes);
    return loadComponentFile(file).then(() => undefined, (e: unknown) => e);
  }

  it('#881: an async lift of `task.return` (i32 ->) where the callback ABI wants i32 -> i32 is WC1107', async () => {
    const e = await refused('881', 'async-caller.wat', '(canon lift (core func $main "demo:async/app@0.1.0#run") async', '(canon lift (core func $return-u32) async');
    expect(e).toMatchObject({ code: 'WC1107' });
    expect((e as Error).message).toMatch(/lowered function type \(i32->i32\) does not match type \(i32->\)/);
  });

  it('#5977: `resource.drop` (i32 ->) given where the module imports `new` (i32 -> i32) is WC1108', async () => {
    const e = await refused('5977', 'res-provider.wat', '(core func $blob-new (canon resource.new $blob))', '(core func $blob-new (canon resource.drop $blob))');
    expect(e).toMatchObject({ code: 'WC1108' });
    expect((e as Error).message).toContain('expected (i32->i32), found (i32->)');
  });
});

describe('plug #3016: exporting an instance type whose resources an import of it declares', () => {
  it('is WC1112, as jco refuses it: each import of an instance type gets its own resources', async () => {
    const bytes = await parseWat(`(component
      (type $t (instance
        (export "blob" (type (sub resource)))
        (export "make" (func (result (own 0))))))
      (import "demo:x/types@0.1.0" (instance (type $t)))
      (export "t" (type $t)))`);
    expect(await jcoRejects(bytes)).toMatch(/type not valid to be used as export/);
    const file = join(dir, '3016.wasm');
    await writeFile(file, bytes);
    await expect(loadComponentFile(file)).rejects.toMatchObject({ code: 'WC1112', file });
  });
});
