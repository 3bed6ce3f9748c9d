/**
 * The one table of diagnostics, in the manner of the TypeScript compiler's: every error or warning wcompose can
 * report has a stable code here, so that documentation, tests and machines (`--json`) can rely on it.
 *
 * Codes are grouped by pipeline phase: 1xxx read (binary), 2xxx types/WIT, 3xxx check, 4xxx config/plan, 5xxx emit,
 * 9xxx usage and I/O.
 */
export const diagnostics = {
  // read: the binary layer
  WC1001: { title: 'unexpected end of input', hint: 'the file is truncated or is not a WebAssembly component' },
  WC1002: { title: 'bad magic number', hint: 'a WebAssembly file starts with \\0asm' },
  WC1003: { title: 'not a component', hint: 'this is a core WebAssembly module; wrap it with `wasm-tools component new` or `jco new`' },
  WC1004: { title: 'unsupported component version', hint: 'the file was written for another draft of the component model binary format' },
  WC1005: { title: 'integer too large', hint: 'a LEB128 number overflows its type; the file is corrupt' },
  WC1006: { title: 'section overruns its container', hint: 'a section size points past the end of the file; the file is truncated or corrupt' },
  WC1007: { title: 'unknown section id', hint: 'the file uses a section wcompose does not know, or is corrupt' },
  WC1008: { title: 'invalid UTF-8 in a name', hint: 'names in components must be valid UTF-8' },
  WC1009: { title: 'unknown opcode', hint: 'the file uses an encoding wcompose does not know, or is corrupt' },
  WC1010: { title: 'trailing bytes in a section', hint: 'a section holds more bytes than its contents use; the file is corrupt' },
  // read: limits (wasm-tools' own, so that wcompose refuses what the reference validator refuses)
  WC1011: { title: 'type nesting is too deep', hint: 'wasm-tools refuses value types nested more than 100 deep (and any type more than 126 deep); the file is corrupt or was not made by a component toolchain' },
  WC1012: { title: 'type too large', hint: 'wasm-tools refuses types whose effective size (their parts, a shared part counted at each use) reaches 1,000,000; the file is corrupt or was not made by a component toolchain' },
  WC1013: { title: 'too many items', hint: 'the count is beyond what wasm-tools allows (e.g. 10,000 record fields, 1,000 instances, names of 100,000 bytes); the file is corrupt' },
  WC1014: { title: 'nested too deep', hint: 'wcompose reads components and type declarations nested at most 100 deep; the file is corrupt or was not made by a component toolchain' },
  // validate: the component layer of an input breaks a rule of the component model (wasm-tools' validator refuses it too)
  WC1101: { title: 'index out of bounds', hint: 'the component refers to a definition that does not exist; the file is corrupt or was written by a faulty tool (`wasm-tools validate` shows the same)' },
  WC1102: { title: 'definition of the wrong kind', hint: 'the component uses a definition where one of another kind is required (e.g. a type that is not a function type); the file is corrupt or was written by a faulty tool' },
  WC1103: { title: 'invalid type', hint: 'a type definition breaks a rule of the component model (e.g. an empty record, duplicate field names, own/borrow of something that is not a resource, a borrow in a result)' },
  WC1104: { title: 'invalid import or export name', hint: 'names are kebab-case labels (`get-item`), `[constructor]r`, `[method]r.f`, `[static]r.f`, or interface names `ns:pkg/iface@1.2.3`' },
  WC1105: { title: 'duplicate name', hint: 'import names must be unique, and so must export names (ignoring ASCII case); rename one of them' },
  WC1106: { title: 'resource function does not match its name', hint: '`[constructor]r` returns own<r> (or a result of it), `[method]r.f` takes `self: borrow<r>` first, `[static]r.f` names a resource known here' },
  WC1107: { title: 'invalid canonical options', hint: 'each option at most once, one string encoding, `realloc` and strings/lists need `memory`, `callback` needs `async`, no `post-return` on lowerings' },
  WC1108: { title: 'instantiation arguments do not match', hint: 'every import of the instantiated component (or core module) must be supplied once, by an argument of the same name and kind' },
  WC1109: { title: 'invalid alias', hint: 'an alias must name an export the instance has, with its kind, or an outer definition within the enclosing scopes' },
  WC1110: { title: 'limit exceeded', hint: 'the component exceeds a limit wasm-tools applies (type nesting depth 100, type size 1,000,000, counts of definitions)' },
  WC1111: { title: 'invalid embedded core module', hint: 'an embedded core module must start with a core WebAssembly header (\\0asm, version 1) and its sections must fit in it' },
  WC1112: { title: 'type not valid where used', hint: 'an import or export may only use types that are themselves imported or exported before it (and resources defined or imported before use)' },
  WC1113: { title: 'reserved byte not zero', hint: 'the `cancellable` immediate of `waitable-set.*` and `thread.*` built-ins was removed (component-model#716): the byte must be 0x00' },
  WC1114: { title: 'invalid start function', hint: 'a start function is a function of the component, called with values of its parameter types, each value used once' },
  // types: decoding components into the type model
  WC2001: { title: 'index out of range', hint: 'the component refers to a definition that does not exist; validate it with `wasm-tools validate`' },
  WC2002: { title: 'definition of the wrong kind', hint: 'the component refers to a definition of another kind than expected; validate it with `wasm-tools validate`' },
  WC2003: { title: 'unsupported construct', hint: 'wcompose cannot type this part of the component yet' },
  // types: loading worlds from WIT packages
  WC2101: { title: 'invalid WIT', hint: 'fix the WIT package; `wasm-tools component wit <path>` shows the same error with its location' },
  WC2102: { title: 'WIT world not found', hint: 'name the world with --world <name> (a name in the package, or `namespace:package/world`)' },
  WC2103: { title: 'WIT dependency not found', hint: 'put each package the WIT uses in its own folder under deps/ next to the root package' },
  // check: does a component fit where it is used
  WC3001: { title: 'import not provided', hint: 'the target must provide every import the component uses: add the interface to the world, compose in a component that exports it, or stop using it' },
  WC3002: { title: 'missing export', hint: 'a component or interface must export everything its user requires (it may export more): implement what is missing, or target a world that does not require it' },
  WC3003: { title: 'kind mismatch', hint: 'an import or export of one kind (function, interface, type, component) cannot stand in for another' },
  WC3004: { title: 'incompatible version', hint: 'versions are compatible within the same major version (1.0.0 and up) or the same minor version (0.x); pre-releases only with themselves' },
  WC3005: { title: 'function type mismatch', hint: 'functions must match exactly: async or not, the parameter names and types in order, and the result' },
  WC3006: { title: 'value type mismatch', hint: 'value types must match exactly; rebuild the component against the same WIT as its target' },
  WC3007: { title: 'names or order differ', hint: 'records, variants, enums and flags match by the names of their fields, cases or flags, in the same order' },
  WC3008: { title: 'resource mismatch', hint: 'a resource matches only itself: both sides must use the resource of the same interface' },
  WC3009: { title: 'own and borrow mixed up', hint: 'own<r> and borrow<r> are different types: a handle is either passed with its ownership or lent' },
  // plan: the composition graph
  WC4001: { title: 'unknown component', hint: 'components are named in the config\'s `components`' },
  WC4002: { title: 'unknown instance', hint: 'instances are named in the config\'s `instances` (by default, one per component, named after it)' },
  WC4003: { title: 'unknown import', hint: 'an argument must name one of the component\'s imports; `wcompose inspect` lists them' },
  WC4004: { title: 'unknown export', hint: '`wcompose inspect` lists what a component exports' },
  WC4005: { title: 'ambiguous plug', hint: 'several instances export what this import needs; pick one with an explicit argument' },
  WC4006: { title: 'dependency cycle', hint: 'an instance cannot (even indirectly) consume its own exports; break the cycle with explicit arguments' },
  WC4007: { title: 'duplicate export name', hint: 'give one of the exports another name with `as`' },
  WC4008: { title: 'import not allowed', hint: 'supply this import from another component, or allow it in the config\'s `imports` policy' },
  WC4009: { title: 'type mismatch', hint: 'the export does not satisfy the import; compare their WIT with `wcompose inspect`' },
  WC4010: { title: 'missing argument', hint: 'no instance exports this import, and the composition may not import it; add a component that exports it' },
  WC4011: { title: 'nothing exported (a warning)', hint: 'a composition that exports nothing is valid, but its host can call none of it: name the exports in the config\'s `exports`', severity: 'warning' },
  WC4012: { title: 'import depends on an instance', hint: 'an import of the composition cannot use a resource that one of its instances provides; supply this import from that instance too' },
  WC4014: { title: 'no plug used', hint: 'a plug must export something the socket imports' },
  WC4015: { title: 'export uses an unexported resource', hint: 'export the interface that defines the resource too' },
  WC4016: { title: 'merged imports use different resources', hint: 'two instances import one interface whose resources come from different imports in each (one of them renamed, or another interface): make both use the same interface, or supply one of the imports from a component' },
  // config
  WC4101: { title: 'config not found', hint: 'create compose.config.ts, or pass --config <file>' },
  WC4102: { title: 'config cannot be loaded', hint: 'the config must be a module whose default export is defineConfig({...})' },
  WC4103: { title: 'invalid config', hint: 'see the config reference in the README' },
  WC4104: { title: 'no component file matches', hint: 'check the path or glob; paths are relative to the config file' },
  WC4105: { title: 'duplicate component name', hint: 'two files have the same name: list components as { name: path } instead' },
  WC4106: { title: 'invalid WAT', hint: 'the .wat file does not parse as a component' },
  // emit: artifacts for other runtimes, written next to the composed component
  WC5001: { title: 'cannot print the world as WIT', hint: 'the composed component uses something WIT cannot express (e.g. it exports a type); turn off `artifacts.wit`, or export interfaces instead' },
  WC5002: { title: 'cannot generate JS bindings', hint: 'jco could not transpile the composed component; `npx jco transpile <file.wasm>` shows the same error, or turn off `artifacts.js`' },
  WC5003: { title: 'output paths collide', hint: 'the composed component and each artifact need a path of their own, different from every input (components, the config file) and from each other: set `output` (or -o) and the paths in the config\'s `artifacts`' },
  WC5004: { title: 'JS bindings folder in use', hint: 'wcompose replaces the JS bindings folder on every build, so it only writes into an empty folder or one it wrote before: name another folder in `artifacts.js` (or --js <dir>)' },
  WC5005: { title: 'jco not installed', hint: 'JS bindings (--js), .wat inputs and WIT worlds (check --wit) use jco, an optional dependency: npm i -D @bytecodealliance/jco-transpile' },
  // I/O and usage
  WC9001: { title: 'cannot read file', hint: 'check the path' },
  WC9002: { title: 'cannot write file', hint: 'check that the folder exists and is writable' },
  WC9101: { title: 'composed component failed validation', hint: 'this is a bug in wcompose, not in your inputs: please report it with the input components and the config' },
} as const satisfies Record<string, { title: string; hint: string; severity?: 'warning' }>;

export type DiagnosticCode = keyof typeof diagnostics;
