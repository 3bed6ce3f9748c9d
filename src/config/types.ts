/**
 * The config's types, written out by hand (not inferred from the zod schema in schema.ts) so that the published
 * declarations stand alone: a project type-checks `compose.config.ts` without zod's types, `@types/node` or
 * `skipLibCheck`. schema.ts asserts at compile time that these and the schema accept the same configs.
 */

/**
 * An explicit argument: an instance (its export matching the import name, else the whole instance), one export of
 * it, the whole instance (`whole: true`, even when it has an export named as the import), or a declared import
 * (`declaredImports`) or one export of it.
 */
export type ArgumentConfig =
  | string
  | {
      instance: string;
      export?: string | undefined;
      whole?: boolean | undefined;
      /** With `export`, an instance export: the export inside it to take, step by step (WAC's `i.a.b` is `export: 'a', path: ['b']`). */
      path?: string[] | undefined;
    }
  | { import: string; export?: string | undefined; path?: string[] | undefined };

export interface InstanceConfig {
  /** The component this instance instantiates (a name from `components`). */
  component: string;
  /** Explicit arguments, by import name. */
  with?: Record<string, ArgumentConfig> | undefined;
  /** Instances whose exports fill the imports `with` leaves open, by name, in this order (WAC's `...i`). */
  spread?: string[] | undefined;
}

/**
 * An instance name (all of its exports); one export of an instance, optionally renamed with `as`; the whole instance
 * as one export (`whole: true`, named `as`); each of its exports not exported already (`spread: true`, WAC's
 * `export i...`); or a declared import (or one export of it) exported again.
 */
export type ExportConfig =
  | string
  | {
      instance: string;
      export?: string | undefined;
      as?: string | undefined;
      whole?: boolean | undefined;
      spread?: boolean | undefined;
      /** With `export`, an instance export: the export inside it to take, step by step (WAC's `i.a.b` is `export: 'a', path: ['b']`). */
      path?: string[] | undefined;
    }
  | { import: string; export?: string | undefined; as?: string | undefined; path?: string[] | undefined };

/**
 * An import declared by name and type: an interface of a WIT package (`{ interface: 'ns:pkg/name@1.0.0', wit:
 * 'wit/' }`), or one instance's import under a new name (`{ instance, import }`).
 */
export type DeclaredImportConfig = { interface: string; wit: string } | { instance: string; import: string };

/** What may be left for the host to provide: everything (`'allow'`), nothing (`'none'`), or patterns. */
export type ImportPolicyConfig = 'allow' | 'none' | { allow?: string[] | undefined; deny?: string[] | undefined };

/** JS bindings (ES modules for Node and browsers, by jco). */
export interface JsArtifactOptions {
  /** The folder to write the bindings into. Default: `<output name>-js/` next to the composed component. */
  dir?: string | undefined;
  /** The name of the main module, `<name>.js`. Default: the composed component's file name without `.wasm`. */
  name?: string | undefined;
  /**
   * `'async'` or `'sync'`: export an `instantiate(getCoreModule, imports)` function instead of instantiating on
   * import, so that imports are given at run time. Default: instantiate on import, WASI from preview2-shim.
   */
  instantiation?: 'async' | 'sync' | undefined;
  /** Write TypeScript declarations (`.d.ts`) too. Default: true. */
  typescript?: boolean | undefined;
  /** Import specifiers for the component's imports, as jco's `--map`: `{ 'demo:log/*': './log.js#*' }`. */
  map?: Record<string, string> | undefined;
}

/** A wasmCloud application manifest (wadm) that runs the composed component. */
export interface WadmArtifactOptions {
  /** The manifest file. Default: `<output name>.wadm.yaml` next to the composed component. */
  file?: string | undefined;
  /** The application's name (and the component's). Default: the composed component's file name without `.wasm`. */
  name?: string | undefined;
  /** The application's version annotation, e.g. `v0.1.0`. Default: none (wadm assigns one). */
  version?: string | undefined;
  /** The application's description annotation. */
  description?: string | undefined;
  /** An OCI image reference for the component, instead of `file://` and the composed file. */
  image?: string | undefined;
  /** How many instances the spreadscaler keeps. Default: 1. */
  instances?: number | undefined;
  /** More annotations, e.g. `wasmcloud.dev/authors`, `wasmcloud.dev/source-url`, `wasmcloud.dev/homepage`. */
  annotations?: Record<string, string> | undefined;
}

/**
 * Artifacts for other runtimes, written next to the composed component (each opt-in). `true` writes it to its
 * default path, a string names the path (relative to the config file), an object gives options.
 */
export interface ArtifactsConfig {
  /** The composed world as a WIT file. Default path: `<output name>.wit` next to the composed component. */
  wit?: boolean | string | undefined;
  /** JS bindings (ES modules for Node and browsers, by jco). */
  js?: boolean | string | JsArtifactOptions | undefined;
  /** A wasmCloud application manifest (wadm) that runs the composed component. */
  wadm?: boolean | string | WadmArtifactOptions | undefined;
}

/** A wcompose configuration, as written in `compose.config.ts`. */
export interface WcomposeConfig {
  /** Where to write the composed component (relative to the config file). */
  output?: string | undefined;
  /**
   * Component files (paths or globs; `.wasm` or `.wat`): a list (named after their file names) or name → path.
   * Needed unless `wac` names a document.
   */
  components?: string[] | Record<string, string> | undefined;
  /**
   * A WAC document (wac's composition language) describing the composition, relative to this file: its instances,
   * arguments, imports and exports replace `instances` and `exports`; its packages are found among `components`
   * (by `ns:name`, or by the file name matching `name`) and in the deps folder (`deps/` beside the document).
   */
  wac?: string | undefined;
  /** For `wac`: the deps folder (default `deps/` beside the document). */
  depsDir?: string | undefined;
  /** For `wac`: packages by name (`ns:name` or `ns:name@1.0.0`) → path. */
  deps?: Record<string, string> | undefined;
  /** By default every component gets one instance, named after it. */
  instances?: Record<string, InstanceConfig> | undefined;
  /** By default, the exports of the instances nobody else consumes. */
  exports?: ExportConfig[] | undefined;
  /** What may be left for the host to provide. Default: `'allow'`. */
  imports?: ImportPolicyConfig | undefined;
  /** Imports of the composition declared by name and type, used or not; arguments name them with `{ import }`. */
  declaredImports?: Record<string, DeclaredImportConfig> | undefined;
  /** Plug an open import from the one instance that exports it. Default: true. */
  autoPlug?: boolean | undefined;
  /**
   * Import each component instead of embedding it (wac's `--import-dependencies`): the composed component imports
   * them by type (`unlocked-dep=<ns:name>` for a package, else the component's name) and instantiates the imports.
   */
  importDependencies?: boolean | undefined;
  /** Artifacts for other runtimes, written next to the composed component: WIT, JS bindings, a wadm manifest. */
  artifacts?: ArtifactsConfig | undefined;
}

/** Gives a config its type in the editor; returns it unchanged. */
export function defineConfig(config: WcomposeConfig): WcomposeConfig {
  return config;
}
