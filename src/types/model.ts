import type { CoreType, NameAttribute, PrimValType } from '../binary/ast.js';

/**
 * wcompose's one model of component types, shared by component binaries and WIT worlds.
 *
 * Types are objects compared by identity, as in the spec: a record defined once and used by two functions is one
 * object, and the names an instance gives it (`(export "point" (type (eq 3)))`) are entries in that instance's
 * `exports` pointing at the object. Resources are identities too: two resources are the same type only if they are
 * the same `ResourceType` object. That is what makes `use` between interfaces work: the second interface holds the
 * very object the first one exports.
 */

export type PrimitiveType = PrimValType;

/** A value type: a primitive written inline, or a defined type (by reference). */
export type ValueType = PrimitiveType | DefinedType;

export interface Field {
  name: string;
  type: ValueType;
}

export interface Case {
  name: string;
  type: ValueType | undefined;
}

export type DefinedType = (
  | { kind: 'alias'; type: PrimitiveType } // a defined type that is just a primitive: WIT `type size = u32`
  | { kind: 'record'; fields: Field[] }
  | { kind: 'variant'; cases: Case[] }
  | { kind: 'list'; element: ValueType; length: number | undefined }
  | { kind: 'tuple'; types: ValueType[] }
  | { kind: 'flags'; names: string[] }
  | { kind: 'enum'; names: string[] }
  | { kind: 'option'; type: ValueType }
  | { kind: 'result'; ok: ValueType | undefined; err: ValueType | undefined }
  | { kind: 'own'; resource: ResourceType; /** WIT naming, see `ResourceAlias` */ alias?: ResourceAlias }
  | { kind: 'borrow'; resource: ResourceType; /** WIT naming, see `ResourceAlias` */ alias?: ResourceAlias }
  | { kind: 'stream'; element: ValueType | undefined }
  | { kind: 'future'; element: ValueType | undefined }
  | { kind: 'map'; key: ValueType; value: ValueType }
) & {
  /**
   * WIT naming (optional): set on the copy that a type name makes, see `TypeRef`. The copy has `aliasOf`'s
   * structure (so it is the same type to everything that compares structurally) and its own identity.
   */
  aliasOf?: DefinedType;
};

let nextResourceId = 1;

/** A resource type. Its identity is the object; `id` only makes it printable in debugging and JSON. */
export interface ResourceType {
  kind: 'resource';
  id: number;
  /** The name it was first declared under, for messages (the WIT name comes from the exports that name it). */
  name: string;
  /** True when defined by a component (`(type (resource (rep i32)))`), false when abstract (imported/exported). */
  local: boolean;
}

export function newResource(name: string, local = false): ResourceType {
  return { kind: 'resource', id: nextResourceId++, name, local };
}

export interface FuncType {
  kind: 'func';
  async: boolean;
  params: Field[];
  result: ValueType | undefined;
}

/**
 * Type names and their identities. The binary decoder records them (so do substitution and merging), and every
 * phase reads them: `inspect --wit` prints a component's world the way wit-component does from them, the encoder
 * writes a resource's aliases as aliases and a `use`d type as an alias of the other interface's export from them,
 * and the planner orders imports by them. A model built by hand may leave them out: a resource is then reached
 * through its own identity, and a defined type is its own definition.
 *
 * In the binary format, naming a type — `(export "n" (type (eq X)))` in an instance or component type, a top-level
 * `(import "n" (type (eq X)))`, a component's `(export "n" (type X))` — makes a new type *identity* that aliases X.
 * The spec treats it as X, but WIT tells them apart (`type b = a;`, `use i.{t}`, `own-r` vs `r`, which name a
 * function's parameter is written with). The model keeps the distinction without changing what the types are:
 * - for a defined type, the name's identity is a shallow copy of X with `aliasOf: X` (references through the name
 *   get the copy; it is structurally X);
 * - a resource keeps its identity (it *is* the type); a name of it is a `ResourceAlias` token, carried next to the
 *   resource on the extern (`Extern.alias`) and on own/borrow handles made through that name (`alias`). A resource
 *   reached without a token is reached through its own identity.
 */
export interface ResourceAlias {
  /** The name this one was made from (another alias), or undefined when it names the resource itself. */
  readonly of: ResourceAlias | undefined;
}

/** A type identity as WIT naming sees it: a type, and for a resource, the alias it is reached through. */
export interface TypeRef {
  type: ValueType | ResourceType;
  alias?: ResourceAlias | undefined;
}

/** The type of an instance: its exports, in order. */
export interface InstanceType {
  kind: 'instance';
  exports: Map<string, Extern>;
  /** Resources this type declares itself (`(export "r" (type (sub resource)))`): fresh each time it is used. */
  declared: ResourceType[];
  /** WIT naming (optional): the attributes of export names that carry any (`(implements "…")`, external ids). */
  attributes?: Map<string, NameAttribute[]>;
}

