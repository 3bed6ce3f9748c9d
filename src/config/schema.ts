import { z } from 'zod';
import type { ArtifactsConfig, JsArtifactOptions, WadmArtifactOptions, WcomposeConfig } from './types.js';

/**
 * The shape of `compose.config.ts`. Names follow what a wac or Vite user would guess: `components` are files,
 * `instances` are what gets instantiated (by default one per component, named after it), `with` gives explicit
 * arguments, `exports` chooses what the composition exports, `imports` says what may be left to the host.
 */
const argumentObject = z
  .strictObject({
    instance: z.string(),
    /** One export of the instance (by default, the export named as the import, if it fits; else the whole instance). */
    export: z.string().optional(),
    /** The whole instance, even when it has an export named as the import. */
    whole: z.boolean().optional(),
    /** With `export`, an instance export: the export inside it to take, step by step (WAC's `i.a.b` is `export: 'a', path: ['b']`). */
    path: z.array(z.string()).min(1).optional(),
  })
  .refine((a) => a.whole !== true || a.export === undefined, {
    message: '`export` and `whole: true` contradict each other: give one export or the whole instance',
  })
  .refine((a) => a.path === undefined || a.export !== undefined, { message: '`path` is a path inside `export`: give `export` too' });
/** A declared import of the composition (see `declaredImports`), or one export of it (and one inside that, `path`). */
const importArgument = z
  .strictObject({ import: z.string(), export: z.string().optional(), path: z.array(z.string()).min(1).optional() })
  .refine((a) => a.path === undefined || a.export !== undefined, { message: '`path` is a path inside `export`: give `export` too' });
const argument = z.union([
  z.string().describe('an instance name: its export named as the import if it fits, else the whole instance'),
  argumentObject,
  importArgument,
]);

const instance = z.strictObject({
  component: z.string(),
  with: z.record(z.string(), argument).optional(),
  /** Instances whose exports fill the imports `with` leaves open, by name, in this order (WAC's `...i`). */
  spread: z.array(z.string()).optional(),
});

const exportObject = z.strictObject({
  instance: z.string(),
  export: z.string().optional(),
  as: z.string().optional(),
  /** Export the instance itself, as one instance named `as`. */
  whole: z.boolean().optional(),
  /** Export each of the instance's exports that is not exported already (WAC's `export i...`). */
  spread: z.boolean().optional(),
  /** With `export`, an instance export: the export inside it to take, step by step (WAC's `i.a.b` is `export: 'a', path: ['b']`). */
  path: z.array(z.string()).min(1).optional(),
}).refine((e) => e.path === undefined || e.export !== undefined, { message: '`path` is a path inside `export`: give `export` too' });
/** A declared import exported again, or one export of it (and one inside that, `path`). */
const importExport = z
  .strictObject({ import: z.string(), export: z.string().optional(), as: z.string().optional(), path: z.array(z.string()).min(1).optional() })
  .refine((e) => e.path === undefined || e.export !== undefined, { message: '`path` is a path inside `export`: give `export` too' });
const exportSpec = z.union([z.string().describe('an instance name: all of its exports'), exportObject, importExport]);

/** An import declared by name and type: an interface of a WIT package, or one instance's import under a new name. */
const declaredImport = z.union([
  z.strictObject({ interface: z.string(), wit: z.string() }),
  z.strictObject({ instance: z.string(), import: z.string() }),
]);

const importPatterns = z.strictObject({ allow: z.array(z.string()).optional(), deny: z.array(z.string()).optional() });
const importPolicy = z.union([z.literal('allow'), z.literal('none'), importPatterns]);

/**
 * Artifacts for other runtimes, written next to the composed component (each opt-in). `true` writes it to its
 * default path, a string names the path (relative to the config file), an object gives options.
 */
const jsArtifact = z.strictObject({
  /** The folder to write the bindings into. Default: `<output name>-js/` next to the composed component. */
  dir: z.string().min(1).optional(),
  /** The name of the main module, `<name>.js`. Default: the composed component's file name without `.wasm`. */
  name: z.string().regex(/^[A-Za-z0-9_][\w.-]*$/, 'a file name without a folder').optional(),
  /**
   * `'async'` or `'sync'`: export an `instantiate(getCoreModule, imports)` function instead of instantiating on
   * import, so that imports are given at run time. Default: instantiate on import, WASI from preview2-shim.
   */
  instantiation: z.enum(['async', 'sync']).optional(),
  /** Write TypeScript declarations (`.d.ts`) too. Default: true. */
  typescript: z.boolean().optional(),
  /** Import specifiers for the component's imports, as jco's `--map`: `{ 'demo:log/*': './log.js#*' }`. */
  map: z.record(z.string(), z.string()).optional(),
});

