import { isAbsolute, relative, sep } from 'node:path';
import type { ArgumentSource, Plan } from '../graph/model.js';
import type { Extern } from '../types/model.js';
import { isNamedNonValueType } from '../types/model.js';
import { witFuncType, witType } from '../wit/print-type.js';

/**
 * A plan as plain data, for people and for machines: what `wcompose plan` renders (as text, Mermaid, Graphviz dot
 * or JSON). Everything is in a stable order — instances in instantiation order, each instance's imports in the
 * component's order, the composition's imports in emission order, exports as chosen — so renderings are
 * deterministic. Paths are relative to the folder the graph was made for (forward slashes).
 */
export interface PlanGraph {
  /** The config file the plan comes from, if any. */
  config: string | undefined;
  /** Where `wcompose build` would write the composed component, if known. */
  output: string | undefined;
  /** In instantiation order. */
  instances: PlanGraphInstance[];
  /** One per import of every instance: what satisfies it. In instance order, then the component's import order. */
  edges: PlanGraphEdge[];
  /** The composition's imports (merged by semver compatibility), with the instances' imports each one serves. */
  imports: PlanGraphImport[];
  exports: PlanGraphExport[];
}

export interface PlanGraphInstance {
  name: string;
  component: string;
  /** The component's file. */
  file: string;
}

/** What satisfies an import of an instance. */
export type PlanGraphSource =
  /** One export of another instance. */
  | { kind: 'export'; instance: string; export: string }
  /** A whole instance (an explicit argument naming an instance that has no export of the import's name). */
  | { kind: 'instance'; instance: string }
  /** An import of the composition (`import` is its merged name). */
  | { kind: 'import'; import: string };

export interface PlanGraphEdge {
  /** The instance whose import this is. */
  instance: string;
  /** The import, as the instance's component names it. */
  import: string;
  /** An explicit argument in the config, an automatic plug, or left to the composition's imports. */
  how: 'explicit' | 'auto' | 'import';
  from: PlanGraphSource;
}

/** What an import or export is: `interface` (an instance), `func`, `type`, `component`, `module` or `value`. */
export type PlanGraphKind = 'interface' | Exclude<Extern['kind'], 'instance'>;

export interface PlanGraphImport {
  name: string;
  kind: PlanGraphKind;
  /** A function's signature (`func(a: u32) -> u32`) or a type, as WIT writes it; undefined for interfaces. */
  type: string | undefined;
  /** The instances' imports it satisfies, in instantiation order. */
  users: { instance: string; import: string }[];
}

export interface PlanGraphExport {
  /** The name the composition exports it under. */
  name: string;
  kind: PlanGraphKind;
  type: string | undefined;
  instance: string;
  /** The instance's export. */
  export: string;
}

export interface PlanGraphOptions {
  /** The config file (absolute, or as it should be shown). */
  configFile?: string | undefined;
  /** The output file `build` would write. */
  output?: string | undefined;
  /** Absolute paths are shown relative to this folder. Default: leave paths as they are. */
  relativeTo?: string | undefined;
}

/** Describes a plan as a `PlanGraph`. */
export function planGraph(plan: Plan, options: PlanGraphOptions = {}): PlanGraph {
  const show = (path: string | undefined): string | undefined => {
    if (path === undefined) return undefined;
    const shown = options.relativeTo !== undefined && isAbsolute(path) ? relative(options.relativeTo, path) || '.' : path;
    return shown.split(sep).join('/');
  };
  const instances = plan.instances.map((i) => ({ name: i.name, component: i.component.name, file: show(i.component.file)! }));
  const edges = plan.instances.flatMap((i) =>
    i.args.map((a): PlanGraphEdge => ({ instance: i.name, import: a.name, how: a.how, from: source(a.source) })),
  );
  const imports = plan.imports.map((i): PlanGraphImport => ({
    name: i.name,
    ...kindAndType(i.extern),
    users: i.users.map((u) => ({ instance: u.instance, import: u.name })),
  }));
  const exports = plan.exports.map((e): PlanGraphExport => ({
    name: e.name,
    ...kindAndType(e.extern),
    instance: e.instance,
    export: e.export,
  }));
  return { config: show(options.configFile), output: show(options.output), instances, edges, imports, exports };
}

function source(s: ArgumentSource): PlanGraphSource {
  switch (s.kind) {
    case 'export':
      return { kind: 'export', instance: s.instance, export: s.export };
    case 'instance':
      return { kind: 'instance', instance: s.instance };
    case 'import':
      return { kind: 'import', import: s.name };
  }
}

function kindAndType(e: Extern): { kind: PlanGraphKind; type: string | undefined } {
  switch (e.kind) {
    case 'instance':
      return { kind: 'interface', type: undefined };
    case 'func':
      return { kind: 'func', type: witFuncType(e.type) };
    case 'type':
      // A function (or instance, component) type given a name, told apart from a function of that type.
      if (isNamedNonValueType(e.type)) return { kind: 'type', type: e.type.kind === 'func' ? `type ${witFuncType(e.type)}` : `${e.type.kind} type` };
      return { kind: 'type', type: typeof e.type !== 'string' && e.type.kind === 'resource' ? 'resource' : witType(e.type) };
    case 'value':
      return { kind: 'value', type: witType(e.type) };
    case 'component':
    case 'module':
      return { kind: e.kind, type: undefined };
  }
}
