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
export type ArgumentSpec = { instance: string; export?: string | undefined; whole?: boolean | undefined };

export interface InstanceSpec {
  name: string;
  component: string;
  /** Explicit arguments by import name; other imports are plugged automatically or left to the composition. */
  with: Record<string, ArgumentSpec>;
}

export type ExportSpec =
  /** One export of an instance, optionally renamed. */
  | { instance: string; export: string; as?: string | undefined }
  /** All exports of an instance. */
  | { instance: string; export?: undefined; as?: undefined };

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
}

/** What satisfies one import of an instance. */
export type ArgumentSource =
  | { kind: 'import'; name: string }
  | { kind: 'export'; instance: string; export: string }
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
  instance: string;
  export: string;
  extern: Extern;
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