export interface ComponentType {
  kind: 'component';
  imports: Map<string, Extern>;
  exports: Map<string, Extern>;
  /** Resources this type declares (through its imports, exports or definitions): fresh each time it is used. */
  declared: ResourceType[];
  /** WIT naming (optional): the attributes of import and export names that carry any (implements, external ids). */
  attributes?: { imports: Map<string, NameAttribute[]>; exports: Map<string, NameAttribute[]> };
  /** WIT naming (optional): imports and exports in binary order, interleaved as the sections were. */
  order?: { kind: 'import' | 'export'; name: string }[];
}

/** A core module's type, kept in binary form: wcompose never looks inside core modules. */
export interface CoreModuleType {
  kind: 'module';
  type: CoreType | undefined;
}

/** Anything that can be a type in the type index space. */
export type AnyType = ValueType | ResourceType | FuncType | InstanceType | ComponentType;

/** What an import or export is. */
export type Extern =
  | { kind: 'func'; type: FuncType }
  | { kind: 'instance'; type: InstanceType }
  | { kind: 'component'; type: ComponentType }
  | { kind: 'module'; type: CoreModuleType }
  | TypeExtern
  | { kind: 'value'; type: ValueType };

/**
 * A type import or export: a name bound to a type. How it binds is a fact every phase reads (the encoder writes it
 * back as `(sub resource)` or `(eq …)`, the WIT printer as `resource r` or `type a = r` / `use`, the planner orders
 * imports by it), see `typeBinding`.
 */
export interface TypeExtern {
  kind: 'type';
  /** The type: for a resource name, the resource itself (an alias of a resource is the same resource). */
  type: ValueType | ResourceType | NamedNonValueType;
  /** For a resource, the name (identity) this extern has or refers to, see `TypeRef`. */
  alias?: ResourceAlias | undefined;
  /**
   * What this name aliases, when it is a name of a type that exists already (an `eq` bound, a component's type
   * export): another name of a resource (`type trailers = fields`), a type `use`d from another interface (the
   * identity that interface's export created), or a defined type given a name. Then `type`/`alias` is the new
   * identity. Undefined for a declaration (`(sub resource)`, a resource's owner) and for a primitive named in place.
   */
  eq?: TypeRef | undefined;
}

/**
 * Types that are not value types but can still be imported or exported by name (`(export "ft" (type $ft))` of a
 * function type): components may do it (WIT cannot say it). They are compared structurally.
 */
export type NamedNonValueType = FuncType | InstanceType | ComponentType;

/**
 * How a type extern binds its name: `declares` a new resource (the owner's `resource r`, `(sub resource)`), or
 * `names` a type that exists already (`type y = x`, `use i.{x}`, `(eq …)`).
 */
export function typeBinding(e: TypeExtern): 'declares' | 'names' {
  return isResource(e.type) && e.eq === undefined ? 'declares' : 'names';
}

/**
 * The identity a type extern's name creates, which references through that name point at: for a resource, its
 * alias token (or the resource itself for its declaration); for a defined type, the type (the decoder's copy, see
 * `aliasOf`). Undefined for a primitive.
 */
export function nameIdentity(e: TypeExtern): object | undefined {
  if (typeof e.type === 'string') return undefined;
  return isResource(e.type) ? (e.alias ?? e.type) : e.type;
}

/**
 * The names an instance type gives a resource it declares: the one that declares it (its owner) and those that
 * alias it (`type headers = fields; type trailers = fields;`), in export order.
 */
export function resourceNames(t: InstanceType, r: ResourceType): { declaration: string | undefined; aliases: string[] } {
  let declaration: string | undefined;
  const aliases: string[] = [];
  for (const [name, e] of t.exports) {
    if (e.kind !== 'type' || e.type !== r) continue;
    if (declaration === undefined && typeBinding(e) === 'declares') declaration = name;
    else aliases.push(name);
  }
  return { declaration, aliases };
}

export function isResource(t: AnyType): t is ResourceType {
  return typeof t === 'object' && t.kind === 'resource';
}

export function isNamedNonValueType(t: AnyType): t is NamedNonValueType {
  return typeof t === 'object' && (t.kind === 'func' || t.kind === 'instance' || t.kind === 'component');
}

/** A function, instance or component type as the extern of its kind (what walkers over externs take). */
export function asExtern(t: NamedNonValueType): Extern {
  switch (t.kind) {
    case 'func':
      return { kind: 'func', type: t };
    case 'instance':
      return { kind: 'instance', type: t };
    case 'component':
      return { kind: 'component', type: t };
  }
}

export function isValueType(t: AnyType): t is ValueType {
  return typeof t === 'string' || !['resource', 'func', 'instance', 'component'].includes(t.kind);
}
