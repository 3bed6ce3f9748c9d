/**
 * Robust access to the wasm-tools build bundled with
 * `@bytecodealliance/jco-transpile` (`parse`, `print`, `componentWit`).
 *
 * Why not just `import { parse } from '@bytecodealliance/jco-transpile/wasm-tools'`?
 * The bundled wasm-tools is itself a component instance. When one of its
 * calls *panics* (e.g. `componentWit` on some unusual-but-valid names hits an
 * `unreachable`) the instance is poisoned and every later call in the same
 * process fails with "wasm trap: cannot enter component instance". A single
 * bad input would then break every following test in that worker. Here each
 * trap throws away the instance and the next call loads a fresh copy of the
 * vendored module (a distinct module instance via a `?instance=N` URL query).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The subset of the vendored wasm-tools `tools` interface we use. */
export interface WasmToolsApi {
  parse(wat: string): Uint8Array;
  print(component: Uint8Array): string;
  componentWit(component: Uint8Array): string;
}

interface VendorModule {
  $init: Promise<void>;
  tools: WasmToolsApi;
}

/** Error thrown for a wasm-tools failure (bad WAT, invalid component, trap). */
export class WasmToolsError extends Error {
  constructor(
    message: string,
    /** `true` if wasm-tools trapped (panicked) rather than returning an error. */
    readonly trapped: boolean,
  ) {
    super(message);
    this.name = 'WasmToolsError';
  }
}

const require = createRequire(import.meta.url);

function vendorUrl(): URL {
  // `./wasm-tools` resolves to <pkg>/dist/wasm-tools.js; the vendored
  // component bindings live in <pkg>/vendor/wasm-tools.js (not exported).
  const dist = require.resolve('@bytecodealliance/jco-transpile/wasm-tools');
  return pathToFileURL(join(dirname(dist), '..', 'vendor', 'wasm-tools.js'));
}

let generation = 0;
let current: Promise<WasmToolsApi> | undefined;

async function load(): Promise<WasmToolsApi> {
  const url = vendorUrl();
  generation += 1;
  url.searchParams.set('instance', String(generation));
  const mod = (await import(/* @vite-ignore */ url.href)) as VendorModule;
  await mod.$init;
  return mod.tools;
}

function errorPayload(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'payload' in err) {
    const { payload } = err as { payload: unknown };
    if (typeof payload === 'string') return payload;
  }
  return undefined;
}

/**
 * Run `fn` against a healthy wasm-tools instance. wasm-tools errors (bad
 * input) become `WasmToolsError`; a trap additionally discards the instance.
 */
export async function withWasmTools<T>(fn: (tools: WasmToolsApi) => T): Promise<T> {
  current ??= load();
  const tools = await current;
  try {
    return fn(tools);
  } catch (err) {
    // WebAssembly.RuntimeError (a trap); `WebAssembly` has no typings with lib ES2023.
    if (err instanceof Error && err.name === 'RuntimeError') {
      current = undefined;
      throw new WasmToolsError(`wasm-tools trapped (instance discarded): ${err.message}`, true);
    }
    const payload = errorPayload(err);
    if (payload !== undefined) throw new WasmToolsError(payload, false);
    throw err;
  }
}

/**
 * Turn wasm-tools' Rust-Debug-formatted WAT parse error into
 * `file:line:col: message` where possible (falls back to the raw text).
 */
export function formatParseError(raw: string, file: string): string {
  const pos = /line: (\d+), col: (\d+)/.exec(raw);
  const kind = /kind: Custom\("((?:[^"\\]|\\.)*)"\)/.exec(raw) ?? /kind: (\w+)/.exec(raw);
  if (!pos || !kind) return `${file}: ${raw}`;
  const line = Number(pos[1]) + 1;
  const col = Number(pos[2]) + 1;
  return `${file}:${line}:${col}: ${kind[1]}`;
}

/** Parse component (or core module) WAT text into a binary. */
export async function parseWat(wat: string, file = '<wat>'): Promise<Uint8Array> {
  try {
    return await withWasmTools((t) => t.parse(wat));
  } catch (err) {
    if (err instanceof WasmToolsError && !err.trapped) {
      throw new WasmToolsError(formatParseError(err.message, file), false);
    }
    throw err;
  }
}

/** Print a binary component/module as WAT. */
export function printWasm(bytes: Uint8Array): Promise<string> {
  return withWasmTools((t) => t.print(bytes));
}

/**
 * Decode a component's world to WIT text (root package only). Validates
 * the binary with wasmparser (all features enabled) as a side effect and
 * rejects components whose imports/exports are not expressible in WIT.
 */
export function componentWitText(bytes: Uint8Array): Promise<string> {
  return withWasmTools((t) => t.componentWit(bytes));
}
