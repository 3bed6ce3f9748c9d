import type { WcomposeWarning } from '../diagnostics/warning.js';
import type { ComponentType, Extern } from '../types/model.js';

/** A component the composition uses: its file, bytes and decoded type. */
export interface ComponentInput {
  name: string;
  file: string;
  bytes: Uint8Array;
  type: ComponentType;
}

/**
 * Where an explicit argument comes from: an instance (the export of it that matches the import name if that export
 * fits the import, else the whole instance), one named export of an instance, or (`whole`) the whole instance.
 */
export type ArgumentSpec =
  | {
      instance: string;
      export?: string | undefined;
      /** Pass the instance itself, even when it has an export named like the import (WAC's meaning of a name). */
      whole?: boolean | undefined;
      /** With `export`, an instance export: the export of it to pass (at any depth, WAC's `i.a.b`). */
      path?: string[] | undefined;
    }
  /** An import the spec declares (`declaredImports`), or one export of it when it is an instance (and `path` in it). */
  | { import: string; export?: string | undefined; path?: string[] | undefined };

export interface InstanceSpec {
  name: string;
  component: string;
  /** Explicit arguments by import name; other imports are plugged automatically or left to the composition. */
  with: Record<string, ArgumentSpec>;
}

export type ExportSpec =
  /** One export of an instance (or, `path`, an export of that instance export), optionally renamed. */
  | { instance: string; export: string; as?: string | undefined; path?: string[] | undefined }
  /** All exports of an instance. */
  | { instance: string; export?: undefined; as?: undefined }
  /** The instance itself, as one instance export named `as`. */
  | { instance: string; whole: true; as: string; export?: undefined }
  /** A declared import of the composition (or one export of it), exported again. */
  | { import: string; export?: string | undefined; as?: string | undefined; instance?: undefined; path?: string[] | undefined };

/** An import the composition declares by name and type (WAC's `import` statement), used or not. */
export interface DeclaredImport {
  name: string;
  extern: Extern;
}

/** Which imports may be left for the composed component to import (policy on leftovers). */
export type ImportPolicy = 'allow' | 'none' | { allow?: string[] | undefined; deny?: string[] | undefined };

export interface CompositionSpec {
  components: ComponentInput[];
  instances: InstanceSpec[];
  /** Omitted: every export of the instances no other instance consumes. */
  exports?: ExportSpec[] | undefined;
  imports?: ImportPolicy | undefined;
  /** Plug open imports from the one instance that exports them (default true). */
  autoPlug?: boolean | undefined;
  /** For messages: where the spec came from (a config file). */
  source?: string | undefined;
  /** Imports declared by name and type; arguments refer to them with `{ import }`. They come first, in this order. */
  declaredImports?: DeclaredImport[] | undefined;
}

/** What satisfies one import of an instance. */
export type ArgumentSource =
  /** An import of the composition, or (`export`) one export of that imported instance. */
  | { kind: 'import'; name: string; export?: string | undefined; path?: string[] | undefined }
  /** One export of an instance, or (`path`) an export of that instance export, at any depth. */
  | { kind: 'export'; instance: string; export: string; path?: string[] | undefined }
  | { kind: 'instance'; instance: string };

export interface PlannedArgument {
  /** The import name, as the component spells it. */
  name: string;
  source: ArgumentSource;
  /** How it was chosen, for `plan` output. */
  how: 'explicit' | 'auto' | 'import';
}

export interface PlannedInstance {
  name: string;
  component: ComponentInput;
  args: PlannedArgument[];
  /** The instance's exports, typed with its arguments' resources. */
  exports: Map<string, Extern>;
}

export interface PlannedImport {
  name: string;
  extern: Extern;
  /** The instances' imports it satisfies. */
  users: { instance: string; name: string }[];
}

export interface PlannedExport {
  name: string;
  /** The instance it comes from ('' for an import exported again). */
  instance: string;
  /** The instance's export ('' when the whole instance or import is exported). */
  export: string;
  extern: Extern;
  /** The whole instance is exported. */
  whole?: boolean | undefined;
  /** An import of the composition is exported again (its export `export`, or itself). */
  import?: string | undefined;
  /** An export of the instance export (or import export) `export`, at any depth (WAC's `i.a.b`). */
  path?: string[] | undefined;
}

/** A checked, ordered composition, ready to emit. */
export interface Plan {
  /** Distinct components, in the order they are first instantiated. */
  components: ComponentInput[];
  /** Instances in instantiation order: each after everything it consumes. */
  instances: PlannedInstance[];
  /** What the composed component imports, in emission order (dependencies first). */
  imports: PlannedImport[];
  exports: PlannedExport[];
  /** What is valid but probably not meant (e.g. nothing exported): the composition is still built. */
  warnings: WcomposeWarning[];
}
