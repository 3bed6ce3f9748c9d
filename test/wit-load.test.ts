/** WIT worlds as inputs: loading through wit-parser, caching, and errors as diagnostics. */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWcomposeError, type WcomposeError } from '../src/diagnostics/error.js';
import { clearWitMemoryCache, loadWitWorld, oneLine } from '../src/wit/load.js';
import { WASI_0_2_12, tempDir } from './check-helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  tmp = await tempDir();
});

afterAll(() => tmp.remove());

/** Writes files (path → text) under a new folder and returns it. */
async function files(name: string, contents: Record<string, string>): Promise<string> {
  const dir = join(tmp.path, name);
  for (const [path, text] of Object.entries(contents)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

async function failure(p: Promise<unknown>): Promise<WcomposeError> {
  try {
    await p;
  } catch (e) {
    if (isWcomposeError(e)) return e;
    throw e;
  }
  throw new Error('expected a diagnostic');
}

describe('loadWitWorld', () => {
  it('loads a folder with deps/, versions, use and include', async () => {
    const { type, bytes } = await loadWitWorld({ path: WASI_0_2_12, world: 'command' });
    expect([...bytes.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
    expect([...type.imports.keys()]).toEqual(expect.arrayContaining([
      'wasi:io/streams@0.2.12', 'wasi:cli/stdin@0.2.12', 'wasi:clocks/monotonic-clock@0.2.12',
      'wasi:filesystem/types@0.2.12', 'wasi:sockets/tcp@0.2.12', 'wasi:random/random@0.2.12',
    ]));
    // Unstable interfaces stay out unless their feature is enabled.
    expect([...type.imports.keys()]).not.toContain('wasi:clocks/timezone@0.2.12');
    expect([...type.exports.keys()]).toEqual(['wasi:cli/run@0.2.12']);
    // `use`: stdin's input-stream is streams' own resource.
    const streams = type.imports.get('wasi:io/streams@0.2.12');
    const stdin = type.imports.get('wasi:cli/stdin@0.2.12');
    expect(streams?.kind === 'instance' && stdin?.kind === 'instance').toBe(true);
    if (streams?.kind === 'instance' && stdin?.kind === 'instance') {
      expect(stdin.type.exports.get('input-stream')?.type).toBe(streams.type.exports.get('input-stream')?.type);
    }
  });

  it('enables unstable features on request', async () => {
    const { type } = await loadWitWorld({ path: WASI_0_2_12, world: 'command', features: ['clocks-timezone'] });
    expect([...type.imports.keys()]).toContain('wasi:clocks/timezone@0.2.12');
  });

  it('loads a single file, and WIT source', async () => {
    const dir = await files('single', { 'hello.wit': 'package demo:hello;\nworld hello { export greet: func(name: string) -> string; }\n' });
    const fromFile = await loadWitWorld({ path: join(dir, 'hello.wit') });
    expect([...fromFile.type.exports.keys()]).toEqual(['greet']);
    const fromSource = await loadWitWorld({ source: 'package demo:hello;\nworld hello { import log: func(msg: string); }\n' });
    expect([...fromSource.type.imports.keys()]).toEqual(['log']);
  });

  it('caches by content and world, in memory and on disk', async () => {
    const cacheDir = join(tmp.path, 'cache');
    const source = 'package demo:c;\nworld a { export f: func(); }\nworld b { export g: func(); }\n';
    const a = await loadWitWorld({ source, world: 'a' }, { cacheDir });
    expect(await loadWitWorld({ source, world: 'a' }, { cacheDir })).toBe(a); // memory
    const b = await loadWitWorld({ source, world: 'b' }, { cacheDir });
    expect(b.hash).not.toBe(a.hash);
    expect((await readdir(cacheDir)).sort()).toEqual([`${a.hash}.wasm`, `${b.hash}.wasm`].sort());
    expect(new Uint8Array(await readFile(join(cacheDir, `${a.hash}.wasm`)))).toEqual(a.bytes);
    // The disk cache is what a new process reads: swap an entry and watch it come back.
    clearWitMemoryCache();
    await writeFile(join(cacheDir, `${a.hash}.wasm`), b.bytes);
    expect([...(await loadWitWorld({ source, world: 'a' }, { cacheDir })).type.exports.keys()]).toEqual(['g']);
  });

  it('hashes every .wit file under a folder', async () => {
    const dir = await files('hashing', {
      'world.wit': 'package demo:h;\nworld w { import demo:dep/i; }\n',
      'deps/dep/i.wit': 'package demo:dep;\ninterface i { f: func(); }\n',
    });
    const before = await loadWitWorld({ path: dir, world: 'w' }, { cacheDir: false });
    await writeFile(join(dir, 'deps/dep/i.wit'), 'package demo:dep;\ninterface i { f: func(); g: func(); }\n');
    const after = await loadWitWorld({ path: dir, world: 'w' }, { cacheDir: false });
    expect(after.hash).not.toBe(before.hash);
    const i = after.type.imports.get('demo:dep/i');
    expect(i?.kind === 'instance' ? [...i.type.exports.keys()] : []).toEqual(['f', 'g']);
  });
});

describe('WIT errors', () => {
  it('names the file with the syntax error in a folder, in one line', async () => {
    const dir = await files('syntax', {
      'types.wit': 'package demo:s;\ninterface types { record r { x: u32 } }\n',
      'world.wit': 'package demo:s;\nworld w {\n  import f: func(x: u32) -> ;\n}\n',
    });
    const e = await failure(loadWitWorld({ path: dir, world: 'w' }));
    expect(e.code).toBe('WC2101');
    expect(e.file).toBe(join(dir, 'world.wit'));
    expect(e.format()).toBe(`${join(dir, 'world.wit')}: expected a type, found ';' [WC2101]`);
  });

  it('finds the error inside deps/', async () => {
    const dir = await files('deps-syntax', {
      'world.wit': 'package demo:d;\nworld w { import demo:dep/i; }\n',
      'deps/dep/i.wit': 'package demo:dep;\ninterface i { f: func() -> ; }\n',
    });
    const e = await failure(loadWitWorld({ path: dir, world: 'w' }));
    expect([e.code, e.file, e.message]).toEqual(['WC2101', join(dir, 'deps/dep/i.wit'), "expected a type, found ';'"]);
  });

  it('reports a missing dependency', async () => {
    const dir = await files('missing-dep', { 'world.wit': 'package demo:m;\nworld w { import wasi:io/streams@0.2.0; }\n' });
    const e = await failure(loadWitWorld({ path: dir, world: 'w' }));
    expect(e.code).toBe('WC2103');
    expect(e.message).toBe("package 'wasi:io@0.2.0' not found. known packages: demo:m");
    expect(e.file).toBe(dir);
  });

  it('reports an unknown or ambiguous world', async () => {
    const dir = await files('worlds', { 'world.wit': 'package demo:w;\nworld a {}\nworld b {}\n' });
    const unknown = await failure(loadWitWorld({ path: dir, world: 'c' }));
    expect([unknown.code, unknown.message]).toEqual(['WC2102', 'World `c` not found in package `demo:w`']);
    const ambiguous = await failure(loadWitWorld({ path: dir }));
    expect([ambiguous.code, ambiguous.message]).toEqual([
      'WC2102', 'There are multiple worlds in `demo:w`; one must be explicitly chosen: demo:w/a, demo:w/b',
    ]);
    const otherPackage = await failure(loadWitWorld({ path: dir, world: 'demo:nope/a' }));
    expect(otherPackage.code).toBe('WC2102');
  });

  it('reports a path that does not exist (without crashing wit-parser)', async () => {
    const e = await failure(loadWitWorld({ path: join(tmp.path, 'nowhere') }));
    expect(e.code).toBe('WC9001');
    // wit-parser still works afterwards.
    expect((await loadWitWorld({ source: 'package a:b;\nworld w {}\n' })).type.imports.size).toBe(0);
  });

  it('names WIT source by the name given', async () => {
    const e = await failure(loadWitWorld({ source: 'package a:b;\nworld w { import f: func() -> ; }\n', sourceName: 'inline.wit' }));
    expect(e.format()).toBe("inline.wit: expected a type, found ';' [WC2101]");
  });

  it('keeps messages to one line', () => {
    expect(oneLine("package 'x:y' not found. known packages:\n    a:b\n    c:d\n")).toBe("package 'x:y' not found. known packages: a:b, c:d");
  });
});

describe('wit-parser instance', () => {
  it('recovers when a trap (from anyone in this process) left the shared wasm-tools instance unusable', async () => {
    const shared = await import('@bytecodealliance/jco-transpile/wasm-tools');
    // A nonexistent witPath makes jco's wasm-tools panic (it prints the panic to stderr): the instance is dead.
    await expect(shared.componentEmbed({ dummy: true, witPath: join(tmp.path, 'does-not-exist') })).rejects.toThrow(/wasm trap/);
    await expect(shared.parse('(component)')).rejects.toThrow(/cannot enter component instance/);
    const { type } = await loadWitWorld({ source: 'package demo:trap;\nworld w { export f: func(); }\n' }, { cacheDir: false });
    expect([...type.exports.keys()]).toEqual(['f']);
  });
});
