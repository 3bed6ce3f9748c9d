/**
 * Seeded mutants of component binaries, for comparing wcompose's validator with jco's (wasmparser's) verdicts.
 *
 * Mutations: a bit flip, a changed LEB128 byte, a truncation, and section-level edits (a top-level section
 * duplicated, dropped, or swapped with the next). Each mutant says whether it only touched the inside of an embedded
 * core module (past its 8-byte header): such mutants break core code or core types, which wcompose embeds verbatim
 * and does not validate, so they are out of the comparison (counted apart).
 */
import { ComponentReader } from '../../src/binary/read.js';

/** mulberry32: a small, seeded, reproducible PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Mutant {
  bytes: Uint8Array;
  /** What was done, e.g. `bit@123`, for reproducing a disagreement. */
  what: string;
  /** Only bytes inside an embedded core module's body changed. */
  coreOnly: boolean;
}

/** [start, end) of every embedded core module's body (after its 8-byte header), nested components included. */
export function coreBodies(bytes: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  const walk = (r: ComponentReader, depth: number): void => {
    if (depth > 50) return;
    for (const h of r.headers) {
      if (h.kind === 'coreModule') out.push([h.start + 8, h.end]);
      if (h.kind === 'component') walk(r.nested(h), depth + 1);
    }
  };
  walk(ComponentReader.open(bytes), 0);
  return out;
}

function inCore(offset: number, bodies: readonly [number, number][]): boolean {
  return bodies.some(([s, e]) => offset >= s && offset < e);
}

/** A random offset, mostly outside core module bodies (the component layer is what is compared). */
function pickOffset(bytes: Uint8Array, rand: () => number, bodies: readonly [number, number][]): number {
  const any = (): number => 8 + Math.floor(rand() * (bytes.length - 8));
  if (rand() < 0.2) return any();
  for (let i = 0; i < 20; i++) {
    const at = any();
    if (!inCore(at, bodies)) return at;
  }
  return any();
}

export function mutate(bytes: Uint8Array, rand: () => number, bodies: readonly [number, number][]): Mutant {
  const kind = rand();
  if (kind < 0.45) {
    const at = pickOffset(bytes, rand, bodies);
    const out = bytes.slice();
    out[at] = out[at]! ^ (1 << Math.floor(rand() * 8));
    return { bytes: out, what: `bit@${at}`, coreOnly: inCore(at, bodies) };
  }
  if (kind < 0.75) {
    const at = pickOffset(bytes, rand, bodies);
    const out = bytes.slice();
    const old = out[at]!;
    const r = rand();
    // A small count or index (what LEB128 fields hold), one more or one less, or a continuation bit toggled.
    out[at] = r < 0.4 ? Math.floor(rand() * 8) : r < 0.6 ? (old + 1) & 0xff : r < 0.8 ? (old + 255) & 0xff : old ^ 0x80;
    return { bytes: out, what: `leb@${at}:${old}->${out[at]}`, coreOnly: inCore(at, bodies) };
  }
  if (kind < 0.82) {
    const at = 8 + Math.floor(rand() * (bytes.length - 8));
    return { bytes: bytes.slice(0, at), what: `truncate@${at}`, coreOnly: false };
  }
  const headers = ComponentReader.open(bytes).headers;
  const i = Math.floor(rand() * headers.length);
  const h = headers[i]!;
  const section = bytes.subarray(h.offset, h.end);
  const before = bytes.subarray(0, h.offset);
  const after = bytes.subarray(h.end);
  if (kind < 0.9) return { bytes: concat(before, section, section, after), what: `dup-section#${i}`, coreOnly: false };
  if (kind < 0.95 || i + 1 >= headers.length) return { bytes: concat(before, after), what: `drop-section#${i}`, coreOnly: false };
  const next = headers[i + 1]!;
  return {
    bytes: concat(before, bytes.subarray(next.offset, next.end), section, bytes.subarray(next.end)),
    what: `swap-sections#${i}`,
    coreOnly: false,
  };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
