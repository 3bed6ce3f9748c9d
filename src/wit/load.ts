import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { WcomposeError, isWcomposeError } from '../diagnostics/error.js';
import { isMissingPackage, jcoMissing, jcoPackage } from '../io/optional-package.js';
import { decodeComponent } from '../types/decode.js';
import type { ComponentType } from '../types/model.js';

/**
 * WIT worlds as inputs. A WIT package (a file, or a folder with `deps/`, versions, `use`, `include`) is resolved by
 * the reference wit-parser, through jco's build of wasm-tools: `componentEmbed({ dummy: true })` makes a core module
 * whose imports and exports are the world's, `componentNew` wraps it into a component, and wcompose's own decoder
 * reads that component's type. So WIT worlds and component binaries end up in one type model.
 *
 * Results are cached by content (every .wit file under the path, and the world's name): in memory, and on disk
 * under node_modules/.cache/wcompose/wit/ (or the system's temporary folder when there is no node_modules).
 */

export interface WitInput {
  /** A .wit file, or a folder holding a package (its .wit files) and its dependencies in `deps/`. */
  path?: string;
  /** WIT text of one file, instead of `path`. */
  source?: string;
  /** What to call `source` in messages (default `<wit source>`). */
  sourceName?: string;
  /** The world: a name in the root package, or `namespace:package/world[@version]`; may be left out if there is one. */
  world?: string;
  /** Unstable WIT features to enable (`@unstable(feature = …)`); none by default, like wit-parser. */
  features?: string[];
}

export interface LoadWitOptions {
  /** Where to cache on disk; false for no disk cache. Default: node_modules/.cache/wcompose/wit/ or the temp folder. */
  cacheDir?: string | false;
}

export interface LoadedWorld {
  /** The world as a component type: its imports and exports are the world's. */
  type: ComponentType;
  /** The world as a (dummy) component binary. */
  bytes: Uint8Array;
  /** The content hash the caches use. */
  hash: string;
  /** The file or folder the world came from, or the source's name. */
  file: string;
}

/** Bumped when what is cached changes shape. */
const cacheFormat = 'wcompose-wit-1';

const memory = new Map<string, Promise<LoadedWorld>>();

/** Loads a world from WIT into wcompose's type model. */
export async function loadWitWorld(input: WitInput, options: LoadWitOptions = {}): Promise<LoadedWorld> {
  if ((input.path === undefined) === (input.source === undefined)) {
    throw new TypeError('loadWitWorld needs exactly one of `path` and `source`');
  }
  const path = input.path === undefined ? undefined : resolve(input.path);
  const file = path ?? input.sourceName ?? '<wit source>';
  const hash = await contentHash(input, path, file);
  let loaded = memory.get(hash);
  if (loaded === undefined) {
    loaded = build(input, path, file, hash, options);
    memory.set(hash, loaded);
    loaded.catch(() => memory.delete(hash));
  }
  return loaded;
}

/** Forgets the in-memory cache (the disk cache stays). */
export function clearWitMemoryCache(): void {
  memory.clear();
}

async function build(input: WitInput, path: string | undefined, file: string, hash: string, options: LoadWitOptions): Promise<LoadedWorld> {
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  const cached = cacheDir === false ? undefined : join(cacheDir, `${hash}.wasm`);
  if (cached !== undefined) {
    const bytes = await readFile(cached).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength), () => undefined);
    if (bytes !== undefined) {
      try {
        return { type: decodeComponent(bytes), bytes, hash, file };
      } catch {
        // A damaged cache entry: make it again.
      }
    }
  }
  const bytes = await runWitParser(input, path, file);
  let type: ComponentType;
  try {
    type = decodeComponent(bytes);
  } catch (e) {
    if (isWcomposeError(e)) throw e.inFile(file);
    throw e;
  }
  if (cached !== undefined) await writeCache(cached, bytes);
  return { type, bytes, hash, file };
}

async function writeCache(target: string, bytes: Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, target);
  } catch {
    // The cache is an optimisation: a read-only folder must not fail the load.
  }
}

