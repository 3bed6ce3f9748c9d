import type * as bin from '../binary/ast.js';
import { isKebab } from './names.js';
import type { Scope } from './scope.js';
import {
  FLAT_CAP, MAX_TYPE_DEPTH, combine, flatCount, leafInfo, valInfo, type AnyT, type ComponentT, type DefinedKind, type DefinedT, type Entity,
  type FuncT, type InstanceT, type ResourceT, type TypeInfo, type ValT,
} from './types.js';

const MAX_FLAGS = 32;
const MAX_FIELDS = 10_000;

/** A `valtype`: a primitive, or an index that must name a defined value type. */
export function valType(scope: Scope, t: bin.ValType): ValT {
  if (typeof t === 'string') return t;
  const type = scope.type(t);
  if (type.k !== 'defined') scope.fail('WC1102', `type index ${t} is not a defined type`);
  return type;
}

function resourceAt(scope: Scope, index: number): ResourceT {
  const t = scope.type(index);
  if (t.k !== 'resource') scope.fail('WC1103', `type index ${index} is not a resource type`);
  return t;
}

/** Names of fields, cases, flags, enum cases and parameters: kebab-case, unique ignoring ASCII case. */
function checkLabels(scope: Scope, names: readonly string[], what: string): void {
  const seen = new Map<string, string>();
  for (const n of names) {
    if (n === '') scope.fail('WC1103', `${what} name cannot be empty`);
    if (!isKebab(n)) scope.fail('WC1103', `${what} name \`${n}\` is not in kebab case`);
    const key = n.toLowerCase();
    const prev = seen.get(key);
    if (prev !== undefined) scope.fail('WC1103', `${what} name \`${n}\` conflicts with previous ${what} name \`${prev}\``);
    seen.set(key, n);
  }
}

function info(scope: Scope, parts: readonly TypeInfo[], borrow = false): TypeInfo {
  const i = combine(parts);
  if (i === undefined) scope.fail('WC1012', 'effective type size exceeds the limit of 1000000');
  if (borrow) i.borrow = true;
  return i;
}

function defined(scope: Scope, kind: DefinedKind, parts: ValT[], extra: Partial<DefinedT> = {}, ptr = false, flat?: number): DefinedT {
  const i = info(scope, parts.map(valInfo), extra.info?.borrow ?? false);
  if (i.depth > MAX_TYPE_DEPTH) scope.fail('WC1011', `type nesting is too deep: type ${scope.types.length} nests ${i.depth} levels (at most ${MAX_TYPE_DEPTH})`);
  // Streams and futures are handles: what they carry is never lowered with them.
  const handle = kind === 'stream' || kind === 'future';
  const hasPtr = ptr || (!handle && parts.some((p) => (typeof p === 'string' ? p === 'string' : p.ptr)));
  const sum = parts.reduce((n, p) => n + flatCount(p), 0);
  const count = Math.min(FLAT_CAP, flat ?? sum);
  return { k: 'defined', kind, parts, ptr: hasPtr, ...extra, flat: count, info: i };
}

/** A variant's cases share their flattened slots: one discriminant, then the widest case. */
function caseFlat(parts: readonly (ValT | undefined)[]): number {
  return 1 + Math.max(0, ...parts.map((p) => (p === undefined ? 0 : flatCount(p))));
}

