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

/**
 * Calls `visit` with each part a type is directly made of: `undefined` for a primitive (a leaf), the part itself for a
 * type object. (A callback, not an array: this runs for every type of every component decoded.)
 */
function forEachPart(t: Exclude<AnyType, string>, visit: (part: Exclude<AnyType, string> | undefined) => void): void {
  const value = (x: ValueType | undefined): void => {
    if (x !== undefined) visit(typeof x === 'string' ? undefined : x);
  };
  const externs = (m: Map<string, Extern>): void => {
    for (const e of m.values()) visit(e.kind === 'module' || typeof e.type === 'string' ? undefined : e.type);
  };
  switch (t.kind) {
    case 'resource':
      return;
    case 'func':
      for (const p of t.params) value(p.type);
      value(t.result);
      return;
    case 'instance':
      externs(t.exports);
      return;
    case 'component':
      externs(t.imports);
      externs(t.exports);
      return;
    default:
      for (const x of childSlots(t)) value(x);
  }
}

/** The parts of the type being measured (one array, reused: this runs for every type decoded). */
const scratch: (Exclude<AnyType, string> | undefined)[] = [];
const collect = (part: Exclude<AnyType, string> | undefined): void => {
  scratch.push(part);
};

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
    scratch.length = 0;
    forEachPart(top, collect);
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