function defaultCacheDir(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'wcompose', 'wit');
    if (dirname(dir) === dir) return join(tmpdir(), 'wcompose-cache', 'wit');
  }
}

// ---- content hash ----------------------------------------------------------------------------------------------

async function contentHash(input: WitInput, path: string | undefined, file: string): Promise<string> {
  const h = createHash('sha256');
  const part = (s: string | Uint8Array): void => {
    h.update(typeof s === 'string' ? `${s.length}:` : `${s.byteLength}:`);
    h.update(s);
  };
  part(cacheFormat);
  part(await toolVersion());
  part(input.world ?? '');
  part((input.features ?? []).join(','));
  if (path === undefined) {
    part('source');
    part(input.source!);
  } else {
    for (const f of await witFiles(path, file)) {
      part(relative(path, f).split(sep).join('/'));
      part(await readFile(f));
    }
  }
  return h.digest('hex');
}

/** The files wit-parser reads for a path: the file itself, or every .wit file under the folder (and deps' .wasm). */
async function witFiles(path: string, file: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new WcomposeError('WC9001', 'cannot read WIT: no such file or folder', { file });
  }
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  const walk = async (dir: string, inDeps: boolean): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(full).then((s) => s.isDirectory(), () => false)));
      if (isDir) await walk(full, inDeps || entry.name === 'deps');
      else if (entry.name.endsWith('.wit') || (inDeps && entry.name.endsWith('.wasm'))) out.push(full);
    }
  };
  await walk(path, false);
  return out;
}

// ---- wit-parser, through jco's wasm-tools ----------------------------------------------------------------------

interface WasmTools {
  componentEmbed(opts: {
    dummy?: boolean;
    witSource?: string;
    witPath?: string;
    world?: string;
    features?: { tag: 'list'; val: string[] } | { tag: 'all' };
  }): Uint8Array | Promise<Uint8Array>;
  componentNew(bytes: Uint8Array, adapters?: [string, Uint8Array][]): Uint8Array | Promise<Uint8Array>;
}

const require = createRequire(import.meta.url);
let tools: Promise<WasmTools> | undefined;
let instances = 0;

function wasmToolsEntry(): string {
  try {
    return require.resolve('@bytecodealliance/jco-transpile/wasm-tools');
  } catch (e) {
    if (isMissingPackage(e, jcoPackage)) throw jcoMissing('WIT packages (check --wit, WIT deps of .wac documents)');
    throw e;
  }
}

/**
 * jco's wasm-tools, with the host file system visible to it: its WASI imports come from preview2-shim, whose
 * preopens start empty (any `witPath` then fails with "os error 44"), so `/` is added once, in the copy of the shim
 * the wasm-tools module itself resolves. After a trap the instance is unusable, so a fresh one is made.
 */
function wasmTools(): Promise<WasmTools> {
  tools ??= (async () => {
    const entry = wasmToolsEntry();
    const fsShim = (await import(
      /* @vite-ignore */ pathToFileURL(createRequire(entry).resolve('@bytecodealliance/preview2-shim/filesystem')).href
    )) as { _getPreopens(): [unknown, string][]; _addPreopen(virtualPath: string, hostPath: string): void };
    if (!fsShim._getPreopens().some(([, virtualPath]) => virtualPath === '/')) fsShim._addPreopen('/', '/');
    if (instances++ === 0) return (await import(/* @vite-ignore */ pathToFileURL(entry).href)) as WasmTools;
    // A fresh instance of the vendored component: import its module under another URL.
    const vendor = new URL('../vendor/wasm-tools.js', pathToFileURL(entry));
    vendor.search = `?instance=${instances}`;
    const mod = (await import(/* @vite-ignore */ vendor.href)) as { $init: Promise<void>; tools: WasmTools };
    await mod.$init;
    return mod.tools;
  })();
  return tools;
}

let version: Promise<string> | undefined;