/** A defined value type, function type or resource (declarators are handled by the caller). */
export function defineSimple(scope: Scope, t: Exclude<bin.TypeDef, { kind: 'component' | 'instance' }>): AnyT {
  const opt = (v: bin.ValType | undefined): ValT[] => (v === undefined ? [] : [valType(scope, v)]);
  switch (t.kind) {
    case 'prim':
      return defined(scope, 'prim', [], { prim: t.type }, t.type === 'string', t.type === 'string' ? 2 : 1);
    case 'record':
      if (t.fields.length === 0) scope.fail('WC1103', 'record type must have at least one field');
      if (t.fields.length > MAX_FIELDS) scope.fail('WC1013', `record field count exceeds limit of ${MAX_FIELDS}`);
      checkLabels(scope, t.fields.map((f) => f.name), 'record field');
      {
        const slots = t.fields.map((f) => valType(scope, f.type));
        return defined(scope, 'record', slots, { labels: t.fields.map((f) => f.name), slots });
      }
    case 'variant':
      if (t.cases.length === 0) scope.fail('WC1103', 'variant type must have at least one case');
      if (t.cases.length > MAX_FIELDS) scope.fail('WC1013', `variant case count exceeds limit of ${MAX_FIELDS}`);
      checkLabels(scope, t.cases.map((c) => c.name), 'variant case');
      {
        const cases = t.cases.map((c) => (c.type === undefined ? undefined : valType(scope, c.type)));
        const labels = t.cases.map((c) => c.name);
        return defined(scope, 'variant', cases.filter((c): c is ValT => c !== undefined), { labels, slots: cases }, false, caseFlat(cases));
      }
    case 'list':
      {
        const element = valType(scope, t.element);
        return defined(scope, 'list', [element], { slots: [element] }, true, 2);
      }
    case 'fixed-list':
      if (t.length === 0) scope.fail('WC1103', 'Fixed-length lists must have more than zero elements');
      {
        const element = valType(scope, t.element);
        return defined(scope, 'fixed-list', [element], { slots: [element], length: t.length }, false, Math.min(FLAT_CAP, t.length * flatCount(element)));
      }
    case 'tuple':
      if (t.types.length === 0) scope.fail('WC1103', 'tuple type must have at least one type');
      if (t.types.length > MAX_FIELDS) scope.fail('WC1013', `tuple type count exceeds limit of ${MAX_FIELDS}`);
      {
        const slots = t.types.map((x) => valType(scope, x));
        return defined(scope, 'tuple', slots, { slots });
      }
    case 'flags':
      if (t.names.length === 0) scope.fail('WC1103', 'flags must have at least one entry');
      if (t.names.length > MAX_FLAGS) scope.fail('WC1103', `cannot have more than ${MAX_FLAGS} flags`);
      checkLabels(scope, t.names, 'flag');
      return defined(scope, 'flags', [], { labels: t.names }, false, 1);
    case 'enum':
      if (t.names.length === 0) scope.fail('WC1103', 'enum type must have at least one variant');
      if (t.names.length > MAX_FIELDS) scope.fail('WC1013', `enum case count exceeds limit of ${MAX_FIELDS}`);
      checkLabels(scope, t.names, 'enum tag');
      return defined(scope, 'enum', [], { labels: t.names }, false, 1);
    case 'option':
      {
        const some = valType(scope, t.type);
        return defined(scope, 'option', [some], { slots: [some] }, false, caseFlat([some]));
      }
    case 'result': {
      const ok = t.ok === undefined ? undefined : valType(scope, t.ok);
      const err = t.err === undefined ? undefined : valType(scope, t.err);
      const parts = [ok, err].filter((p): p is ValT => p !== undefined);
      return defined(scope, 'result', parts, { ...(ok === undefined ? {} : { ok }), slots: [ok, err] }, false, caseFlat([ok, err]));
    }
    case 'own':
      return defined(scope, 'own', [], { resource: resourceAt(scope, t.type) }, false, 1);
    case 'borrow':
      return defined(scope, 'borrow', [], { resource: resourceAt(scope, t.type), info: { ...leafInfo, borrow: true } }, false, 1);
    case 'stream':
    case 'future': {
      const element = opt(t.element);
      if (t.kind === 'stream' && element[0] === 'char') {
        scope.fail('WC1103', '`stream<char>` is not valid at this time, use `stream<u8>` with a defined by encoding instead for now');
      }
      return defined(scope, t.kind, element, { slots: [element[0]] }, false, 1);
    }
    case 'map':
      {
        const slots = [valType(scope, t.key), valType(scope, t.value)];
        return defined(scope, 'map', slots, { slots }, true, 2);
      }
    case 'func':
      return funcType(scope, t);
    case 'resource': {
      if (scope.kind !== 'component') scope.fail('WC1103', 'resources can only be defined within a concrete component');
      const rep = t.rep;
      if (rep.kind !== 'num' || (rep.code !== 0x7f && rep.code !== 0x7e)) {
        scope.fail('WC1103', 'resources can only be represented by `i32` or `i64`');
      }
      if (t.dtor !== undefined) scope.inBounds(scope.coreFuncs.length, t.dtor, 'core function');
      return newResource(true);
    }
  }
}

