/**
 * The component-layer validator (src/validate): every fixture is valid to it and to jco; each rule it applies has a
 * case that it and jco both refuse, with the code we document; it runs where inputs are read (a WC11xx error naming
 * the file, the offset and the rule; nothing written) and on the composed output (an internal error, nothing written).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ComponentReader } from '../src/binary/read.js';
import { isWcomposeError } from '../src/diagnostics/error.js';
import { plug } from '../src/api/plug.js';
import { build } from '../src/api/build.js';
import { compose } from '../src/api/compose.js';
import { decodeComponent } from '../src/types/decode.js';
import { InvalidOutputError, validateComponent, validateOutput } from '../src/validate/index.js';
import { runCli } from './support/cli.js';
import {
  buildComposeWat, buildJs, buildWat, composeWatFixtureNames, jsFixtureNames, watFixtureNames,
} from './support/fixtures.js';
import { validateComponent as jcoValidate } from './support/jco.js';
import { FIXTURES_DIR } from './support/paths.js';
import { parseWat } from './support/wasm-tools.js';

const dir = mkdtempSync(join(tmpdir(), 'wcompose-validate-'));

function ourCode(bytes: Uint8Array): string | undefined {
  try {
    validateComponent(bytes);
    return undefined;
  } catch (e) {
    if (!isWcomposeError(e)) throw e;
    return e.code;
  }
}

async function jcoRejects(bytes: Uint8Array): Promise<string | undefined> {
  try {
    await jcoValidate(bytes);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const example = async (name: string): Promise<Uint8Array> =>
  parseWat(await readFile(join(FIXTURES_DIR, 'example', `${name}.wat`), 'utf8'));

describe('every fixture is valid, to the validator and to jco', () => {
  it.each(watFixtureNames())('fixtures/wat/%s.wat', async (name) => {
    const bytes = await buildWat(name);
    expect(ourCode(bytes)).toBeUndefined();
    expect(await jcoRejects(bytes)).toBeUndefined();
  });
  it.each(composeWatFixtureNames())('fixtures/wat/compose/%s.wat', async (name) => {
    const bytes = await buildComposeWat(name);
    expect(ourCode(bytes)).toBeUndefined();
    expect(await jcoRejects(bytes)).toBeUndefined();
  });
  it.each(['app', 'logger-stdout'])('fixtures/example/%s.wat', async (name) => {
    const bytes = await example(name);
    expect(ourCode(bytes)).toBeUndefined();
    expect(await jcoRejects(bytes)).toBeUndefined();
  });
  it.each(jsFixtureNames())('fixtures/js/%s (componentize-js)', async (name) => {
    const bytes = await buildJs(name);
    expect(ourCode(bytes)).toBeUndefined();
    expect(await jcoRejects(bytes)).toBeUndefined();
  }, 120_000);
});

// ───────────────────────────── rules, each refused by both ─────────────────────────────

const preamble = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

/** Replaces the first occurrence of `from` (inside section `sectionId`) with `to`. */
function patch(bytes: Uint8Array, sectionId: number, from: number[], to: number[]): Uint8Array {
  const out = bytes.slice();
  for (const h of ComponentReader.open(out).headers) {
    if (h.id !== sectionId) continue;
    for (let i = h.start; i + from.length <= h.end; i++) {
      if (from.every((b, k) => out[i + k] === b)) {
        to.forEach((b, k) => (out[i + k] = b));
        return out;
      }
    }
  }
  throw new Error('pattern not found');
}

