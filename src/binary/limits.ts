/**
 * The implementation limits wcompose applies to untrusted binaries: wasm-tools' (wasmparser's `limits.rs`), so that
 * wcompose refuses what the reference validator refuses, and so that no input can drive unbounded recursion, loops or
 * allocation. Where wasm-tools has no limit (how deep components and type declarations nest), wcompose has its own.
 */
export const limits = {
  /** How deep a value type may nest (`list<list<…>>`): wasmparser's MAX_WASM_COMPONENT_TYPE_DEPTH. */
  valueTypeDepth: 100,
  /**
   * How deep any type may nest, functions, instance and component types included: wasmparser cannot represent a
   * deeper one (its type information keeps the depth in 7 bits, and a component adds one level to its imports').
   */
  typeDepth: 126,
  /** The effective size of a type (its nodes, shared parts counted each time): wasmparser's MAX_WASM_TYPE_SIZE. */
  typeSize: 1_000_000,
  /** How deep nested components and type declarations (instance and component types) may be: wcompose's own. */
  nesting: 100,
  /** A name's length in bytes: MAX_WASM_STRING_SIZE. */
  nameBytes: 100_000,
  // Counts of items in one vector (wasmparser's readers).
  recordFields: 10_000,
  variantCases: 10_000,
  tupleTypes: 10_000,
  flagNames: 1_000,
  enumCases: 10_000,
  funcParams: 1_000,
  canonOptions: 10,
  instantiationArgs: 100_000,
  instanceExports: 100_000,
  startArgs: 1_000,
  moduleTypeDecls: 100_000,
  componentTypeDecls: 1_000_000,
  instanceTypeDecls: 1_000_000,
  // Index spaces of one component (wasmparser's validator).
  types: 1_000_000,
  funcs: 1_000_000,
  modules: 1_000,
  components: 1_000,
  instances: 1_000,
  values: 1_000,
} as const;
