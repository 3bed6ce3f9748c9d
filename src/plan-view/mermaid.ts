import type { PlanGraph, PlanGraphEdge } from './graph.js';
import { nodeIds } from './nodes.js';

/**
 * The plan as a Mermaid `flowchart LR`: instances are boxes (name and file), the composition's imports and exports
 * rounded nodes in their own subgraphs. An edge goes from what satisfies an import to the instance that imports it,
 * labelled with the import: thick for explicit arguments, plain for automatic plugs, dotted from the composition's
 * imports. Node ids are positional (`i0`, `im0`, `ex0`); every label is quoted and escaped.
 */
export function renderMermaid(graph: PlanGraph): string {
  const ids = nodeIds(graph, { instance: 'i', import: 'im', export: 'ex' });
  const lines = ['flowchart LR'];
  const title = [graph.config ?? 'composition', graph.output].filter((p) => p !== undefined).join(' → ');
  lines.push(`  %% ${title.replace(/[\r\n]/g, ' ')}`);
  if (graph.imports.length > 0) {
    lines.push('  subgraph imports [imports]');
    for (const i of graph.imports) lines.push(`    ${ids.import(i.name)}(["${text(i.name)}"])`);
    lines.push('  end');
  }
  for (const i of graph.instances) {
    const component = i.component === i.name ? '' : ` (component ${i.component})`;
    lines.push(`  ${ids.instance(i.name)}["${text(i.name)}<br/>${text(i.file + component)}"]`);
  }
  if (graph.exports.length > 0) {
    lines.push('  subgraph exports [exports]');
    for (const e of graph.exports) lines.push(`    ${ids.export(e.name)}(["${text(e.name)}"])`);
    lines.push('  end');
  }
  for (const e of graph.edges) {
    const from = e.from.kind === 'import' ? ids.import(e.from.import) : ids.instance(e.from.instance);
    lines.push(`  ${from} ${link(e)}|"${text(edgeLabel(e))}"| ${ids.instance(e.instance)}`);
  }
  for (const e of graph.exports) {
    const label = e.export === e.name || e.export === '' ? '' : `|"${text(e.export)}"|`;
    lines.push(`  ${e.import === undefined ? ids.instance(e.instance) : ids.import(e.import)} -->${label} ${ids.export(e.name)}`);
  }
  return `${lines.join('\n')}\n`;
}

function link(e: PlanGraphEdge): string {
  return e.how === 'explicit' ? '==>' : e.how === 'auto' ? '-->' : '-.->';
}

function edgeLabel(e: PlanGraphEdge): string {
  switch (e.from.kind) {
    case 'import':
      return e.from.import === e.import ? e.import : `${e.import} (as ${e.from.import})`;
    case 'export':
      return `${e.import} (${e.how}${e.from.export === e.import ? '' : `, export ${e.from.export}`})`;
    case 'instance':
      return `${e.import} (${e.how}, whole instance)`;
  }
}

/** Text for a quoted Mermaid label: quotes, markup and entity starts as Mermaid entity codes, one line. */
function text(s: string): string {
  return s.replace(/[#"<>&|]/g, (ch) => `#${ch.charCodeAt(0)};`).replace(/[\r\n]+/g, ' ');
}
