import { limits } from '../binary/limits.js';
import { childSlots } from './children.js';
import type { AnyType, Extern, ValueType } from './model.js';

/**
 * What wasm-tools' validator knows of every type to bound the work on it (wasmparser's `TypeInfo`): its depth (a
 * primitive is 1, `list<u8>` 2) and its effective size (its nodes, a shared part counted at each use, so that a
 * type doubling at each of twenty levels is a million). wcompose refuses the types wasm-tools refuses, and everything
 * that walks the type model afterwards (checker, printers, encoder) is then bounded.
 */
export interface TypeInfo {
  depth: number;
  size: number;
}

const known = new WeakMap<object, TypeInfo>();
const leaf: TypeInfo = { depth: 1, size: 1 };

/** The parts of the type being measured (one array, reused: this runs for every type decoded). */
const scratch: (Exclude<AnyType, string> | undefined)[] = [];

function pushValue(x: ValueType | undefined): void {
  if (x !== undefined) scratch.push(typeof x === 'string' ? undefined : x);
}

function pushExterns(m: Map<string, Extern>): void {
  for (const e of m.values()) scratch.push(e.kind === 'module' || typeof e.type === 'string' ? undefined : e.type);
}

/** Puts in `scratch` the parts a type is directly made of: `undefined` for a primitive (a leaf), else the part. */
function collectParts(t: Exclude<AnyType, string>): void {
  scratch.length = 0;
  switch (t.kind) {
    case 'resource':
      return;
    case 'func':
      for (const p of t.params) pushValue(p.type);
      pushValue(t.result);
      return;
    case 'instance':
      pushExterns(t.exports);
      return;
    case 'component':
      pushExterns(t.imports);
      pushExterns(t.exports);
      return;
    default:
      for (const x of childSlots(t)) pushValue(x);
  }
}

/**
 * The depth and size of `t`, computed without recursion (an explicit stack) and remembered per type object. Sizes
 * stop growing past the limit, so that they stay small numbers.
 */
export function typeInfo(t: AnyType): TypeInfo {
  if (typeof t === 'string') return leaf;
  const done = known.get(t);
  if (done !== undefined) return done;
  const stack: Exclude<AnyType, string>[] = [t];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (known.has(top)) {
      stack.pop();
      continue;
    }
    let pending = false;
    let depth = 1;
    let size = 1;
    collectParts(top);
    for (const part of scratch) {
      const info = part === undefined ? leaf : known.get(part);
      if (info === undefined) {
        stack.push(part!);
        pending = true;
      } else if (!pending) {
        depth = Math.max(depth, info.depth + 1);
        size = Math.min(size + info.size, limits.typeSize);
      }
    }
    if (pending) continue;
    known.set(top, { depth, size });
    stack.pop();
  }
  return known.get(t)!;
}
