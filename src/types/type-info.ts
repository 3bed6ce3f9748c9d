import { limits } from '../binary/limits.js';
import { childTypes } from './children.js';
import type { AnyType, Extern } from './model.js';

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

/** The types (and extern types) a type is directly made of. */
function parts(t: Exclude<AnyType, string>): object[] {
  switch (t.kind) {
    case 'resource':
      return [];
    case 'func':
      return [...t.params.map((p) => p.type), t.result].filter(isObject);
    case 'instance':
      return externParts(t.exports.values());
    case 'component':
      return externParts([...t.imports.values(), ...t.exports.values()]);
    default:
      return childTypes(t).filter(isObject);
  }
}

function isObject<T>(x: T): x is Extract<T, object> {
  return typeof x === 'object';
}

function externParts(externs: Iterable<Extern>): object[] {
  const out: object[] = [];
  for (const e of externs) if (e.kind !== 'module' && typeof e.type === 'object') out.push(e.type);
  return out;
}

/** Primitive parts (a `u32` parameter) count as leaves. */
function primitiveParts(t: Exclude<AnyType, string>): number {
  switch (t.kind) {
    case 'resource':
      return 0;
    case 'func':
      return [...t.params.map((p) => p.type), t.result].filter((x) => typeof x === 'string').length;
    case 'instance':
      return primitiveExterns(t.exports.values());
    case 'component':
      return primitiveExterns([...t.imports.values(), ...t.exports.values()]);
    default:
      return childTypes(t).filter((x) => typeof x === 'string').length;
  }
}

function primitiveExterns(externs: Iterable<Extern>): number {
  let n = 0;
  for (const e of externs) if (e.kind === 'module' || typeof e.type === 'string') n++;
  return n;
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
    const ps = parts(top) as Exclude<AnyType, string>[];
    const pending = ps.filter((p) => !known.has(p));
    if (pending.length > 0) {
      stack.push(...pending);
      continue;
    }
    let depth = 1;
    let size = 1 + primitiveParts(top);
    if (size > 1) depth = 2;
    for (const p of ps) {
      const info = known.get(p)!;
      depth = Math.max(depth, info.depth + 1);
      size = Math.min(size + info.size, limits.typeSize);
    }
    known.set(top, { depth, size });
    stack.pop();
  }
  return known.get(t)!;
}
