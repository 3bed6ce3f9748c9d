import { unaliasedResource } from './define.js';
import type { AnyT, Entity, ResourceT, ValT } from './types.js';

/**
 * Resource identity (`ResourceT.id`) → the resource that stands in for it; a resource type a component imports (the
 * import's own alias object, `ResourceT`) → the argument's; and a defined type a component imports by name
 * (`(import "point" (type (eq …)))`) → the argument's type, as wasmparser substitutes type imports on instantiation
 * (the instance's exports then speak of the argument's named types).
 */
export type ResourceMap = Map<object, ResourceT | AnyT>;

/**
 * Pairs the resources a component imports with those its instantiation arguments supply (by name, through nested
 * instances), so the instance's exports can speak of the arguments' resources.
 */
export function pairResources(want: Entity, got: Entity, map: ResourceMap, depth = 0): void {
  if (depth > 100) return;
  if (want.kind === 'type' && got.kind === 'type' && want.type.k === 'resource' && got.type.k === 'resource') {
    // A resource already paired (an `(eq …)` of an earlier import) stays paired: the argument must then be that one.
    if (!map.has(want.type.id)) map.set(want.type.id, got.type);
    // And this import's very name of it (its alias) is renamed to the argument's (wasmparser's type renamings on
    // instantiation): what the component's exports say through it, they say through the argument's name.
    if (!map.has(want.type)) map.set(want.type, got.type);
  } else if (want.kind === 'type' && got.kind === 'type' && want.type.k === 'defined') {
    if (!map.has(want.type)) map.set(want.type, got.type);
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

/**
 * `alias` (a resource of the instantiated component), now standing for `resource`'s resource: wasmparser's
 * `AliasableResourceId` is a resource and an alias id, and instantiation substitutes the resource and keeps the alias
 * id (`remap_resource_id`). The named-types rule (`extern.ts`) compares both: an instance's export that uses the
 * resource through the instantiated component's own `(eq …)` alias is not named by the outer component's import of
 * the same resource (fuzz finding plug #3940), while one that uses the component's imported resource itself (no alias
 * id) is. One object per (alias, resource), so that the same pair is the same object wherever it is made.
 */
function rebound(alias: ResourceT, resource: ResourceT): ResourceT {
  if (alias.alias !== true) return unaliasedResource(resource);
  let byResource = reboundAliases.get(alias);
  if (byResource === undefined) reboundAliases.set(alias, (byResource = new WeakMap()));
  let out = byResource.get(resource.id);
  if (out === undefined) {
    out = { k: 'resource', id: resource.id, local: resource.local, info: resource.info, alias: true };
    byResource.set(resource.id, out);
  }
  return out;
}

const reboundAliases = new WeakMap<ResourceT, WeakMap<object, ResourceT>>();

function substVal(t: ValT, map: ResourceMap, memo: Map<object, AnyT>): ValT {
  return typeof t === 'string' ? t : subst(t, map, memo);
}

function subst<T extends AnyT>(t: T, map: ResourceMap, memo: Map<object, AnyT>): T {
  if (map.size === 0) return t;
  const done = memo.get(t);
  if (done !== undefined) return done as T;
  let out: AnyT = t;
  switch (t.k) {
    case 'resource': {
      const renamed = map.get(t);
      const mapped = map.get(t.id);
      out = renamed ?? (mapped?.k === 'resource' ? rebound(t, mapped) : (mapped ?? t));
      break;
    }
    case 'defined': {
      const imported = map.get(t);
      if (imported !== undefined) {
        out = imported;
        break;
      }
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
