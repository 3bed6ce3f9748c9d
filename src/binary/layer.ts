import { COMPONENT_LAYER, COMPONENT_VERSION, MAGIC } from './read.js';
import { SectionId } from './ast.js';

/**
 * Reading only a component's component layer from a file: the section headers, and the payloads of every section
 * except core modules, which are skipped by their size. A componentize-js component is 12 MB of core module and a few
 * KB of component layer; composing or inspecting it needs only the latter, and the embedded bytes are copied from the
 * file to the output when the composition is written (see `fileBacking`).
 */

/** Reads up to `length` bytes at file offset `position` into `into[at…]`; returns how many (0 at the end of the file). */
export type ReadAt = (into: Uint8Array, at: number, length: number, position: number) => number;

/** Where a partly read component's bytes really are. */
export interface FileBacking {
  file: string;
  size: number;
}

/** How much is read past a section header at once: small sections come in one read with their headers. */
const READ_AHEAD = 64 * 1024;

const backings = new WeakMap<Uint8Array, FileBacking>();

/**
 * For bytes returned by `readComponentLayer`: the file that holds them in full. Core module payloads in such bytes are
 * zeros, so whatever needs the whole component (embedding it, hashing it) reads the file instead.
 */
export function fileBacking(bytes: Uint8Array): FileBacking | undefined {
  return backings.get(bytes);
}

/**
 * The component in `file` (`size` bytes) as a buffer of the file's size in which every byte the component layer needs
 * is at its offset in the file, so that `ComponentReader` and the decoder work on it unchanged (and report the same
 * offsets), while core modules' code, data and names are never read (only their headers and what they import and
 * export, which the validator checks). Those are left zero: the buffer is allocated zero-filled and
 * pages that are never written are never backed by memory, so the buffer costs about what the component layer does.
 * Nested components are walked the same way (with a loop, not recursion). Anything that is not a well-formed section
 * sequence is read in full from there on, for the reader to report precisely.
 */
export function readComponentLayer(file: string, size: number, read: ReadAt): Uint8Array {
  const bytes = new Uint8Array(size);
  let loadedFrom = 0;
  let loadedTo = 0;
  /** Makes sure [from, to) is in `bytes` (reading a little ahead). */
  const load = (from: number, to: number, ahead = READ_AHEAD): void => {
    if (from >= loadedFrom && to <= loadedTo) return;
    const end = Math.min(size, Math.max(to, from + ahead));
    let at = from;
    while (at < end) {
      const n = read(bytes, at, end - at, at);
      if (n <= 0) break;
      at += n;
    }
    loadedFrom = from;
    loadedTo = at;
  };
  const isComponentPreamble = (at: number, end: number): boolean => {
    if (end - at < 8) return false;
    load(at, at + 8);
    for (let i = 0; i < 4; i++) if (bytes[at + i] !== MAGIC[i]) return false;
    return (bytes[at + 4]! | (bytes[at + 5]! << 8)) === COMPONENT_VERSION && (bytes[at + 6]! | (bytes[at + 7]! << 8)) === COMPONENT_LAYER;
  };

  /** The ends of the components that enclose the one being walked. */
  const enclosing: number[] = [];
  let end = size;
  let pos = 0;
  if (!isComponentPreamble(0, size)) {
    load(0, size);
    backings.set(bytes, { file, size });
    return bytes;
  }
  pos = 8;
  for (;;) {
    if (pos >= end) {
      const outer = enclosing.pop();
      if (outer === undefined) break;
      end = outer;
      continue;
    }
    const header = sectionHeader(bytes, pos, end, load);
    if (header === undefined) {
      load(pos, size); // not a section: the reader reports what is wrong
      break;
    }
    const { id, start, sectionEnd } = header;
    if (id === SectionId.coreModule) {
      readCoreModuleLayer(bytes, start, sectionEnd, load);
      pos = sectionEnd;
    } else if (id === SectionId.component && isComponentPreamble(start, sectionEnd)) {
      enclosing.push(end);
      end = sectionEnd;
      pos = start + 8;
    } else {
      load(start, sectionEnd);
      pos = sectionEnd;
    }
  }
  backings.set(bytes, { file, size });
  return bytes;
}

/**
 * Core module sections the component layer's validator reads (what a module imports and exports, and their function
 * signatures): type (1), import (2), function (3) and export (7). Code, data, names and the rest are skipped by size.
 */
const coreSectionsRead = new Set([1, 2, 3, 7]);

/** Reads a core module's header and the sections in `coreSectionsRead`; anything malformed is read in full. */
function readCoreModuleLayer(bytes: Uint8Array, start: number, end: number, load: (from: number, to: number, ahead?: number) => void): void {
  if (end - start < 8) {
    load(start, end);
    return;
  }
  load(start, start + 8, 0);
  let pos = start + 8;
  while (pos < end) {
    const header = sectionHeader(bytes, pos, end, (from, to) => load(from, to, 0));
    if (header === undefined) {
      load(pos, end);
      return;
    }
    if (coreSectionsRead.has(header.id)) load(header.start, header.sectionEnd, 0);
    pos = header.sectionEnd;
  }
}

/** The section header at `pos` (an id byte and a LEB128 u32 size), if it is one and its payload fits before `end`. */
function sectionHeader(
  bytes: Uint8Array, pos: number, end: number, load: (from: number, to: number) => void,
): { id: number; start: number; sectionEnd: number } | undefined {
  load(pos, Math.min(end, pos + 6));
  const id = bytes[pos]!;
  let length = 0;
  let at = pos + 1;
  for (let shift = 0; ; shift += 7) {
    if (at >= end || shift > 28) return undefined;
    const b = bytes[at++]!;
    length += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
  }
  const sectionEnd = at + length;
  return sectionEnd > end ? undefined : { id, start: at, sectionEnd };
}
