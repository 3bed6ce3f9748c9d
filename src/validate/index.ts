import { ComponentReader } from '../binary/read.js';
import { isWcomposeError } from '../diagnostics/error.js';
import { validateReader } from './component.js';
import { InvalidOutputError } from './error.js';
import type { ComponentT } from './types.js';

export { InvalidOutputError, ValidationError } from './error.js';

/**
 * Components validated so far, by their bytes: an input validated when read is not walked again when it is embedded
 * in a composed output (components are closed, so their type does not depend on where they are embedded).
 */
const validated = new WeakMap<Uint8Array, ComponentT>();

/**
 * Validates the component layer of a component binary: index spaces and bounds, types where they are used, names,
 * canonical options, instantiations, aliases and limits, as wasm-tools' validator does. Core modules are embedded
 * verbatim: only their header is checked, and their import and export sections read. Throws a `ValidationError`
 * (a `WcomposeError` with a WC11xx code and the byte offset) for the first rule broken.
 */
export function validateComponent(bytes: Uint8Array): void {
  if (validated.has(bytes)) return;
  const type = validateReader(ComponentReader.open(bytes), undefined);
  validated.set(bytes, type);
}

/**
 * Validates a composed component before it is written, given as the chunks `emitChunks` returns (the embedded
 * inputs by reference). Embedded inputs already validated are not walked again; nothing is copied but the small
 * chunks. A failure is a bug in wcompose: it throws `InvalidOutputError`, never a user diagnostic.
 */
export function validateOutput(chunks: readonly Uint8Array[]): void {
  const size = chunks.reduce((n, c) => n + c.length, 0);
  // A zeroed buffer of the full size costs no copy for the large chunks we skip (their pages are never touched).
  const bytes = chunks.length === 1 ? chunks[0]! : new Uint8Array(size);
  const known = new Map<number, ComponentT>();
  let at = 0;
  for (const c of chunks) {
    const type = chunks.length === 1 ? undefined : validated.get(c);
    if (type !== undefined) known.set(at, type);
    else if (bytes !== c) bytes.set(c, at);
    at += c.length;
  }
  try {
    validateReader(ComponentReader.open(bytes), undefined, known);
  } catch (e) {
    if (isWcomposeError(e)) throw new InvalidOutputError(e);
    throw e;
  }
}
