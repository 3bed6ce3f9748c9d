import type { PrimValType } from '../binary/ast.js';

/**
 * What the validator knows about each definition: just enough of its type to check uses against it (kinds, the
 * resources own/borrow point to, names for resource functions, sizes and depths for the limits). Descriptors are
 * compared by identity where the component model compares by identity (resources), structurally nowhere else.
 */

/** Size, nesting depth and whether a `borrow` occurs: wasmparser's `TypeInfo`, the basis of its limits. */
export interface TypeInfo {
  size: number;
  depth: number;
  borrow: boolean;
}

export const leafInfo: TypeInfo = { size: 1, depth: 1, borrow: false };

/** A resource: its identity is the object. `local` when defined in the component with a representation. */
export interface ResourceT {
  k: 'resource';
  /** The resource's identity: aliases (`(eq r)`, exports) are new objects with the same `id`. */
  id: object;
  /**
   * Set on those aliases (wasmparser's `with_unique`: an alias id of its own). A resource without it is the resource
   * itself (wasmparser's `NO_ALIAS`): one object per `id` (see `substitute.ts`).
   */
  alias?: true;
  local: boolean;
  info: TypeInfo;
}

export type DefinedKind =
  | 'prim' | 'record' | 'variant' | 'list' | 'fixed-list' | 'tuple' | 'flags' | 'enum' | 'option' | 'result' | 'own'
  | 'borrow' | 'stream' | 'future' | 'map';

export interface DefinedT {
  k: 'defined';
  kind: DefinedKind;
  /** own/borrow: the resource. */
  resource?: ResourceT;
  /** The value types this one holds, in order (for naming checks and the memory rule). */
  parts: ValT[];
  /** result: its ok type (a constructor may return `result<own<r>, e>`). */
  ok?: ValT;
  /** For comparing types structurally: the primitive of a `prim` definition, the labels (fields, cases, flags),
   *  the slots in order (a case without a payload, a result without ok or err: undefined), a fixed list's length. */
  prim?: PrimValType;
  labels?: readonly string[];
  slots?: readonly (ValT | undefined)[];
  length?: number;
  /** Lowering it needs linear memory (strings, lists, and what holds them). */
  ptr: boolean;
  /** How many core values it flattens to (capped: only compared with the small `MAX_FLAT_*` limits). */
  flat: number;
  info: TypeInfo;
}

export type ValT = PrimValType | DefinedT;

export interface FuncT {
  k: 'func';
  async: boolean;
  params: { name: string; type: ValT }[];
  result: ValT | undefined;
  info: TypeInfo;
}

/** What an instance or component holds under a name. */
export type Entity =
  | { kind: 'module'; type: ModuleT }
  | { kind: 'func'; type: FuncT }
  | { kind: 'value'; type: ValT }
  | { kind: 'type'; type: AnyT }
  | { kind: 'instance'; type: InstanceT }
  | { kind: 'component'; type: ComponentT };

export type EntityKind = Entity['kind'];

export interface InstanceT {
  k: 'instance';
  exports: Map<string, Entity>;
  info: TypeInfo;
}

export interface ComponentT {
  k: 'component';
  imports: Map<string, Entity>;
  exports: Map<string, Entity>;
  info: TypeInfo;
}

export type AnyT = DefinedT | FuncT | InstanceT | ComponentT | ResourceT;

export type CoreKind = 'func' | 'table' | 'memory' | 'global' | 'tag';

/** A core module's imports and exports (read from its import and export sections), or unknown when unreadable. */
export interface ModuleT {
  k: 'module';
  /** `sig`: a function import's core signature (`i32,i32->i32`), when the module's types could be read. */
  imports: { module: string; name: string; kind: CoreKind; sig?: string | undefined }[] | undefined;
  exports: Map<string, CoreKind> | undefined;
  /** Exported functions' core signatures, when known. */
  funcSigs?: Map<string, string> | undefined;
}

export type CoreTypeT = ModuleT | { k: 'func' } | { k: 'other' };

/** A core instance's exports by name, or undefined when they are not known (an unreadable module). */
export interface CoreInstanceT {
  exports: Map<string, CoreKind> | undefined;
  /** Exported functions' core signatures, when known. */
  funcSigs?: Map<string, string> | undefined;
}

export function valInfo(t: ValT): TypeInfo {
  return typeof t === 'string' ? leafInfo : t.info;
}

export function entityInfo(e: Entity): TypeInfo {
  switch (e.kind) {
    case 'module':
      return leafInfo;
    case 'value':
      return valInfo(e.type);
    default:
      return e.type.info;
  }
}

export const MAX_TYPE_SIZE = 1_000_000;
export const MAX_TYPE_DEPTH = 100;

/** Combines the infos of an aggregate's parts (wasmparser's `TypeInfo::combine`); undefined when too large. */
export function combine(parts: readonly TypeInfo[]): TypeInfo | undefined {
  let size = 1;
  let depth = 1;
  let borrow = false;
  for (const p of parts) {
    size += p.size;
    if (size >= MAX_TYPE_SIZE) return undefined;
    depth = Math.max(depth, p.depth + 1);
    borrow ||= p.borrow;
  }
  return { size, depth, borrow };
}

export function entityKindName(kind: EntityKind): string {
  return kind === 'module' ? 'core module' : kind;
}

export function ptrPrim(t: PrimValType): boolean {
  return t === 'string';
}

export function containsPtr(t: ValT): boolean {
  return typeof t === 'string' ? ptrPrim(t) : t.ptr;
}

/** Flattened core value count (CanonicalABI.md `flatten_type`), capped at `FLAT_CAP`. */
export function flatCount(t: ValT): number {
  if (typeof t === 'string') return t === 'string' ? 2 : 1;
  return t.flat;
}

export const FLAT_CAP = 1000;