/** The version of the wasm-tools build (part of the cache key: another wit-parser may read WIT differently). */
function toolVersion(): Promise<string> {
  version ??= (async () => {
    try {
      const pkg = join(dirname(wasmToolsEntry()), '..', 'package.json');
      return (JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  })();
  return version;
}

async function runWitParser(input: WitInput, path: string | undefined, file: string): Promise<Uint8Array> {
  const opts = {
    dummy: true,
    ...(path === undefined ? { witSource: input.source! } : { witPath: path }),
    ...(input.world === undefined ? {} : { world: input.world }),
    ...(input.features && input.features.length > 0 ? { features: { tag: 'list' as const, val: input.features } } : {}),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const t = await wasmTools();
      const core = await t.componentEmbed(opts);
      return await t.componentNew(core);
    } catch (e) {
      if (isWcomposeError(e)) throw e;
      // A trap may come from an earlier call (by anyone in this process) that left the instance unusable.
      if (isTrap(e) && attempt === 0) {
        tools = undefined;
        continue;
      }
      throw await witError(e, path, file, input.world);
    }
  }
}

/** The text of an error thrown by the wasm-tools component (a ComponentError carries it in `payload`). */
function errorText(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'payload' in e && typeof e.payload === 'string') return e.payload;
  return e instanceof Error ? e.message : String(e);
}

function isTrap(e: unknown): boolean {
  return e instanceof Error && (e.constructor.name === 'RuntimeError' || /wasm trap/.test(e.message));
}

/** wit-parser messages span lines (`known packages:\n    a:b`); diagnostics are one line. */
export function oneLine(message: string): string {
  const [first = '', ...rest] = message.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  return rest.length === 0 ? first : `${first} ${rest.join(', ')}`;
}

function classify(message: string, world: string | undefined): DiagnosticCode {
  const unknown = /^unknown package `([^`]+)`/.exec(message);
  if (unknown && world?.startsWith(`${unknown[1]}/`)) return 'WC2102'; // the world was named with a package that is not there
  if (/\bworlds?\b/i.test(message) && /not found|multiple worlds|no worlds?|explicitly chosen|does not contain|no world/i.test(message)) {
    return 'WC2102';
  }
  if (/package '[^']*' not found/.test(message)) return 'WC2103';
  return 'WC2101';
}

async function witError(e: unknown, path: string | undefined, file: string, world: string | undefined): Promise<WcomposeError> {
  if (isTrap(e)) {
    tools = undefined; // the instance is dead; the next load makes a new one
    return new WcomposeError('WC2101', `wit-parser crashed: ${oneLine(errorText(e))}`, { file });
  }
  const message = oneLine(errorText(e));
  const located = path === undefined ? { file, message } : await locate(message, file);
  return new WcomposeError(classify(located.message, world), located.message, { file: located.file });
}

const parseFailure = /^failed to parse (?:package|dependency directory): (.+)$/;

/**
 * wit-parser, as built into jco, reports a folder that fails to parse as just "failed to parse package: <dir>"
 * (the cause is lost on the way). To name the file and the actual problem, parse the folder's entries one by one:
 * a file whose own error is not about names from elsewhere is the culprit.
 */
async function locate(message: string, file: string, depth = 0): Promise<{ file: string; message: string }> {
  const m = parseFailure.exec(message);
  if (m === null || depth > 4) return { file, message };
  const dir = m[1]!;
  let entries: string[];
  try {
    entries = (await readdir(dir)).sort().map((n) => join(dir, n));
  } catch {
    return { file: dir, message };
  }
  for (const entry of entries) {
    const isDir = await stat(entry).then((s) => s.isDirectory(), () => false);
    if (!isDir && !entry.endsWith('.wit')) continue;
    if (isDir && !message.startsWith('failed to parse dependency directory')) continue;
    let own: string | undefined;
    try {
      const t = await wasmTools();
      await t.componentEmbed({ dummy: true, witPath: entry });
    } catch (e) {
      if (isTrap(e)) {
        tools = undefined;
        break;
      }
      own = oneLine(errorText(e));
    }
    if (own === undefined) continue;
    if (parseFailure.test(own)) return locate(own, entry, depth + 1);
    if (!isDir && !/not found|does not exist|not defined|no worlds?|multiple worlds|explicitly chosen|depends on|cannot be resolved|unknown package/i.test(own)) {
      return { file: entry, message: own };
    }
  }
  return { file: dir, message };
}
