import type { AnyT, Entity, ResourceT, ValT } from './types.js';

/** Resource identity (`ResourceT.id`) → the resource that stands in for it. */
export type ResourceMap = Map<object, ResourceT>;

/**
 * Pairs the resources a component imports with those its instantiation arguments supply (by name, through nested
 * instances), so the instance's exports can speak of the arguments' resources.
 */
export function pairResources(want: Entity, got: Entity, map: ResourceMap, depth = 0): void {
  if (depth > 100) return;
  if (want.kind === 'type' && got.kind === 'type' && want.type.k === 'resource' && got.type.k === 'resource') {
    // A resource already paired (an `(eq …)` of an earlier import) stays paired: the argument must then be that one.
    if (!map.has(want.type.id)) map.set(want.type.id, got.type);
  } else if (want.kind === 'instance' && got.kind === 'instance') {
    for (const [name, w] of want.type.exports) {
      const g = got.type.exports.get(name);
      if (g !== undefined) pairResources(w, g, map, depth + 1);
    }
  }
}

/** The entity with the mapped resources substituted (unchanged parts are shared, not copied). */
export function substituteEntity(e: Entity, map: ResourceMap, memo: Map<object, AnyT>): Entity {
  switch (e.kind) {
    case 'module':
    case 'component':
      return e;
    case 'value':
      return { kind: 'value', type: substVal(e.type, map, memo) };
    case 'func':
    case 'type':
    case 'instance':
      return { kind: e.kind, type: subst(e.type, map, memo) } as Entity;
  }
}

function substVal(t: ValT, map: ResourceMap, memo: Map<object, AnyT>): ValT {
  return typeof t === 'string' ? t : subst(t, map, memo);
}

function subst<T extends AnyT>(t: T, map: ResourceMap, memo: Map<object, AnyT>): T {
  if (map.size === 0) return t;
  const done = memo.get(t);
  if (done !== undefined) return done as T;
  let out: AnyT = t;
  switch (t.k) {
    case 'resource':
      out = map.get(t.id) ?? t;
      break;
    case 'defined': {
      const parts = t.parts.map((p) => substVal(p, map, memo));
      const resource = t.resource === undefined ? undefined : subst(t.resource, map, memo);
      const ok = t.ok === undefined ? undefined : substVal(t.ok, map, memo);
      const slots = t.slots?.map((p) => (p === undefined ? undefined : substVal(p, map, memo)));
      if (resource !== t.resource || ok !== t.ok || parts.some((p, i) => p !== t.parts[i]) || slots?.some((p, i) => p !== t.slots![i])) {
        out = {
          ...t, parts, ...(resource === undefined ? {} : { resource }), ...(ok === undefined ? {} : { ok }),
          ...(slots === undefined ? {} : { slots }),
        };
      }
      break;
    }
    case 'func': {
      const params = t.params.map((p) => ({ name: p.name, type: substVal(p.type, map, memo) }));
      const result = t.result === undefined ? undefined : substVal(t.result, map, memo);
      if (result !== t.result || params.some((p, i) => p.type !== t.params[i]!.type)) out = { ...t, params, result };
      break;
    }
    case 'instance': {
      const exports = new Map([...t.exports].map(([n, e]) => [n, substituteEntity(e, map, memo)] as const));
      if ([...exports].some(([n, e]) => e.type !== t.exports.get(n)!.type)) out = { ...t, exports };
      break;
    }
    case 'component':
      break;
  }
  memo.set(t, out);
  return out as T;
}
