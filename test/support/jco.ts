/**
 * jco-based oracles for tests: WIT extraction, validation, and running a
 * component in Node via `jco transpile`.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import * as wasiFilesystem from '@bytecodealliance/preview2-shim/filesystem';
import { CACHE_DIR, PROJECT_ROOT } from './paths.js';
import { componentWitText, printWasm } from './wasm-tools.js';

export { normalizeWit } from './wit.js';

/**
 * jco / componentize-js read WIT files through preview2-shim's WASI
 * filesystem, which has no preopens by default, so any `witPath` fails with
 * "No such file or directory (os error 44)". Preopen the host root as `/`
 * unless something else has already configured preopens.
 */
export function ensurePreopens(): void {
  // TypeScript resolves preview2-shim's *browser* typings (the `types`
  // condition comes first); under Node the implementation maps virtual paths
  // to host paths, so give `_setPreopens` its Node signature.
  const setPreopens = wasiFilesystem._setPreopens as unknown as (
    preopens: Record<string, string>,
  ) => void;
  if (wasiFilesystem._getPreopens().length === 0) {
    setPreopens({ '/': '/' });
  }
}

/** The component's world as WIT text (root package only), via wasm-tools. */
export function jcoWit(bytes: Uint8Array): Promise<string> {
  return componentWitText(bytes);
}

/** The component as WAT text, via wasm-tools' printer. */
export function jcoPrint(bytes: Uint8Array): Promise<string> {
  return printWasm(bytes);
}

/**
 * Throws if `bytes` is not a valid component. Uses `componentWit`, which
 * validates with wasmparser (all proposals enabled) before decoding.
 *
 * Caveat: it also rejects *valid* components that cannot be described in WIT
 * (e.g. a top-level export of a core module/component or a type, `start`
 * functions, non-interface dependency names like `url=<...>`).
 */
export async function validateComponent(bytes: Uint8Array): Promise<void> {
  await componentWitText(bytes);
}

/** Anything a component import can be satisfied with (instance or function). */
export type ImportValue = object;

export interface RunOptions {
  /**
   * Host implementations of the component's non-WASI imports, keyed by the
   * import name *without* `@version` (e.g. `"demo:res/types"`, or `"host-log"`
   * for a top-level function import, whose value is then `{ default: fn }`).
   * When given, the component is transpiled in `instantiation: 'async'` mode
   * and WASI imports are filled in from `@bytecodealliance/preview2-shim`
   * (unless provided here too). Without it, the component is transpiled as a
   * plain ES module with jco's default WASI → preview2-shim import map.
   */
  imports?: Record<string, ImportValue>;
  /** Extra jco `map` entries (ES-module mode only). */
  map?: Record<string, string>;
}

let runCounter = 0;

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, '_') || 'component';
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

interface TranspiledDir {
  dir: string;
  entry: string;
  imports: string[];
}

const IMPORTS_FILE = 'imports.json';

/** Transpile (cached on disk by content hash) and return the output folder. */
async function transpileToCache(
  bytes: Uint8Array,
  name: string,
  mode: 'esm' | 'instantiate',
  map: Record<string, string> | undefined,
): Promise<TranspiledDir> {
  const safe = sanitize(name);
  const hash = createHash('sha256')
    .update(bytes)
    .update(JSON.stringify({ mode, map: map ?? null, name: safe }))
    .digest('hex')
    .slice(0, 16);
  const dir = join(CACHE_DIR, 'transpiled', `${safe}-${mode}-${hash}`);
  const entry = join(dir, `${safe}.js`);
  const importsPath = join(dir, IMPORTS_FILE);
  if (await exists(importsPath)) {
    const imports = JSON.parse(await readFile(importsPath, 'utf8')) as string[];
    return { dir, entry, imports };
  }
  const result = await transpileBytes(bytes, {
    name: safe,
    ...(mode === 'instantiate' ? { instantiation: 'async' as const } : {}),
    ...(map ? { map } : {}),
    emitTypescriptDeclarations: false,
  });
  // Write into a private temp dir, then rename: concurrent workers never see
  // a half-written output folder.
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  for (const [file, contents] of Object.entries(result.files)) {
    const path = join(tmp, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, contents);
  }
  await writeFile(join(tmp, IMPORTS_FILE), JSON.stringify(result.imports));
  try {
    await rename(tmp, dir);
  } catch (err) {
    // Lost a race with another worker: theirs is identical, use it.
    await rm(tmp, { recursive: true, force: true });
    if (!(await exists(importsPath))) throw err;
  }
  return { dir, entry, imports: result.imports };
}

