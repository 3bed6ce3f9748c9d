import { ComponentReader } from '../binary/read.js';
import { isWcomposeError } from '../diagnostics/error.js';
import { validateReader } from './component.js';
import { coreCodeCheck } from './core-code.js';
import { InvalidOutputError } from './error.js';
import type { ComponentT } from './types.js';

export { InvalidOutputError, ValidationError } from './error.js';

/**
 * Components validated so far, by their bytes: an input validated when read is not walked again when it is embedded
 * in a composed output (components are closed, so their type does not depend on where they are embedded).
 */
const validated = new WeakMap<Uint8Array, ComponentT>();

/**
 * Validates a component binary (an input): its component layer (index spaces and bounds, types where they are used,
 * names, canonical options, instantiations, aliases and limits, as wasm-tools' validator does), and the code of its
 * core modules, which V8 validates (`core-code.ts`; for a large file read by its component layer only, each module is
 * read from the file in turn; `coreCode: false` leaves that out, for commands that embed nothing). Throws a
 * `ValidationError` (a `WcomposeError` with a WC11xx code and the byte offset) for the first rule broken.
 */
export function validateComponent(bytes: Uint8Array, options: { coreCode?: boolean } = {}): void {
  const coreCode = options.coreCode !== false;
  if (validated.has(bytes) && (!coreCode || codeChecked.has(bytes))) return;
  const type = validateReader(ComponentReader.open(bytes), undefined, undefined, coreCode ? coreCodeCheck(bytes) : undefined);
  validated.set(bytes, type);
  if (coreCode) codeChecked.add(bytes);
}

/** Components whose core modules' code V8 has validated too (see `validateComponent`'s `coreCode`). */
const codeChecked = new WeakSet<Uint8Array>();

/**
 * Validates a composed component before it is written, given as the chunks `emitChunks` returns (the embedded
 * inputs by reference). An embedded input validated when it was read is not walked (nor copied) again: its section is
 * validated as an empty stand-in whose type is the input's. A failure is a bug in wcompose: it throws
 * `InvalidOutputError`, never a user diagnostic. (Offsets in its message are in that compacted layout.)
 */
export function validateOutput(chunks: readonly Uint8Array[]): void {
  const parts: Uint8Array[] = [];
  const known = new Map<number, ComponentT>();
  let length = 0;
  for (const c of chunks) {
    const type = validated.get(c);
    const last = parts[parts.length - 1];
    const header = type === undefined || last === undefined ? undefined : sectionHeader(0x04, c.length);
    if (header !== undefined && last !== undefined && endsWith(last, header)) {
      // Replace `0x04 size` + payload by `0x04 0x00`: an empty component section, known to have the input's type.
      parts[parts.length - 1] = last.subarray(0, last.length - header.length + 1);
      parts.push(Uint8Array.of(0x00));
      length += 2 - header.length;
      known.set(length, type!);
      continue;
    }
    parts.push(c);
    length += c.length;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  try {
    validateReader(ComponentReader.open(bytes), undefined, known);
  } catch (e) {
    if (isWcomposeError(e)) throw new InvalidOutputError(e);
    throw e;
  }
}

/** A section's id byte and its size as LEB128. */
function sectionHeader(id: number, size: number): number[] {
  const out = [id];
  let v = size >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function endsWith(bytes: Uint8Array, tail: readonly number[]): boolean {
  if (bytes.length < tail.length) return false;
  const from = bytes.length - tail.length;
  return tail.every((b, i) => bytes[from + i] === b);
}