export function newResource(local: boolean): ResourceT {
  const r: ResourceT = { k: 'resource', id: {}, local, info: leafInfo };
  unaliased.set(r.id, r);
  return r;
}

/** Each resource identity's own object (not an alias): what wasmparser writes `{ id, alias_id: NO_ALIAS }`. */
const unaliased = new WeakMap<object, ResourceT>();

/** The resource `id` itself, not an alias of it: the object `newResource` made, or one made now (then kept). */
export function unaliasedResource(like: ResourceT): ResourceT {
  let r = unaliased.get(like.id);
  if (r === undefined) {
    r = { k: 'resource', id: like.id, local: like.local, info: like.info };
    unaliased.set(like.id, r);
  }
  return r;
}

function funcType(scope: Scope, t: bin.FuncType): FuncT {
  checkLabels(scope, t.params.map((p) => p.name), 'function parameter');
  const params = t.params.map((p) => ({ name: p.name, type: valType(scope, p.type) }));
  const result = t.result === undefined ? undefined : valType(scope, t.result);
  if (result !== undefined && valInfo(result).borrow) scope.fail('WC1103', 'function result cannot contain a `borrow` type');
  const i = info(scope, [...params.map((p) => valInfo(p.type)), ...(result === undefined ? [] : [valInfo(result)])]);
  return { k: 'func', async: t.async, params, result, info: { ...i, borrow: false } };
}

/**
 * The entity an import, an export's ascribed type, or a declarator's import/export describes. `(sub resource)`
 * makes a fresh abstract resource; `(eq i)` of a resource makes a new name (alias) for the same resource.
 */
export function entityOfExternType(scope: Scope, t: bin.ExternType, _position: 'import' | 'export'): Entity {
  switch (t.kind) {
    case 'module': {
      const m = scope.coreTypes[t.type];
      if (m === undefined) scope.fail('WC1101', `unknown core type ${t.type}: type index out of bounds`);
      if (m.k !== 'module') scope.fail('WC1102', `core type index ${t.type} is not a module type`);
      return { kind: 'module', type: m };
    }
    case 'func': {
      const f = scope.type(t.type);
      if (f.k !== 'func') scope.fail('WC1102', `type index ${t.type} is not a function type`);
      return { kind: 'func', type: f };
    }
    case 'value':
      if (t.bound.kind === 'eq') {
        const v = scope.at(scope.values, t.bound.value, 'value');
        return { kind: 'value', type: v.type };
      }
      return { kind: 'value', type: valType(scope, t.bound.type) };
    case 'type': {
      if (t.bound.kind === 'sub-resource') return { kind: 'type', type: newResource(false) };
      // `(eq i)` makes a new name for the type: a copy (for a resource, a new alias of the same identity).
      return { kind: 'type', type: aliasOf(scope.type(t.bound.type)) };
    }
    case 'component': {
      const c = scope.type(t.type);
      if (c.k !== 'component') scope.fail('WC1102', `type index ${t.type} is not a component type`);
      return { kind: 'component', type: c as ComponentT };
    }
    case 'instance': {
      const i = scope.type(t.type);
      if (i.k !== 'instance') scope.fail('WC1102', `type index ${t.type} is not an instance type`);
      return { kind: 'instance', type: i as InstanceT };
    }
  }
}

/**
 * A new name for a type (wasmparser's `with_unique`): its own object, so that the sets of imported and exported types
 * and the resource names tell the names apart; a resource keeps its identity (`id`).
 */
export function aliasOf<T extends AnyT>(t: T): T {
  return t.k === 'resource' ? { ...t, alias: true } : { ...t };
}