const ruleCases: { name: string; code: string; bytes: () => Promise<Uint8Array> }[] = [
  {
    name: 'a self-aliasing nested component (issue 10, finding 1)',
    code: 'WC1101',
    bytes: async () => Uint8Array.from(Buffer.from('0061736d0d000100040f0061736d0d000100060501040201000516010000010f696d706f72742d66756e632d72756e0116', 'hex')),
  },
  {
    name: 'an outer alias count near 2^32 (issue 10, finding 2)',
    code: 'WC1109',
    // (alias outer 0xfffffff0 0 (type)): sort 0x03, target 0x02, count as a 5-byte LEB, index 0.
    bytes: async () => Uint8Array.from([...preamble, 0x06, 0x09, 0x01, 0x03, 0x02, 0xf0, 0xff, 0xff, 0xff, 0x0f, 0x00]),
  },
  {
    name: 'a 0x01 where `cancellable` used to be',
    code: 'WC1113',
    bytes: async () => {
      const b = await parseWat(`(component
        (core module $m (memory (export "m") 1))
        (core instance $i (instantiate $m))
        (alias core export $i "m" (core memory $mem))
        (core func (canon waitable-set.wait (memory $mem))))`);
      return patch(b, 8, [0x20, 0x00, 0x00], [0x20, 0x01, 0x00]);
    },
  },
  {
    name: 'a corrupted embedded core module header',
    code: 'WC1111',
    bytes: async () => patch(await parseWat('(component (core module (func (export "f"))))'), 1, [0x00, 0x61, 0x73, 0x6d, 0x01], [0x00, 0x61, 0x73, 0x6d, 0x02]),
  },
  {
    name: 'a core function index out of bounds',
    code: 'WC1101',
    bytes: async () => patch(await parseWat(`(component
      (core module $m (func (export "f") (result i32) i32.const 1))
      (core instance $i (instantiate $m))
      (alias core export $i "f" (core func $f))
      (func (export "g") (result u32) (canon lift (core func $f))))`), 8, [0x00, 0x00, 0x00], [0x00, 0x00, 0x07]),
  },
  {
    name: 'two imports whose names differ only in case',
    code: 'WC1105',
    bytes: async () => parseWat('(component (import "get-x" (func)) (import "GET-X" (func)))'),
  },
  {
    name: 'a name that is not kebab-case',
    code: 'WC1104',
    bytes: async () => parseWat('(component (import "get_x" (func)))'),
  },
  {
    name: 'a name whose first word starts with a digit (later words may: `get-3d`)',
    code: 'WC1104',
    bytes: async () => parseWat('(component (import "get-3d" (func)) (import "3d" (func)))'),
  },
  {
    name: 'an interface name with an invalid version',
    code: 'WC1104',
    bytes: async () => parseWat('(component (import "demo:x/y@1.0" (instance)))'),
  },
  {
    name: '[constructor] naming another resource (issue 8, finding 1)',
    code: 'WC1106',
    bytes: async () => parseWat(`(component
      (import "demo:h/types@0.1.0" (instance
        (export "fields" (type $f (sub resource)))
        (export "trailers" (type (eq $f)))
        (type $o (own $f)) (export "[constructor]trailers" (func (result $o))))))`),
  },
  {
    name: '[method] without a borrowed self',
    code: 'WC1106',
    bytes: async () => parseWat(`(component
      (import "demo:h/types@0.1.0" (instance
        (export "fields" (type $f (sub resource)))
        (type $o (own $f)) (export "[method]fields.get" (func (param "self" $o))))))`),
  },
  {
    name: 'own of a type that is not a resource',
    code: 'WC1103',
    bytes: async () => parseWat(`(component (type $p (record (field "a" u32))) (type (own $p)))`),
  },
  {
    name: 'a borrow in a function result',
    code: 'WC1103',
    bytes: async () => parseWat(`(component (import "r" (type $r (sub resource))) (type (func (result (borrow $r)))))`),
  },
  {
    name: 'an export using a type that is neither imported nor exported',
    code: 'WC1112',
    bytes: async () => parseWat(`(component
      (type $p (record (field "x" u32)))
      (core module $m (func (export "f") (result i32) i32.const 0))
      (core instance $i (instantiate $m))
      (func $g (result $p) (canon lift (core func $i "f")))
      (export "g" (func $g)))`),
  },
  {
    name: 'type nesting deeper than 100',
    code: 'WC1011',
    bytes: async () => {
      let types = '(type $t0 (list u8))';
      for (let i = 1; i <= 101; i++) types += ` (type $t${i} (list $t${i - 1}))`;
      return parseWat(`(component ${types})`);
    },
  },
  {
    name: 'an instantiation missing an import',
    code: 'WC1108',
    bytes: async () => parseWat(`(component
      (component $c (import "f" (func)))
      (instance (instantiate $c)))`),
  },
  {
    name: 'an instantiation argument of another function type',
    code: 'WC1108',
    bytes: async () => parseWat(`(component
      (import "g" (func $g (param "a" u32)))
      (component $c (import "f" (func (param "a" string))))
      (instance (instantiate $c (with "f" (func $g)))))`),
  },
  {
    name: 'an alias of an export the instance does not have',
    code: 'WC1109',
    bytes: async () => patch(await parseWat(`(component
      (import "i" (instance $i (export "f" (func))))
      (alias export $i "f" (func)))`), 6, [0x01, 0x66], [0x01, 0x67]),
  },
  {
    name: 'canon option memory given twice',
    code: 'WC1107',
    bytes: async () => parseWat(`(component
      (import "f" (func $f (param "s" string)))
      (core module $m (memory (export "m") 1))
      (core instance $i (instantiate $m))
      (core func (canon lower (func $f) (memory (core memory $i "m")) (memory (core memory $i "m")))))`),
  },
  {
    name: 'a string lowered without memory',
    code: 'WC1107',
    bytes: async () => parseWat(`(component
      (import "f" (func $f (param "s" string)))
      (core func (canon lower (func $f))))`),
  },
];

describe('rules: refused by the validator with their code, and by jco', () => {
  it.each(ruleCases)('$name → $code', async ({ code, bytes }) => {
    const b = await bytes();
    const start = performance.now();
    expect(ourCode(b)).toBe(code);
    expect(performance.now() - start).toBeLessThan(500);
    expect(await jcoRejects(b)).toMatch(/./);
  });
});

