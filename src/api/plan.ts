import { resolve } from 'node:path';
import { obtainConfig } from '../config/load-config.js';
import { outputPath, resolveConfig } from '../config/resolve.js';
import type { WcomposeConfig } from '../config/schema.js';
import { checkOutputPaths } from '../emit/output-paths.js';
import { writeFileAtomic } from '../emit/write-atomic.js';
import type { WcomposeWarning } from '../diagnostics/warning.js';
import type { Plan } from '../graph/model.js';
import { plan } from '../graph/plan.js';
import { planGraph, type PlanGraph } from '../plan-view/graph.js';
import { renderSvg } from '../plan-view/svg.js';

export interface PlanOptions {
  /** The config file (default: compose.config.ts or .mts/.js/.mjs in `cwd`), or a config object. */
  config?: string | WcomposeConfig | undefined;
  /** Where relative paths start, and the folder the graph's paths are shown relative to. Default: cwd. */
  cwd?: string | undefined;
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
  const { config, configFile } = await obtainConfig(options.config, cwd);
  const spec = await resolveConfig(config, configFile, cwd);
  const p = plan(spec);
  const output = outputPath(config, configFile, cwd, options.output);
  const graph = planGraph(p, { configFile, output, relativeTo: cwd });
  let svg: string | undefined;
  if (options.svg !== undefined) {
    svg = resolve(cwd, options.svg);
    await checkOutputPaths([{ label: 'the SVG drawing', path: svg }], [
      ...(configFile === undefined ? [] : [{ label: 'the config file', path: configFile }]),
      ...spec.components.map((c) => ({ label: `component "${c.name}"`, path: c.file })),
    ], configFile);
    await writeFileAtomic(svg, new TextEncoder().encode(await renderSvg(graph)));
  }
  return { plan: p, graph, configFile, output, svg, warnings: p.warnings };
}
