import { resolve } from 'node:path';
import type { WcomposeConfig } from '../config/types.js';
import { checkOutputPaths } from '../emit/output-paths.js';
import { writeFileAtomic } from '../emit/write-atomic.js';
import type { WcomposeWarning } from '../diagnostics/warning.js';
import type { Plan } from '../graph/model.js';
import { compositionOutput, obtainComposition } from './composition.js';
import { planGraph, type PlanGraph } from '../plan-view/graph.js';
import { renderSvg } from '../plan-view/svg.js';

export interface PlanOptions {
  /** The config file (default: compose.config.ts or .mts/.js/.mjs in `cwd`), or a config object. */
  config?: string | WcomposeConfig | undefined;
  /** Where relative paths start, and the folder the graph's paths are shown relative to. Default: cwd. */
  cwd?: string | undefined;
  /** For WAC documents: the deps folder and packages by name (as `build` takes them). */
  depsDir?: string | undefined;
  deps?: Record<string, string> | undefined;
  /** Overrides the config's `output` (only shown: nothing is built). */
  output?: string | undefined;
  /** Also draw the graph (Graphviz) to this SVG file, written atomically. Relative to `cwd`. */
  svg?: string | undefined;
}

export interface PlanResult {
  /** The checked plan, as `build` would emit it. */
  plan: Plan;
  /** The plan as plain data, paths relative to `cwd`: what `wcompose plan` renders. */
  graph: PlanGraph;
  configFile: string | undefined;
  /** Where `build` would write the composed component. */
  output: string;
  /**
   * Whether `options.output`, the config or a `.wac` document given directly names that file; if not, `output` is the default `composed.wasm` of
   * `build()`, and the `wcompose build` command writes to stdout instead.
   */
  outputNamed: boolean;
  /** The SVG file written, when `svg` was given. */
  svg: string | undefined;
  /** What is valid but probably not meant (the plan's warnings), as `build` reports them. */
  warnings: WcomposeWarning[];
}

/**
 * Plans the composition a config describes, exactly as `build` does, without emitting anything; describes the plan
 * as a graph and, optionally, draws it to an SVG file. Problems are the same `WcomposeError`s `build` throws.
 */
export async function planComposition(options: PlanOptions = {}): Promise<PlanResult> {
  const cwd = options.cwd ?? process.cwd();
  const source = await obtainComposition({ config: options.config, cwd, depsDir: options.depsDir, deps: options.deps });
  const { config, configFile, spec } = source;
  const p = source.plan();
  const output = compositionOutput(source, cwd, options.output);
  const graph = planGraph(p, { configFile, output, relativeTo: cwd });
  let svg: string | undefined;
  if (options.svg !== undefined) {
    svg = resolve(cwd, options.svg);
    await checkOutputPaths([{ label: 'the SVG drawing', path: svg }], [
      ...(configFile === undefined ? [] : [{ label: source.wacFile === configFile ? 'the WAC document' : 'the config file', path: configFile }]),
      ...(source.wacFile !== undefined && source.wacFile !== configFile ? [{ label: 'the WAC document', path: source.wacFile }] : []),
      ...spec.components.map((c) => ({ label: `component "${c.name}"`, path: c.file })),
    ], configFile);
    await writeFileAtomic(svg, new TextEncoder().encode(await renderSvg(graph)));
  }
  // As in `build`: a `.wac` document given directly names its output, `<document>.wasm` beside it.
  const outputNamed = options.output !== undefined || config === undefined || config.output !== undefined;
  return { plan: p, graph, configFile, output, outputNamed, svg, warnings: p.warnings };
}
