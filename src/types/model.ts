import type { CoreType, PrimValType } from '../binary/ast.js';

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

export type DefinedType =
  | { kind: 'alias'; type: PrimitiveType } // a defined type that is just a primitive: WIT `type size = u32`
  | { kind: 'record'; fields: Field[] }
  | { kind: 'variant'; cases: Case[] }
  | { kind: 'list'; element: ValueType; length: number | undefined }
  | { kind: 'tuple'; types: ValueType[] }
  | { kind: 'flags'; names: string[] }
  | { kind: 'enum'; names: string[] }
  | { kind: 'option'; type: ValueType }
  | { kind: 'result'; ok: ValueType | undefined; err: ValueType | undefined }
  | { kind: 'own'; resource: ResourceType }
  | { kind: 'borrow'; resource: ResourceType }
  | { kind: 'stream'; element: ValueType | undefined }
  | { kind: 'future'; element: ValueType | undefined }
  | { kind: 'map'; key: ValueType; value: ValueType };

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

/** The type of an instance: its exports, in order. */
export interface InstanceType {
  kind: 'instance';
  exports: Map<string, Extern>;
  /** Resources this type declares itself (`(export "r" (type (sub resource)))`): fresh each time it is used. */
  declared: ResourceType[];
}

export interface ComponentType {
  kind: 'component';
  imports: Map<string, Extern>;
  exports: Map<string, Extern>;
  /** Resources this type declares (through its imports, exports or definitions): fresh each time it is used. */
  declared: ResourceType[];
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
  | { kind: 'type'; type: ValueType | ResourceType }
  | { kind: 'value'; type: ValueType };

export function isResource(t: AnyType): t is ResourceType {
  return typeof t === 'object' && t.kind === 'resource';
}

export function isValueType(t: AnyType): t is ValueType {
  return typeof t === 'string' || !['resource', 'func', 'instance', 'component'].includes(t.kind);
}