/** `terminal-input` → `terminalInput` (jco's `#*` map convention). */
function camelCase(kebab: string): string {
  return kebab.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Resolve `wasi:<pkg>/<iface>[@ver]` to the matching preview2-shim export. */
async function wasiShimFor(importName: string): Promise<ImportValue | undefined> {
  const m = /^wasi:([a-z-]+)\/([a-z0-9-]+)(?:@(.+))?$/.exec(importName);
  if (!m) return undefined;
  const [, pkg, iface, version] = m;
  if (pkg === undefined || iface === undefined) return undefined;
  const shimPkg = version?.startsWith('0.3') ? 'preview3-shim' : 'preview2-shim';
  const mod = (await import(`@bytecodealliance/${shimPkg}/${pkg}`)) as Record<string, unknown>;
  const value = mod[camelCase(iface)];
  return typeof value === 'object' && value !== null ? value : undefined;
}

type InstantiateFn = (
  getCoreModule: undefined,
  imports: Record<string, ImportValue>,
) => Promise<Record<string, unknown>>;

/**
 * Transpile `bytes` with jco into node_modules/.cache/wcompose-fixtures/transpiled,
 * import the generated JS and return the component's exports (e.g.
 * `exports.greeter.greet("x")`). Every call gives a fresh component instance.
 * The generic parameter is only a convenience cast for the caller.
 */
export async function runComponent<T extends object = Record<string, unknown>>(
  bytes: Uint8Array,
  name: string,
  options: RunOptions = {},
): Promise<T> {
  ensurePreopens();
  runCounter += 1;
  if (options.imports === undefined) {
    const out = await transpileToCache(bytes, name, 'esm', options.map);
    const url = pathToFileURL(out.entry);
    url.searchParams.set('run', String(runCounter));
    return (await import(/* @vite-ignore */ url.href)) as T;
  }
  const out = await transpileToCache(bytes, name, 'instantiate', undefined);
  const imports: Record<string, ImportValue> = { ...options.imports };
  for (const imp of out.imports) {
    if (imports[imp] !== undefined) continue;
    const shim = await wasiShimFor(imp);
    if (shim !== undefined) imports[imp] = shim;
  }
  const missing = out.imports.filter((imp) => imports[imp] === undefined);
  if (missing.length > 0) {
    throw new Error(`runComponent(${name}): no implementation for import(s) ${missing.join(', ')}`);
  }
  const url = pathToFileURL(out.entry);
  url.searchParams.set('run', String(runCounter));
  const mod = (await import(/* @vite-ignore */ url.href)) as { instantiate: InstantiateFn };
  return (await mod.instantiate(undefined, imports)) as T;
}

/**
 * The entry module of `bytes` transpiled by jco as a plain ES module (WASI from preview2-shim), cached like
 * runComponent's: for tests that load the component in another process (e.g. to serve it over HTTP).
 */
export async function transpiledEntry(bytes: Uint8Array, name: string): Promise<string> {
  return (await transpileToCache(bytes, name, 'esm', undefined)).entry;
}

export interface CommandResult {
  /** Process exit code (0 when `run` returned `ok`). */
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run a `wasi:cli/run`-exporting component as a command in a child Node
 * process (transpiled with jco, WASI provided by preview2-shim) and capture
 * its stdio. A child process keeps the test worker's stdout clean and lets
 * `wasi:cli/exit` really exit.
 */
export async function runCommand(
  bytes: Uint8Array,
  name: string,
  options: { args?: string[]; timeoutMs?: number } = {},
): Promise<CommandResult> {
  const out = await transpileToCache(bytes, name, 'esm', undefined);
  const script = [
    `const mod = await import(${JSON.stringify(pathToFileURL(out.entry).href)});`,
    `const key = Object.keys(mod).find((k) => k.startsWith('wasi:cli/run@')) ?? 'run';`,
    `const run = mod[key];`,
    `if (!run || typeof run.run !== 'function') throw new Error('component does not export wasi:cli/run');`,
    `try { run.run(); } catch (e) { console.error(e); process.exitCode = 1; }`,
  ].join('\n');
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script, '--', ...(options.args ?? [])],
      { cwd: PROJECT_ROOT, timeout: options.timeoutMs ?? 30_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolvePromise({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}
