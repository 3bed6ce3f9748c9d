/** Renderings of a composition plan: `wcompose plan` and the `planComposition` API. */
import { renderDot } from './dot.js';
import type { PlanGraph } from './graph.js';
import { renderJson } from './json.js';
import { renderMermaid } from './mermaid.js';
import { renderText, type PlanTextColors, type PlanTextOptions } from './text.js';

export { planGraph } from './graph.js';
export type {
  PlanGraph, PlanGraphEdge, PlanGraphExport, PlanGraphImport, PlanGraphInstance, PlanGraphKind, PlanGraphOptions,
  PlanGraphSource,
} from './graph.js';
export { planJson, type PlanJson } from './json.js';
export { renderSvg } from './svg.js';
export { renderDot, renderJson, renderMermaid, renderText, type PlanTextColors, type PlanTextOptions };

import type { PlanFormat } from './formats.js';

export { planFormats, type PlanFormat } from './formats.js';

/** Renders a plan graph in one of the text formats (colours, with `options.chalk`, apply to `text` only). */
export function renderPlan(graph: PlanGraph, format: PlanFormat, options: PlanTextOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(graph, options);
    case 'mermaid':
      return renderMermaid(graph);
    case 'dot':
      return renderDot(graph);
    case 'json':
      return renderJson(graph);
  }
}