describe('dependency names with a version range: `>` inside `{…}` does not close the name', () => {
  const imported = (name: string): Promise<Uint8Array> =>
    parseWat(`(component (import ${JSON.stringify(name)} (component)))`);
  it.each([
    'unlocked-dep=<a:b@{>=1.2.3}>',
    'unlocked-dep=<a:b@{>=1.2.3 <2.0.0}>',
    'unlocked-dep=<a:b@{<2.0.0}>',
    'unlocked-dep=<a:b@*>',
  ])('%s is accepted, as jco accepts it', async (name) => {
    const b = await imported(name);
    expect(ourCode(b)).toBeUndefined();
    await jcoValidate(b);
  });
  it.each(['unlocked-dep=<a:b@{>=1.2.3}>x', 'unlocked-dep=<a:b@{>=1.2.3>', 'unlocked-dep=<a:b@{>=x}>'])('%s is refused (WC1104), as jco refuses it', async (name) => {
    const b = await imported(name);
    expect(ourCode(b)).toBe('WC1104');
    expect(await jcoRejects(b)).toMatch(/./);
  });
});

// ───────────────────────────── hooks: where inputs are read, where the output is written ─────────────────────────────

describe('inputs are validated when read', () => {
  it('`wcompose plug` with an invalid input: exit 1, file, offset, rule and hint, nothing written', async () => {
    const socket = join(dir, 'socket.wasm');
    writeFileSync(socket, await ruleCases.find((c) => c.code === 'WC1113')!.bytes());
    const out = join(dir, 'out.wasm');
    const result = await runCli(['plug', socket, '--plug', socket, '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/socket\.wasm: at byte \d+ \(0x[0-9a-f]+\): .*cancellable.* \[WC1113\]/);
    expect(result.stderr).toMatch(/hint: .*component-model#716/);
    expect(existsSync(out)).toBe(false);
  });

  it('`validate: false` (--no-validate) lets such an input through, as wac --no-validate does', async () => {
    const bad = join(dir, 'cancellable.wasm');
    writeFileSync(bad, await ruleCases.find((c) => c.code === 'WC1113')!.bytes());
    const app = join(dir, 'app.wasm');
    writeFileSync(app, await buildComposeWat('upper'));
    const out = join(dir, 'unvalidated.wasm');
    await expect(plug({ socket: app, plugs: [bad], output: out })).rejects.toMatchObject({ code: 'WC1113' });
    expect(existsSync(out)).toBe(false);
    // Nothing to plug: the point is that reading it no longer fails.
    await expect(plug({ socket: app, plugs: [bad], output: out, validate: false })).rejects.toMatchObject({ code: 'WC4014' });
  });
});

describe('a WAC document\'s packages are validated when read', () => {
  it('`build doc.wac`: an invalid package is WC1113; `--no-validate` (`validate: false`) lets it through', async () => {
    const bad = join(dir, 'wac-cancellable.wasm');
    writeFileSync(bad, await ruleCases.find((c) => c.code === 'WC1113')!.bytes());
    const doc = join(dir, 'doc.wac');
    writeFileSync(doc, 'package a:b;\nlet x = new t:bad {};\n');
    const out = join(dir, 'doc-out.wasm');
    await expect(build({ config: doc, deps: { 't:bad': bad }, output: out })).rejects.toMatchObject({ code: 'WC1113' });
    expect(existsSync(out)).toBe(false);
    const result = await build({ config: doc, deps: { 't:bad': bad }, output: out, validate: false });
    expect(result.warnings.map((w) => w.code)).toEqual(['WC4011']);
    expect(existsSync(out)).toBe(true);

    const cliOut = join(dir, 'doc-cli.wasm');
    const refused = await runCli(['build', doc, '--dep', `t:bad=${bad}`, '-o', cliOut]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[WC1113]');
    expect(existsSync(cliOut)).toBe(false);
    const through = await runCli(['build', doc, '--dep', `t:bad=${bad}`, '-o', cliOut, '--no-validate']);
    expect(through.code).toBe(0);
    expect(existsSync(cliOut)).toBe(true);
  }, 60_000);
});

describe('the composed output is validated before it is written', () => {
  it('an invalid output is an internal error naming WC9101 and asking for a bug report', async () => {
    const upper = await buildComposeWat('upper');
    const { bytes } = compose({
      components: [{ name: 'upper', file: 'upper.wasm', bytes: upper, type: decodeComponent(upper) }],
      instances: [{ name: 'upper', component: 'upper', with: {} }],
    });
    expect(() => validateOutput([bytes])).not.toThrow();
    // Point the export at an instance that does not exist: the kind of bug the validator is there to catch.
    const broken = bytes.slice();
    const exports = ComponentReader.open(broken).headers.find((h) => h.kind === 'export')!;
    // The last export is `name, 0x05 (instance) index, 0x00 (no ascribed type)`: its index is the byte before last.
    expect(broken[exports.end - 3]).toBe(0x05);
    broken[exports.end - 2] = 0x7f;
    let error: unknown;
    try {
      validateOutput([broken]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidOutputError);
    expect(isWcomposeError(error)).toBe(false);
    expect(String((error as Error).message)).toMatch(/internal error: the composed component is invalid .*\[WC9101\].*bug in wcompose/);
    expect(await jcoRejects(broken)).toMatch(/./);
  });
});
