/**
 * Sanity checks for the test fixtures themselves: every fixture builds, is a
 * valid component according to wasm-tools/jco, and the JS fixtures behave as
 * their sources say.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  EXPERIMENTAL_WAT_FIXTURES,
  buildJs,
  buildWat,
  fixturePath,
  jsFixtureNames,
  watFixtureNames,
} from './support/fixtures.js';
import { jcoPrint, jcoWit, runCommand, runComponent, validateComponent } from './support/jco.js';
import { FIXTURES_DIR } from './support/paths.js';
import { normalizeWit } from './support/wit.js';
import { parseWat } from './support/wasm-tools.js';

/** `\0asm` + component-model version/layer (0x0d 0x00, 0x01 0x00). */
const COMPONENT_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

function expectComponentHeader(bytes: Uint8Array): void {
  expect([...bytes.subarray(0, 8)]).toEqual(COMPONENT_HEADER);
}

describe('WAT fixtures', () => {
  const names = watFixtureNames();

  it('has the expected set of fixtures', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of EXPERIMENTAL_WAT_FIXTURES) expect(names).toContain(name);
  });

  describe.each(names)('%s.wat', (name) => {
    it('parses to a valid component', async () => {
      const bytes = await buildWat(name);
      expectComponentHeader(bytes);
      await expect(validateComponent(bytes)).resolves.toBeUndefined();
      expect(await jcoWit(bytes)).toMatch(/^package root:component;/);
    });

    it('starts with a comment saying what it covers', async () => {
      const source = await readFile(join(FIXTURES_DIR, 'wat', `${name}.wat`), 'utf8');
      expect(source).toMatch(new RegExp(`^;; ${name}\\.wat\\n;; Covers: `));
    });

    it('round-trips through the wasm-tools printer', async () => {
      const bytes = await buildWat(name);
      expect(await parseWat(await jcoPrint(bytes))).toEqual(bytes);
    });

    it('is cached on disk', async () => {
      const path = await fixturePath('wat', name);
      expect(path).toMatch(/node_modules\/\.cache\/wcompose-fixtures\/wat\//);
      expect(new Uint8Array(await readFile(path))).toEqual(await buildWat(name));
    });
  });
});

describe('WAT fixtures with real core code run under jco', () => {
  // These pin down the fixtures' observable behaviour, so tests of linked /
  // rewritten output can compare against it.
  it('simple: run() and api.answer()', async () => {
    const exports = await runComponent<{ run(): void; api: { answer(): number } }>(
      await buildWat('simple'),
      'simple',
    );
    expect(exports.run()).toBeUndefined();
    expect(exports.api.answer()).toBe(42);
  });

  it('nested: greet through two levels of nested components', async () => {
    const logs: string[] = [];
    type Greet = (s: string) => string;
    const exports = await runComponent<{ greet: Greet; greetTwice: Greet; api: { greet: Greet } }>(
      await buildWat('nested'),
      'nested',
      { imports: { 'host-log': { default: (msg: string) => void logs.push(msg) } } },
    );
    expect(exports.greet('a')).toBe('a');
    expect(exports.greetTwice('b')).toBe('b');
    expect(exports.api.greet('c')).toBe('c');
    expect(logs).toEqual(['a', 'b', 'c']);
  });

  it('core: core modules, globals, tables and aliases wired correctly', async () => {
    const logs: [number, string][] = [];
    const exports = await runComponent<{ run(): number; math: { double(x: number): number } }>(
      await buildWat('core'),
      'core',
      {
        imports: {
          'demo:core/host': {
            log: (level: number, msg: string) => void logs.push([level, msg]),
            add: (a: number, b: number) => a + b,
          },
        },
      },
    );
    expect(exports.run()).toBe(43); // counter 0 -> 1, plus the 42 global
    expect(exports.math.double(21)).toBe(42);
    expect(logs).toEqual([[1, 'run']]);
  });

  it('resources: exported resource implemented in core wasm, imported resources', async () => {
    class Blob {
      constructor(readonly data: Uint8Array) {}
      read(n: number): Uint8Array {
        return this.data.slice(0, n);
      }
      size(): bigint {
        return BigInt(this.data.length);
      }
      static merge(a: Blob, b: Blob): Blob {
        return new Blob(new Uint8Array([...a.data, ...b.data]));
      }
    }
    interface Counter {
      increment(): number;
      label(): string;
    }
    interface CounterClass {
      new (start: number): Counter;
      fromBlob(b: Blob): Counter;
      merge(a: Counter, b: Counter): Counter;
    }
    const exports = await runComponent<{
      counter: { Counter: CounterClass; toBlob(c: Counter): Blob };
    }>(await buildWat('resources'), 'resources', {
      imports: {
        'demo:res/types': { Blob },
        'demo:res/ops': {
          cloneBlob: (b: Blob) => new Blob(b.data),
          blobLen: (b: Blob) => b.data.length,
        },
      },
    });
    const { Counter, toBlob } = exports.counter;
    const c = new Counter(5);
    expect(c.increment()).toBe(6);
    expect(c.label()).toBe('counter');
    const blob = toBlob(c);
    expect(blob).toBeInstanceOf(Blob);
    expect([...blob.data]).toEqual([6, 0, 0, 0]);
    const fromBlob = Counter.fromBlob(new Blob(new Uint8Array([1, 2, 3])));
    expect(fromBlob.increment()).toBe(7); // size (3) + blob-len (3) + 1
    expect(Counter.merge(c, fromBlob).increment()).toBe(14);
  });
});

