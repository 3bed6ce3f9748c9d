import type { PlanGraph, PlanGraphEdge, PlanGraphExport, PlanGraphImport } from './graph.js';

/**
 * The styles the text view uses; a chalk instance is one. Declared here, not as chalk's type, so the published
 * declarations do not depend on chalk's (which need @types/node).
 */
export interface PlanTextColors {
  dim(text: string): string;
  bold(text: string): string;
  cyan(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

export interface PlanTextOptions {
  /** Colours (e.g. a chalk instance); default none. */
  chalk?: PlanTextColors | undefined;
}

const plain = (text: string): string => text;
const noColors: PlanTextColors = { dim: plain, bold: plain, cyan: plain, yellow: plain, green: plain };

/**
 * The plan as a tree for a terminal:
 *
 * ```
 * compose.config.ts → out/example.wasm
 * instances (in instantiation order)
 *   ops  fixtures/example/ops.wat
 *   app  fixtures/example/app.wat
 *     demo:math/ops@0.1.0 ← ops (auto)
 * imports
 *   (none)
 * exports
 *   demo:math/app@0.1.0 ← app
 * ```
 *
 * Under each instance, each of its imports and what satisfies it: `← ops` (that instance's export of the same name),
 * `← ops › name` (another export of it), `← ops (whole instance)`, or `← import` (an import of the composition).
 * Each import of the composition lists the instances it serves (`→ first, second`).
 */
export function renderText(graph: PlanGraph, options: PlanTextOptions = {}): string {
  const c = options.chalk ?? noColors;
  const arrow = (s: string): string => c.dim(s);
  const lines: string[] = [];

  const header = [graph.config ?? 'composition', graph.output].filter((p) => p !== undefined);
  lines.push(c.bold(header.join(arrow(' → '))));

  lines.push(c.bold('instances') + c.dim(' (in instantiation order)'));
  const width = Math.max(0, ...graph.instances.map((i) => i.name.length));
  for (const inst of graph.instances) {
    const component = inst.component === inst.name ? '' : c.dim(` (component ${inst.component})`);
    lines.push(`  ${c.cyan(inst.name.padEnd(width))}  ${inst.file}${component}`);
    for (const e of graph.edges.filter((x) => x.instance === inst.name)) {
      lines.push(`    ${e.import} ${arrow('←')} ${edgeSource(e, c)}`);
    }
  }

  lines.push(c.bold('imports'));
  if (graph.imports.length === 0) lines.push(c.dim('  (none)'));
  for (const i of graph.imports) lines.push(`  ${c.yellow(named(i))} ${arrow('→')} ${users(i)}`);

  lines.push(c.bold('exports'));
  if (graph.exports.length === 0) lines.push(c.dim('  (none)'));
  for (const e of graph.exports) lines.push(`  ${c.green(named(e))} ${arrow('←')} ${exportSource(e, c)}`);

  return `${lines.join('\n')}\n`;
}

/** `name`, or `name: func(…)` for what is not an interface. */
function named(x: PlanGraphImport | PlanGraphExport): string {
  if (x.kind === 'interface') return x.name;
  return `${x.name}: ${x.type ?? (x.kind === 'module' ? 'core module' : x.kind)}`;
}

function edgeSource(e: PlanGraphEdge, c: PlanTextColors): string {
  const from = e.from;
  switch (from.kind) {
    case 'import':
      return c.yellow(from.import === e.import ? 'import' : `import ${from.import}`);
    case 'export': {
      const what = from.export === e.import ? c.cyan(from.instance) : `${c.cyan(from.instance)} › ${from.export}`;
      return `${what} ${c.dim(`(${e.how})`)}`;
    }
    case 'instance':
      return `${c.cyan(from.instance)} ${c.dim(`(${e.how}, whole instance)`)}`;
  }
}

function users(i: PlanGraphImport): string {
  return i.users.map((u) => (u.import === i.name ? u.instance : `${u.instance} (${u.import})`)).join(', ');
}

function exportSource(e: PlanGraphExport, c: PlanTextColors): string {
  return e.export === e.name ? c.cyan(e.instance) : `${c.cyan(e.instance)} › ${e.export}`;
}
