/**
 * What the fuzzer runs a mutant through, and how it judges the outcome: wcompose's own code (the built `dist/`), and
 * jco's build of wasm-tools (wasmparser) as the oracle of validity.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isWcomposeError } from '../dist/diagnostics/error.js';
import { plug } from '../dist/index.js';
import { decodeComponent } from '../dist/types/decode.js';
import { componentTypeJson } from '../dist/types/json.js';
import { printWorld } from '../dist/wit/print-world.js';

/**
 * `wcompose inspect` on bytes, in memory: decoding (what `loadComponentFile` does after reading the file), the JSON
 * form and the WIT form (WIT cannot express everything: its diagnostics are outcomes like any other).
 */
export function inspectBytes(bytes) {
  const type = decodeComponent(bytes);
  JSON.stringify(componentTypeJson(type));
  try {
    printWorld(type);
  } catch (e) {
    if (!isWcomposeError(e)) throw e;
  }
}

/** An outcome: `ok`, or `diagnostic` (with its code), or `crash` (with a one-line signature for grouping). */
export function classify(e) {
  if (e === undefined) return { outcome: 'ok' };
  if (isWcomposeError(e)) return { outcome: 'diagnostic', code: e.code };
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const frame = e instanceof Error ? (e.stack ?? '').split('\n').find((l) => l.includes('/dist/')) ?? '' : '';
  return { outcome: 'crash', message, signature: `${message.slice(0, 120)} @ ${frame.trim().replace(/^at /, '').replace(/:\d+\)?$/, '')}` };
}

export function runInspect(bytes) {
  try {
    inspectBytes(bytes);
    return classify(undefined);
  } catch (e) {
    return classify(e);
  }
}

/**
 * `wcompose plug` through the API, with files (so that "nothing is written on failure" is checked too): the socket and
 * plugs are in `dir` (one of them replaced by the mutant), the output goes to `dir/out.wasm`.
 */
export async function preparePlug(dir, files, mutated, bytes) {
  await rm(join(dir, 'out.wasm'), { force: true });
  await writeFile(files[mutated], bytes);
}

/** Runs `plug` on the files `preparePlug` wrote (what is timed for hangs). */
export async function runPlug(dir, files) {
  const output = join(dir, 'out.wasm');
  let result;
  try {
    await plug({ socket: files[0], plugs: files.slice(1), output });
    result = classify(undefined);
    result.output = new Uint8Array(await readFile(output));
  } catch (e) {
    result = classify(e);
    if (existsSync(output)) result = { outcome: 'wrote-on-failure', message: `${output} written although plug failed (${result.code ?? result.message})` };
  }
  return result;
}

// ───────────────────────────── the oracle ─────────────────────────────

const require = createRequire(import.meta.url);
let generation = 0;
let tools;

async function loadTools() {
  const dist = require.resolve('@bytecodealliance/jco-transpile/wasm-tools');
  const url = pathToFileURL(join(dirname(dist), '..', 'vendor', 'wasm-tools.js'));
  url.searchParams.set('instance', String(++generation));
  const mod = await import(url.href);
  await mod.$init;
  return mod.tools;
}

/**
 * Whether jco (wasmparser, every feature on) accepts a component: `{ valid, message }`. It is asked through
 * `componentWit`, which validates before printing; a failure after validation (something WIT cannot express) is
 * `valid: true` with `witOnly` set. A trap (a panic in wasm-tools) discards the instance and counts as invalid.
 */
export async function jcoValidate(bytes) {
  tools ??= await loadTools();
  try {
    tools.componentWit(bytes);
    return { valid: true };
  } catch (e) {
    if (e instanceof Error && e.name === 'RuntimeError') {
      tools = undefined;
      return { valid: false, message: `wasm-tools trapped: ${e.message}` };
    }
    const message = typeof e?.payload === 'string' ? e.payload : String(e?.message ?? e);
    // wasmparser's validation errors carry a byte offset; wit-component's decoding errors do not.
    if (/\(at offset 0x[0-9a-f]+\)/.test(message)) return { valid: false, message: message.replace(/\s+/g, ' ') };
    return { valid: true, witOnly: true, message: message.replace(/\s+/g, ' ') };
  }
}