describe('test-support helpers', () => {
  it('validateComponent rejects invalid components with the wasm-tools message', async () => {
    const zeroLengthList = await parseWat('(component (import "f" (func (param "e" (list u8 0)))))');
    await expect(validateComponent(zeroLengthList)).rejects.toThrow(/more than zero elements/);
  });

  it('parse errors point at file:line:col', async () => {
    await expect(parseWat('(component\n  (import))', 'broken.wat')).rejects.toThrow(
      /^broken\.wat:2:\d+: /,
    );
  });

  it('survives a wasm-tools panic (prints a Rust panic message to stderr)', async () => {
    // wit-parser hits `unreachable` on dependency-style names; the poisoned
    // wasm-tools instance must be replaced, not reused.
    const panics = await parseWat('(component (import "unlocked-dep=<a:b/c>" (func)))');
    await expect(validateComponent(panics)).rejects.toThrow(/trapped/);
    await expect(validateComponent(await buildWat('primitives'))).resolves.toBeUndefined();
  });

  it('normalizeWit ignores comments and whitespace only', () => {
    const a = `// header\npackage a:b;\n/* block /* nested */ */ interface i {\n  /// doc\n  f: func(x: u32) -> string;\n}`;
    const b = 'package a:b; interface i { f: func(x:u32)->string; }';
    expect(normalizeWit(a)).toBe(normalizeWit(b));
    expect(normalizeWit('interface i { f: func(); }')).not.toBe(normalizeWit('interface j { f: func(); }'));
  });
});

describe('JS fixtures', () => {
  it('includes hello and cli', () => {
    expect(jsFixtureNames()).toEqual(expect.arrayContaining(['cli', 'hello']));
  });

  it('hello: pure component exporting the greeter interface', async () => {
    const bytes = await buildJs('hello');
    expectComponentHeader(bytes);
    await validateComponent(bytes);
    expect(normalizeWit(await jcoWit(bytes))).toBe(
      normalizeWit(`
        package root:component;
        world root {
          export greeter: interface {
            greet: func(name: string) -> string;
          }
        }
      `),
    );
  });

  it('hello: greet() behaves like component.js', async () => {
    const source = (await import(
      pathToFileURL(join(FIXTURES_DIR, 'js', 'hello', 'component.js')).href
    )) as { greeter: { greet(name: string): string } };
    const expected = source.greeter.greet('x');
    expect(expected).toBe('Hello, x!');

    const exports = await runComponent<{ greeter: { greet(name: string): string } }>(
      await buildJs('hello'),
      'hello',
    );
    expect(exports.greeter.greet('x')).toBe(expected);
    expect(exports.greeter.greet('wcompose ✓')).toBe(source.greeter.greet('wcompose ✓'));
  });

  it('cli: exports wasi:cli/run and imports WASI stdio', async () => {
    const bytes = await buildJs('cli');
    await validateComponent(bytes);
    const wit = await jcoWit(bytes);
    expect(wit).toMatch(/export wasi:cli\/run@0\.2\.3;/);
    expect(wit).toMatch(/import wasi:cli\/stdout@0\.2\.\d+;/);
    expect(wit).toMatch(/import wasi:io\/streams@0\.2\.\d+;/);
  });

  it('cli: runs as a command and prints to stdout', async () => {
    const result = await runCommand(await buildJs('cli'), 'cli');
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('hello from wcompose cli fixture\n');
    expect(result.code).toBe(0);
  });

  it('is cached on disk', async () => {
    const path = await fixturePath('js', 'hello');
    expect((await stat(path)).size).toBeGreaterThan(1_000_000);
  });
});
