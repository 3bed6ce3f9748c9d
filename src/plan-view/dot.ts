import type { PlanGraph, PlanGraphEdge } from './graph.js';

/**
 * The plan as a Graphviz digraph (left to right): instances are boxes (name and file), the composition's imports and
 * exports sit in their own clusters. An edge goes from what satisfies an import to the instance that imports it,
 * labelled with the import: bold for explicit arguments, solid for automatic plugs, dashed from the composition's
 * imports. Node ids are quoted and prefixed by their role (`"instance:app"`, `"import:wasi:cli/stdout@0.2.0"`,
 * `"export:demo:math/app@0.1.0"`).
 */
export function renderDot(graph: PlanGraph): string {
  // ASCII in what wcompose adds to labels: Graphviz without fonts (as in @viz-js/viz) cannot measure other characters.
  const title = [graph.config ?? 'composition', graph.output].filter((p) => p !== undefined).join(' -> ');
  const lines = [
    'digraph wcompose {',
    `  graph [rankdir=LR, labelloc=t, fontname="Helvetica", label=${quote(title)}];`,
    // Generous margins: viz-js measures text without real font metrics, and renderers' fonts run wider.
    '  node [fontname="Helvetica", fontsize=11, margin="0.3,0.1"];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  if (graph.imports.length > 0) {
    lines.push('  subgraph cluster_imports {', '    label="imports"; style=dashed; color=gray50;');
    for (const i of graph.imports) lines.push(`    ${importId(i.name)} [shape=box, style=rounded, label=${quote(i.name)}];`);
    lines.push('  }');
  }
  for (const i of graph.instances) {
    const component = i.component === i.name ? '' : `\n(component ${i.component})`;
    lines.push(`  ${instanceId(i.name)} [shape=box, style=bold, label=${quote(`${i.name}\n${i.file}${component}`)}];`);
  }
  if (graph.exports.length > 0) {
    lines.push('  subgraph cluster_exports {', '    label="exports"; style=dashed; color=gray50;');
    for (const e of graph.exports) lines.push(`    ${exportId(e.name)} [shape=box, style=rounded, label=${quote(e.name)}];`);
    lines.push('  }');
  }
  for (const e of graph.edges) {
    const from = e.from.kind === 'import' ? importId(e.from.import) : instanceId(e.from.instance);
    lines.push(`  ${from} -> ${instanceId(e.instance)} [label=${quote(edgeLabel(e))}, style=${style(e)}];`);
  }
  for (const e of graph.exports) {
    const label = e.export === e.name || e.export === '' ? '' : ` [label=${quote(e.export)}]`;
    lines.push(`  ${e.import === undefined ? instanceId(e.instance) : importId(e.import)} -> ${exportId(e.name)}${label};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

const instanceId = (name: string): string => quote(`instance:${name}`);
const importId = (name: string): string => quote(`import:${name}`);
const exportId = (name: string): string => quote(`export:${name}`);

function style(e: PlanGraphEdge): string {
  return e.how === 'explicit' ? 'bold' : e.how === 'auto' ? 'solid' : 'dashed';
}

function edgeLabel(e: PlanGraphEdge): string {
  switch (e.from.kind) {
    case 'import':
      return e.from.import === e.import ? e.import : `${e.import}\n(as ${e.from.import})`;
    case 'export':
      return `${e.import}\n(${e.how}${e.from.export === e.import ? '' : `, export ${e.from.export}`})`;
    case 'instance':
      return `${e.import}\n(${e.how}, whole instance)`;
  }
}

/** A dot quoted string: backslashes and quotes escaped, line breaks as `\n` (centred lines in labels). */
function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