const wadmArtifact = z.strictObject({
  /** The manifest file. Default: `<output name>.wadm.yaml` next to the composed component. */
  file: z.string().min(1).optional(),
  /** The application's name (and the component's). Default: the composed component's file name without `.wasm`. */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, "-" and "_", starting with a letter or digit').optional(),
  /** The application's version annotation, e.g. `v0.1.0`. Default: none (wadm assigns one). */
  version: z.string().min(1).optional(),
  /** The application's description annotation. */
  description: z.string().optional(),
  /** An OCI image reference for the component, instead of `file://` and the composed file. */
  image: z.string().min(1).optional(),
  /** How many instances the spreadscaler keeps. Default: 1. */
  instances: z.number().int().positive().optional(),
  /** More annotations, e.g. `wasmcloud.dev/authors`, `wasmcloud.dev/source-url`, `wasmcloud.dev/homepage`. */
  annotations: z.record(z.string(), z.string()).optional(),
});

export const artifactsSchema = z.strictObject({
  /** The composed world as a WIT file. Default path: `<output name>.wit` next to the composed component. */
  wit: z.union([z.boolean(), z.string().min(1)]).optional(),
  /** JS bindings (ES modules for Node and browsers, by jco). */
  js: z.union([z.boolean(), z.string().min(1), jsArtifact]).optional(),
  /** A wasmCloud application manifest (wadm) that runs the composed component. */
  wadm: z.union([z.boolean(), z.string().min(1), wadmArtifact]).optional(),
});


export const configSchema = z.strictObject({
  /** Where to write the composed component (relative to the config file). Default: `composed.wasm`. */
  output: z.string().optional(),
  /** Component files (paths or globs; `.wasm` or `.wat`): a list (named after their file names) or name → path. */
  components: z.union([z.array(z.string()).min(1), z.record(z.string(), z.string())]).optional(),
  /**
   * A WAC document (wac's composition language) describing the composition, relative to this file: its instances,
   * arguments, imports and exports replace `instances` and `exports`; its packages are found among `components`
   * (by `ns:name`, or by the file name matching `name`) and in the deps folder (`deps/` beside the document).
   */
  wac: z.string().min(1).optional(),
  /** For `wac`: the deps folder (default `deps/` beside the document), and packages by name → path. */
  depsDir: z.string().min(1).optional(),
  deps: z.record(z.string(), z.string()).optional(),
  instances: z.record(z.string(), instance).optional(),
  exports: z.array(exportSpec).optional(),
  imports: importPolicy.optional(),
  /**
   * Imports of the composition declared by name and type, used or not: `{ interface: 'ns:pkg/name@1.0.0', wit:
   * 'wit/' }` (an interface of a WIT package; the interfaces it uses are imported too), or `{ instance, import }`
   * (that instance's import, renamed: it is passed to the instance). Arguments name them with `{ import }`.
   */
  declaredImports: z.record(z.string(), declaredImport).optional(),
  /** Plug an open import from the one instance that exports it. Default: true. */
  autoPlug: z.boolean().optional(),
  /** Import each component instead of embedding it (wac's `--import-dependencies`). Default: false. */
  importDependencies: z.boolean().optional(),
  /** Artifacts for other runtimes, written next to the composed component: WIT, JS bindings, a wadm manifest. */
  artifacts: artifactsSchema.optional(),
});

export { defineConfig } from './types.js';
export type { ArtifactsConfig, JsArtifactOptions, WadmArtifactOptions, WcomposeConfig } from './types.js';

// The hand-written types (types.ts, what users see) and the schema (what is checked) accept the same configs: a
// field added to one and not the other fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameConfig: Same<z.input<typeof configSchema>, WcomposeConfig> = true;
const sameArtifacts: Same<z.input<typeof artifactsSchema>, ArtifactsConfig> = true;
const sameJs: Same<z.input<typeof jsArtifact>, JsArtifactOptions> = true;
const sameWadm: Same<z.input<typeof wadmArtifact>, WadmArtifactOptions> = true;
void [sameConfig, sameArtifacts, sameJs, sameWadm];

/**
 * The options each object of the config accepts, by where it sits, for "did you mean" hints. Derived from the
 * schema, so the hints cannot drift from what is accepted.
 */
export const optionKeys: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(configSchema.shape),
  instance: Object.keys(instance.shape),
  argument: [...Object.keys(argumentObject.shape), ...Object.keys(importArgument.shape)],
  export: [...Object.keys(exportObject.shape), ...Object.keys(importExport.shape)],
  imports: Object.keys(importPatterns.shape),
  artifacts: Object.keys(artifactsSchema.shape),
  'artifacts.js': Object.keys(jsArtifact.shape),
  'artifacts.wadm': Object.keys(wadmArtifact.shape),
};
