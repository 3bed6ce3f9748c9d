/**
 * The component binary format as data: one type per production of the spec's Binary.md, named after it. This layer
 * knows encodings, not meaning: indices stay indices. The type model (`src/types`) gives them meaning.
 *
 * Core modules and custom sections stay as byte windows on the input: they are read by size, never parsed.
 */

// ───────────────────────────── sorts ─────────────────────────────

export type CoreSort = 'func' | 'table' | 'memory' | 'global' | 'tag' | 'type' | 'module' | 'instance';
export type Sort = { core: CoreSort } | 'func' | 'value' | 'type' | 'component' | 'instance';

export interface SortIdx {
  sort: Sort;
  index: number;
}

// ───────────────────────────── core types ─────────────────────────────

/** A core value type. `ref` heap types are s33 values: negative for abstract types, an index otherwise. */
export type CoreValType =
  | { kind: 'num'; code: number } // i32 0x7f, i64 0x7e, f32 0x7d, f64 0x7c, v128 0x7b
  | { kind: 'refShort'; code: number } // abbreviated reference type, e.g. funcref 0x70, externref 0x6f
  | { kind: 'ref'; nullable: boolean; heap: CoreHeapType };

export type CoreHeapType = { shared: boolean; code: number } | { index: number };

export type CoreStorageType = CoreValType | { kind: 'packed'; code: number }; // i8 0x78, i16 0x77

export interface CoreFieldType {
  type: CoreStorageType;
  mutable: boolean;
}

/** A composite type; `shared` is the shared-everything-threads 0x65 prefix. */
export type CoreCompType = { shared: boolean } & (
  | { kind: 'func'; params: CoreValType[]; results: CoreValType[] }
  | { kind: 'struct'; fields: CoreFieldType[] }
  | { kind: 'array'; field: CoreFieldType }
);

export interface CoreSubType {
  /** `final` is the 0x4f form; `final: false` with `explicit` is 0x50; a bare comptype is final without `explicit`. */
  explicit: boolean;
  final: boolean;
  supertypes: number[];
  type: CoreCompType;
}

export interface CoreLimits {
  flags: number;
  min: bigint;
  max?: bigint | undefined;
  pageSizeLog2?: number | undefined;
}

export type CoreExternType =
  | { kind: 'func'; type: number }
  | { kind: 'table'; element: CoreValType; limits: CoreLimits }
  | { kind: 'memory'; limits: CoreLimits }
  | { kind: 'global'; type: CoreValType; mutable: boolean }
  | { kind: 'tag'; type: number };

export interface CoreImport {
  module: string;
  name: string;
  type: CoreExternType;
}

export type CoreModuleDecl =
  | { kind: 'import'; import: CoreImport }
  | { kind: 'type'; type: CoreType }
  | { kind: 'alias'; count: number; index: number } // (alias outer ct idx (type))
  | { kind: 'export'; name: string; type: CoreExternType };

export type CoreType =
  | { kind: 'rec'; types: CoreSubType[] } // 0x4e vec(subtype)
  | { kind: 'sub'; type: CoreSubType } // a single subtype; non-final explicit ones are written 0x00 0x50
  | { kind: 'module'; decls: CoreModuleDecl[] };

// ───────────────────────────── component types ─────────────────────────────

export type PrimValType =
  | 'bool' | 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32' | 's64' | 'u64' | 'f32' | 'f64' | 'char' | 'string'
  | 'error-context';

/** A `valtype`: a primitive written inline, or an index into the type index space. */
export type ValType = PrimValType | number;

export type DefValType =
  | { kind: 'prim'; type: PrimValType }
  | { kind: 'record'; fields: { name: string; type: ValType }[] }
  | { kind: 'variant'; cases: { name: string; type: ValType | undefined }[] }
  | { kind: 'list'; element: ValType }
  | { kind: 'fixed-list'; element: ValType; length: number }
  | { kind: 'tuple'; types: ValType[] }
  | { kind: 'flags'; names: string[] }
  | { kind: 'enum'; names: string[] }
  | { kind: 'option'; type: ValType }
  | { kind: 'result'; ok: ValType | undefined; err: ValType | undefined }
  | { kind: 'own'; type: number }
  | { kind: 'borrow'; type: number }
  | { kind: 'stream'; element: ValType | undefined }
  | { kind: 'future'; element: ValType | undefined }
  | { kind: 'map'; key: ValType; value: ValType };

export interface FuncType {
  kind: 'func';
  async: boolean;
  params: { name: string; type: ValType }[];
  result: ValType | undefined;
}

export type TypeBound = { kind: 'eq'; type: number } | { kind: 'sub-resource' };

