import { renderDot } from './dot.js';
import type { PlanGraph } from './graph.js';

/**
 * The dot rendering laid out as an SVG document, by Graphviz compiled to WebAssembly (@viz-js/viz, loaded on first
 * use: only `--svg` pays for it).
 */
export async function renderSvg(graph: PlanGraph): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  const result = viz.render(renderDot(graph), { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    // The dot text is generated: Graphviz rejecting it is a bug in wcompose, not a problem in the inputs.
    throw new Error(`Graphviz cannot lay out the plan: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return result.output;
}
