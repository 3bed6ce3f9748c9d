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
 * WIT naming metadata. Everything below is optional: the binary decoder fills it in so that `inspect --wit` can
 * print a component's world the way wit-component does; other producers of the model may leave it out.
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
  | {
      kind: 'type';
      type: ValueType | ResourceType;
      /** WIT naming (optional): for a resource, the name (identity) this extern has or refers to, see `TypeRef`. */
      alias?: ResourceAlias | undefined;
      /**
       * WIT naming (optional): set when this import or export is itself a new type identity (an `eq` bound, or a
       * component's type export): what it aliases. Then `type`/`alias` is the new identity.
       */
      eq?: TypeRef | undefined;
    }
  | { kind: 'value'; type: ValueType };

export function isResource(t: AnyType): t is ResourceType {
  return typeof t === 'object' && t.kind === 'resource';
}

export function isValueType(t: AnyType): t is ValueType {
  return typeof t === 'string' || !['resource', 'func', 'instance', 'component'].includes(t.kind);
}
