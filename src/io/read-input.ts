import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readComponentLayer } from '../binary/layer.js';
import { WcomposeError, isWcomposeError } from '../diagnostics/error.js';
import type { ComponentType } from '../types/model.js';
import { decodeComponent } from '../types/decode.js';
import { validateComponent } from '../validate/index.js';
import { importJco } from './optional-package.js';

/** Reads a file, turning file-system failures into diagnostics that name the file. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    const data = await readFile(path);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (e) {
    throw readError(e, path);
  }
}

function readError(e: unknown, path: string): WcomposeError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? String(e);
  return new WcomposeError('WC9001', `cannot read file: ${why}`, { file: path });
}

/** Binaries at least this large are read by their component layer only (smaller ones are read whole: one read). */
const PARTIAL_READ_THRESHOLD = 1024 * 1024;

/**
 * Reads a component binary: whole when it is small, else only its component layer, with positioned reads that skip
 * core modules by their size (see `readComponentLayer`): composing twenty 12 MB components then holds kilobytes of
 * each, not 240 MB, and their bytes go from the input files to the output when it is written.
 */
export function readComponentBinary(path: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw readError(e, path);
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (info.size < PARTIAL_READ_THRESHOLD) {
      const bytes = new Uint8Array(info.size);
      for (let at = 0; at < bytes.length; ) {
        const n = readSync(fd, bytes, at, bytes.length - at, at);
        if (n === 0) return bytes.subarray(0, at);
        at += n;
      }
      return bytes;
    }
    return readComponentLayer(path, info.size, (into, at, length, position) => readSync(fd, into, at, length, position));
  } catch (e) {
    throw readError(e, path);
  } finally {
    closeSync(fd);
  }
}

/** Runs `fn`, attaching `file` to any diagnostic it raises. */
export function inFile<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isWcomposeError(e) && e.file === undefined) throw e.inFile(file);
    throw e;
  }
}

/**
 * wasm-tools reports WAT errors in Rust's debug format; this keeps the line, column and message:
 * `line 62, column 88: the \`core\` keyword is required…`.
 */
export function watErrorMessage(raw: string): string {
  const pos = /line: (\d+), col: (\d+)/.exec(raw);
  const kind = /kind: Custom\("((?:[^"\\]|\\.)*)"\)/.exec(raw) ?? /kind: (\w+)/.exec(raw);
  const message = kind?.[1]?.replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  if (pos === null || message === undefined) return raw.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'parse error';
  return `line ${Number(pos[1]) + 1}, column ${Number(pos[2]) + 1}: ${message}`;
}

/** Turns component WAT text into a binary with wasm-tools' parser (through jco), for `.wat` inputs. */
async function parseWat(text: string, file: string): Promise<Uint8Array> {
  const { parse } = await importJco(() => import('@bytecodealliance/jco-transpile/wasm-tools'), '.wat inputs', file);
  try {
    return await parse(text);
  } catch (e) {
    throw new WcomposeError('WC4106', `invalid WAT: ${watErrorMessage(e instanceof Error ? e.message : String(e))}`, { file });
  }
}

export interface LoadOptions {
  /** Validate the component layer first (default: true); `false` is `--no-validate`. */
  validate?: boolean | undefined;
  /**
   * Have V8 validate the code of its core modules too (default: true, when validating). Commands that embed nothing
   * (`inspect`, `check`, `init`) pass `false`: core code matters to what is composed, and costs about 2 ms a MB.
   */
  coreCode?: boolean | undefined;
}

/**
 * Reads a component file (`.wasm`, or `.wat` text), validates its component layer (a WC11xx error naming the file
 * and the offset when it breaks a rule), and decodes its type.
 */
export async function loadComponentFile(path: string, options: LoadOptions = {}): Promise<{ bytes: Uint8Array; type: ComponentType }> {
  const bytes = path.endsWith('.wat')
    ? await parseWat(new TextDecoder().decode(await readInputFile(path)), path)
    : readComponentBinary(path);
  return {
    bytes,
    type: inFile(path, () => {
      if (options.validate !== false) validateComponent(bytes, { coreCode: options.coreCode });
      return decodeComponent(bytes);
    }),
  };
}
