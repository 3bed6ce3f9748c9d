/**
 * Structure-aware mutations of component binaries, for the fuzzer. A mutant is a pure function of (seed, stream,
 * index): the same three numbers always give the same bytes, so any finding can be replayed (`--repro`).
 *
 * Components are walked as trees of sections (nested components included), so that mutations can aim at what
 * wcompose parses: section sizes and vector counts (LEB128), indices, section order, whole sections taken from
 * another component. Core modules are skipped by wcompose (read by size), so their insides get few mutations, but
 * their headers some.
 */

// ───────────────────────────── a seeded generator ─────────────────────────────

/** A 32-bit hash of a few numbers (for per-mutant seeds). */
export function hash32(...parts) {
  let h = 0x811c9dc5;
  for (const p of parts) {
    let x = p >>> 0;
    for (let i = 0; i < 4; i++) {
      h ^= x & 0xff;
      h = Math.imul(h, 0x01000193);
      x >>>= 8;
    }
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for choosing mutations. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    float: next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
}

/** Picks a key of `weights` ({ name: weight }) at random. */
function weighted(r, weights) {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  let x = r.float() * total;
  for (const [k, w] of Object.entries(weights)) {
    x -= w;
    if (x < 0) return k;
  }
  return Object.keys(weights)[0];
}

// ───────────────────────────── LEB128 ─────────────────────────────

export function uleb(n) {
  const out = [];
  let v = n >>> 0;
  for (;;) {
    const b = v & 0x7f;
    v >>>= 7;
    if (v === 0) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** Reads an unsigned LEB128 at `pos` (at most 5 bytes): { value, length }, or undefined past `end`. */
function readUleb(bytes, pos, end) {
  let value = 0;
  let shift = 0;
  for (let i = 0; i < 5 && pos + i < end; i++) {
    const b = bytes[pos + i];
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return { value, length: i + 1 };
    shift += 7;
  }
  return undefined;
}

// ───────────────────────────── the section tree ─────────────────────────────

const COMPONENT_SECTION = 4;
const CORE_MODULE_SECTION = 1;

/**
 * The sections of the component in bytes[start, end): { preamble: [start, start + 8), sections: [{ id, at, payload:
 * [from, to), nested? }] }. Lenient: stops at the first section that does not frame (mutants of mutants need not).
 */
export function parseTree(bytes, start = 0, end = bytes.length, depth = 0) {
  const sections = [];
  let pos = start + 8;
  while (pos < end) {
    const at = pos;
    const id = bytes[pos++];
    const size = readUleb(bytes, pos, end);
    if (size === undefined) break;
    pos += size.length;
    if (pos + size.value > end) break;
    const section = { id, at, from: pos, to: pos + size.value };
    if (id === COMPONENT_SECTION && depth < 4 && size.value >= 8) section.nested = parseTree(bytes, pos, pos + size.value, depth + 1);
    sections.push(section);
    pos += size.value;
  }
  return { start, end, sections };
}

/** The trees of the corpus' components, parsed once (mutants of them are parsed each time). */
const trees = new WeakMap();

function treeOf(bytes) {
  let tree = trees.get(bytes);
  if (tree === undefined) {
    tree = parseTree(bytes);
    trees.set(bytes, tree);
  }
  return tree;
}

/** Every section of the tree, nested ones included, with the chain of sections that enclose it. */
function allSections(tree, outer = []) {
  const out = [];
  for (const s of tree.sections) {
    out.push({ section: s, outer, tree });
    if (s.nested) out.push(...allSections(s.nested, [...outer, s]));
  }
  return out;
}

/**
 * Rebuilds `bytes` with bytes[from, to) replaced by `insert`, fixing the size fields of the sections in `outer`
 * (outermost first) so the framing stays consistent.
 */
function splice(bytes, from, to, insert, outer) {
  // From the innermost edit outwards: each enclosing section is rebuilt around the edited piece, with its new size
  // (whose LEB128 may change width, shifting what follows: hence the rebuilding).
  let piece = { bytes: insert, from, to };
  for (let i = outer.length - 1; i >= 0; i--) {
    const s = outer[i];
    const payload = concat([bytes.subarray(s.from, piece.from), piece.bytes, bytes.subarray(piece.to, s.to)]);
    piece = { bytes: concat([Uint8Array.from([s.id, ...uleb(payload.length)]), payload]), from: s.at, to: s.to };
  }
  return concat([bytes.subarray(0, piece.from), piece.bytes, bytes.subarray(piece.to)]);
}

/** `n` as an unsigned LEB128 of exactly `length` bytes (non-minimal when needed), if it fits. */
function ulebPadded(n, length) {
  if (length > 5 || (length < 5 && n >= 2 ** (7 * length))) return undefined;
  const out = [];
  for (let i = 0; i < length; i++) {
    const b = Math.floor(n / 2 ** (7 * i)) & 0x7f;
    out.push(i < length - 1 ? b | 0x80 : b);
  }
  return out;
}

function concat(parts) {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ───────────────────────────── mutations ─────────────────────────────

const interestingCounts = (v) => [0, 1, 2, v - 1, v + 1, v * 2, 0x7f, 0x80, 0x3fff, 0x4000, 0xffff, 1e6, 2 ** 31 - 1, 2 ** 32 - 1, 2 ** 32 - 16];
const interestingBytes = [0x00, 0x01, 0x02, 0x3f, 0x40, 0x41, 0x42, 0x7f, 0x80, 0xff, 0x6b, 0x70, 0x69, 0x68];

/** A position worth mutating: outside core modules' insides most of the time (wcompose only frames them). */
function position(r, bytes, tree) {
  const core = allSections(tree).filter((s) => s.section.id === CORE_MODULE_SECTION).map((s) => s.section);
  for (let tries = 0; tries < 8; tries++) {
    const p = r.int(bytes.length);
    const inCore = core.find((s) => p >= s.from + 16 && p < s.to);
    if (inCore === undefined || r.chance(0.02)) return p;
  }
  return r.int(Math.min(bytes.length, 64));
}

/**
 * A mutation of `bytes`, as `{ op, patch }` (same length: `[pos, byte]` pairs, which can be applied in place and undone,
 * cheap for 12 MB inputs) or `{ op, bytes }` (a new buffer). `donor` is another corpus entry, for splices.
 */
export function mutate(r, bytes, donor, cacheable = false) {
  const tree = cacheable ? treeOf(bytes) : parseTree(bytes);
  const sections = (tree.all ??= allSections(tree));
  const op = weighted(r, {
    bitflip: 24, byte: 10, leb: 22, index: 10, swap: 6, duplicate: 6, remove: 5, splice: 6, truncate: 4, chop: 4, insert: 3,
  });
  const nonCore = sections.filter((s) => s.section.id !== CORE_MODULE_SECTION && s.section.id !== COMPONENT_SECTION && s.section.to > s.section.from);
  switch (op) {
    case 'bitflip': {
      const patch = [];
      for (let i = 1 + r.int(r.chance(0.8) ? 1 : 4); i > 0; i--) {
        const p = position(r, bytes, tree);
        patch.push([p, bytes[p] ^ (1 << r.int(8))]);
      }
      return { op, patch };
    }
    case 'byte': {
      const p = position(r, bytes, tree);
      return { op, patch: [[p, r.chance(0.7) ? r.pick(interestingBytes) : r.int(256)]] };
    }
    case 'leb':
    case 'index': {
      // A size field (leb) or a LEB-looking number inside a non-core payload (index: counts, indices, lengths).
      let at;
      let outer;
      let value;
      let length;
      if (op === 'leb' || nonCore.length === 0) {
        if (sections.length === 0) return { op, patch: [[8 % bytes.length, r.int(256)]] };
        const s = r.pick(sections);
        at = s.section.at + 1;
        outer = s.outer;
        ({ value, length } = readUleb(bytes, at, s.section.from) ?? { value: 0, length: 1 });
        if (r.chance(0.5) && s.section.to > s.section.from) {
          // The first number of the payload: the vector count of most sections.
          at = s.section.from;
          outer = [...s.outer, s.section];
          ({ value, length } = readUleb(bytes, at, s.section.to) ?? { value: 0, length: 1 });
        }
      } else {
        const s = r.pick(nonCore);
        at = s.section.from + r.int(s.section.to - s.section.from);
        outer = [...s.outer, s.section];
        ({ value, length } = readUleb(bytes, at, s.section.to) ?? { value: bytes[at], length: 1 });
      }
      const v = r.chance(0.8) ? r.pick(interestingCounts(value)) : r.int(2 ** 32);
      const encoded = uleb(Math.max(0, Math.min(v, 2 ** 32 - 1)));
      // Same width: patched in place; else rebuilt, with the sizes around it fixed or, now and then, left inconsistent.
      const same = r.chance(0.5) ? ulebPadded(Math.min(v, 2 ** 32 - 1), length) : undefined;
      if (same !== undefined) return { op, patch: same.map((b, i) => [at + i, b]) };
      const fix = r.chance(0.85) ? outer : [];
      return { op, bytes: splice(bytes, at, at + length, Uint8Array.from(encoded), fix) };
    }
    case 'swap':
    case 'duplicate':
    case 'remove': {
      // At one nesting level: two sections swapped, one duplicated (right after itself or elsewhere), or one removed.
      const levels = [tree, ...sections.filter((s) => s.section.nested).map((s) => s.section.nested)];
      const level = r.pick(levels);
      if (level.sections.length === 0) return { op, patch: [[0, bytes[0]]] };
      const outer = outerOf(sections, level);
      const ss = level.sections;
      const raw = (s) => bytes.subarray(s.at, s.to);
      const i = r.int(ss.length);
      let parts;
      if (op === 'swap') {
        const j = ss.length > 1 ? (i + 1 + r.int(ss.length - 1)) % ss.length : i;
        parts = ss.map((s, k) => raw(k === i ? ss[j] : k === j ? ss[i] : s));
      } else if (op === 'duplicate') {
        const where = r.chance(0.5) ? i : r.int(ss.length);
        parts = ss.flatMap((s, k) => (k === where ? [raw(s), raw(ss[i])] : [raw(s)]));
      } else {
        parts = ss.filter((_, k) => k !== i).map(raw);
      }
      const from = ss[0].at;
      const to = ss[ss.length - 1].to;
      return { op, bytes: splice(bytes, from, to, concat(parts), outer) };
    }
    case 'splice': {
      // A section of another component, inserted at a random place of this one's top level.
      const d = donor ?? bytes;
      const dSections = allSections(treeOf(d)).filter((s) => s.section.to - s.section.at < 1 << 20);
      if (dSections.length === 0 || tree.sections.length === 0) return { op, patch: [[0, bytes[0]]] };
      const piece = r.pick(dSections).section;
      const target = r.pick(tree.sections);
      const at = r.chance(0.5) ? target.at : target.to;
      return { op, bytes: splice(bytes, at, at, d.subarray(piece.at, piece.to), []) };
    }
    case 'truncate': {
      // The file cut short (as a failed download would).
      const cut = r.chance(0.5) && sections.length > 0 ? r.pick(sections).section.from : 8 + r.int(Math.max(1, bytes.length - 8));
      return { op, bytes: bytes.slice(0, Math.min(cut + r.int(4), bytes.length)) };
    }
    case 'chop':
    case 'insert': {
      // Bytes removed from or inserted into one section's payload, its size (and the enclosing ones) fixed.
      if (nonCore.length === 0) return { op, patch: [[0, bytes[0]]] };
      const s = r.pick(nonCore);
      const at = s.section.from + r.int(s.section.to - s.section.from);
      const n = 1 + r.int(op === 'chop' ? Math.min(8, s.section.to - at) : 8);
      const insert = op === 'chop' ? new Uint8Array(0) : Uint8Array.from({ length: n }, () => (r.chance(0.5) ? r.pick(interestingBytes) : r.int(256)));
      return { op, bytes: splice(bytes, at, op === 'chop' ? Math.min(at + n, s.section.to) : at, insert, [...s.outer, s.section]) };
    }
  }
  throw new Error(`unknown mutation ${op}`);
}

/** The sections that enclose a level of the tree (for fixing their sizes). */
function outerOf(sections, level) {
  const owner = sections.find((s) => s.section.nested === level);
  return owner === undefined ? [] : [...owner.outer, owner.section];
}

/** Applies a patch in place; returns the undo patch. */
export function applyPatch(bytes, patch) {
  const undo = patch.map(([p]) => [p, bytes[p]]).reverse();
  for (const [p, b] of patch) bytes[p] = b;
  return undo;
}

/**
 * The mutant `index` of `stream` for a corpus: which entry, and the mutation (one to three stacked, the later ones
 * applied to the result of the earlier). Entries with `weight` are picked that often relative to the others.
 */
export function mutant(seed, stream, index, corpus) {
  const r = rng(hash32(seed, stream, index));
  const total = corpus.reduce((a, c) => a + (c.weight ?? 1), 0);
  let x = r.float() * total;
  let entry = corpus[0];
  for (const c of corpus) {
    x -= c.weight ?? 1;
    if (x < 0) {
      entry = c;
      break;
    }
  }
  const donor = r.pick(corpus).bytes;
  const stacked = r.chance(0.75) ? 1 : 2 + r.int(2);
  let m = mutate(r, entry.bytes, donor, true);
  for (let i = 1; i < stacked; i++) {
    const base = m.bytes ?? withPatch(entry.bytes, m.patch);
    const next = mutate(r, base, donor);
    m = { op: `${m.op}+${next.op}`, bytes: next.bytes ?? withPatch(base, next.patch) };
  }
  return { entry, ...m };
}

/**
 * Which plug scenario plug mutant `index` uses: the small ones evenly, the big ones (two 12 MB componentize-js
 * components, whose output jco takes seconds to validate) with `bigWeight` each.
 */
export function scenarioOf(index, scenarios, bigWeight) {
  const weights = scenarios.map((sc) => (sc.big ? bigWeight : 1));
  let x = (((index + 1) * 2654435761) >>> 0) / 4294967296 * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) {
    x -= w;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** The mutant of plug mutant `index` in its scenario: the scenario's components are its corpus, one of them picked. */
export function plugMutant(seed, stream, index, scenario) {
  const parts = scenario.components.map((bytes, i) => ({ name: `${scenario.names[i]}`, bytes, slot: i }));
  const m = mutant(seed, stream, index, parts);
  return { ...m, bytes: m.bytes ?? withPatch(m.entry.bytes, m.patch) };
}

function withPatch(bytes, patch) {
  const copy = Uint8Array.from(bytes);
  applyPatch(copy, patch);
  return copy;
}