export type ExternType =
  | { kind: 'module'; type: number }
  | { kind: 'func'; type: number }
  | { kind: 'value'; bound: { kind: 'eq'; value: number } | { kind: 'type'; type: ValType } }
  | { kind: 'type'; bound: TypeBound }
  | { kind: 'component'; type: number }
  | { kind: 'instance'; type: number };

/** `nameattributes`: the 0x00/0x01 forms differ only in the byte; 0x02 carries attributes. */
export interface ExternName {
  name: string;
  form: 0 | 1 | 2;
  attributes?: NameAttribute[];
}

export type NameAttribute =
  | { kind: 'implements'; interface: string }
  | { kind: 'versionsuffix'; suffix: string }
  | { kind: 'external-id'; id: string };

export type InstanceDecl =
  | { kind: 'coreType'; type: CoreType }
  | { kind: 'type'; type: TypeDef }
  | { kind: 'alias'; alias: Alias }
  | { kind: 'export'; name: ExternName; type: ExternType };

export type ComponentDecl = InstanceDecl | { kind: 'import'; name: ExternName; type: ExternType };

export type TypeDef =
  | DefValType
  | FuncType
  | { kind: 'component'; decls: ComponentDecl[] }
  | { kind: 'instance'; decls: InstanceDecl[] }
  | { kind: 'resource'; rep: CoreValType; dtor: number | undefined };

// ───────────────────────────── definitions ─────────────────────────────

export type CoreInstance =
  | { kind: 'instantiate'; module: number; args: { name: string; instance: number }[] }
  | { kind: 'exports'; exports: { name: string; sort: CoreSort; index: number }[] };

export type Instance =
  | { kind: 'instantiate'; component: number; args: { name: string; item: SortIdx }[] }
  | { kind: 'exports'; exports: { name: ExternName; item: SortIdx }[] };

export type Alias =
  | { kind: 'export'; sort: Sort; instance: number; name: string }
  | { kind: 'core-export'; sort: Sort; instance: number; name: string }
  | { kind: 'outer'; sort: Sort; count: number; index: number };

export type CanonOpt =
  | { kind: 'utf8' }
  | { kind: 'utf16' }
  | { kind: 'latin1+utf16' }
  | { kind: 'memory'; index: number }
  | { kind: 'realloc'; index: number }
  | { kind: 'post-return'; index: number }
  | { kind: 'async' }
  | { kind: 'callback'; index: number }
  | { kind: 'core-type'; index: number }
  | { kind: 'gc' };

/** Every canonical definition but lift and lower is data-driven: an opcode and its immediates (see canon-table.ts). */
export type Canon =
  | { kind: 'lift'; coreFunc: number; opts: CanonOpt[]; type: number }
  | { kind: 'lower'; func: number; opts: CanonOpt[] }
  | { kind: 'builtin'; name: string; immediates: CanonImmediate[] };

export type CanonImmediate =
  | { kind: 'u32'; value: number }
  | { kind: 'flag'; value: boolean }
  | { kind: 'opts'; value: CanonOpt[] }
  | { kind: 'result'; value: ValType | undefined }
  | { kind: 'coreValType'; value: CoreValType };

export interface Start {
  func: number;
  args: number[];
  results: number;
}

export interface Import {
  name: ExternName;
  type: ExternType;
}

export interface Export {
  name: ExternName;
  item: SortIdx;
  type: ExternType | undefined;
}

/** 🪙 value definitions are kept as their type and raw encoded bytes. */
export interface ValueDef {
  type: ValType;
  bytes: Uint8Array;
}

// ───────────────────────────── sections ─────────────────────────────

export const SectionId = {
  custom: 0,
  coreModule: 1,
  coreInstance: 2,
  coreType: 3,
  component: 4,
  instance: 5,
  alias: 6,
  type: 7,
  canon: 8,
  start: 9,
  import: 10,
  export: 11,
  value: 12,
} as const;

export type SectionKind = keyof typeof SectionId;

export type Section =
  | { kind: 'custom'; name: string; data: Uint8Array }
  | { kind: 'coreModule'; bytes: Uint8Array }
  | { kind: 'coreInstance'; items: CoreInstance[] }
  | { kind: 'coreType'; items: CoreType[] }
  | { kind: 'component'; bytes: Uint8Array }
  | { kind: 'instance'; items: Instance[] }
  | { kind: 'alias'; items: Alias[] }
  | { kind: 'type'; items: TypeDef[] }
  | { kind: 'canon'; items: Canon[] }
  | { kind: 'start'; start: Start }
  | { kind: 'import'; items: Import[] }
  | { kind: 'export'; items: Export[] }
  | { kind: 'value'; items: ValueDef[] };
