import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve, sep } from 'node:path';
import { findCompatible } from '../check/names.js';
import { configFileNames } from '../config/file-names.js';
import type { InstanceConfig, WcomposeConfig } from '../config/types.js';
import { WcomposeError, isWcomposeError } from '../diagnostics/error.js';
import type { ComponentInput } from '../graph/model.js';
import { loadComponentFile } from '../io/read-input.js';
import type { PlanGraph } from '../plan-view/graph.js';
import { planComposition } from './plan.js';

export interface InitOptions {
  /** The folder to look for components in, and to write `compose.config.ts` to. Default: cwd. */
  dir?: string | undefined;
}

export interface InitResult {
  /** The config file written. */
  file: string;
  /** Its text. */
  text: string;
  /** The components it lists (name → path relative to the folder). */
  components: Record<string, string>;
  /** Files that were found but are not components (core modules, unreadable files), with why. */
  skipped: { file: string; reason: string }[];
}

/** The output `init` names in the config it writes. */
const OUTPUT = 'composed.wasm';

/**
 * Writes a `compose.config.ts` for the `.wasm` components in a folder (and its subfolders, `node_modules` and hidden
 * folders aside): every component listed, and the plan wcompose infers for them — which import is plugged by which
 * component, what is left for the host, what is exported — written out as comments, so that `wcompose build`
 * composes it as it stands and the config says what it does. Where several components export what an import needs,
 * the config chooses one explicitly (the first by name) and names the others. Never overwrites a config.
 */
export async function init(options: InitOptions = {}): Promise<InitResult> {
  const dir = resolve(options.dir ?? process.cwd());
  const existing = configFileNames.map((n) => join(dir, n)).find((f) => existsSync(f));
  if (existing !== undefined) {
    throw new WcomposeError('WC4107', 'a config already exists here; wcompose init does not overwrite it', { file: existing });
  }
  const { default: fg } = await import('fast-glob');
  const found = (await fg('**/*.wasm', { cwd: dir, onlyFiles: true, ignore: ['**/node_modules/**'], dot: false })).sort();
  const inputs: ComponentInput[] = [];
  const components: Record<string, string> = {};
  const skipped: InitResult['skipped'] = [];
  for (const rel of found) {
    if (rel === OUTPUT) {
      skipped.push({ file: rel, reason: 'the output this config names' });
      continue;
    }
    let loaded;
    try {
      loaded = await loadComponentFile(join(dir, rel), { coreCode: false });
    } catch (e) {
      if (!isWcomposeError(e)) throw e;
      skipped.push({ file: rel, reason: e.message });
      continue;
    }
    const stem = basename(rel, extname(rel));
    let name = stem;
    for (let n = 2; name in components; n++) name = `${stem}-${n}`;
    components[name] = rel.split(sep).join('/');
    inputs.push({ name, file: join(dir, rel), ...loaded });
  }
  if (inputs.length === 0) {
    throw new WcomposeError('WC4108', `no WebAssembly component in ${dir}${skipped.length > 0 ? ` (only: ${skipped.map((s) => s.file).join(', ')})` : ''}`);
  }

  const choices = ambiguousChoices(inputs);
  const instances: Record<string, InstanceConfig> = {};
  for (const c of choices) {
    const inst = (instances[c.instance] ??= { component: c.instance, with: {} });
    inst.with![c.import] = c.chosen;
  }
  const config: WcomposeConfig = { components, output: OUTPUT, ...(choices.length > 0 ? { instances } : {}) };
  let graph: PlanGraph | undefined;
  let problem: WcomposeError | undefined;
  try {
    graph = (await planComposition({ config, cwd: dir })).graph;
  } catch (e) {
    if (!isWcomposeError(e)) throw e;
    problem = e;
  }
  const text = configText(components, choices, graph, problem, skipped);
  const file = join(dir, 'compose.config.ts');
  try {
    // `wx`: fail rather than overwrite, should a config appear meanwhile.
    await writeFile(file, text, { flag: 'wx' });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'EEXIST') throw new WcomposeError('WC4107', 'a config already exists here; wcompose init does not overwrite it', { file });
    throw new WcomposeError('WC9002', `cannot write file: ${String(code ?? e)}`, { file });
  }
  return { file, text, components, skipped };
}

/** An import that several components could plug, the one chosen (first by name), and the others. */
interface Choice {
  instance: string;
  import: string;
  chosen: string;
  others: string[];
}

/** The imports the planner would find ambiguous (several exporters, no single exact match), each given a choice. */
function ambiguousChoices(inputs: ComponentInput[]): Choice[] {
  const choices: Choice[] = [];
  for (const c of inputs) {
    for (const name of c.type.imports.keys()) {
      const candidates = inputs
        .filter((o) => o !== c && findCompatible(name, o.type.exports.keys()) !== undefined)
        .map((o) => ({ name: o.name, exact: o.type.exports.has(name) }))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      if (candidates.length < 2 || candidates.filter((x) => x.exact).length === 1) continue;
      const [chosen, ...others] = candidates.some((x) => x.exact) ? candidates.filter((x) => x.exact) : candidates;
      choices.push({ instance: c.name, import: name, chosen: chosen!.name, others: others.map((o) => o.name) });
    }
  }
  return choices;
}

const q = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** An object key, quoted only when it must be. */
const key = (s: string): string => (/^[A-Za-z_$][\w$]*$/.test(s) ? s : q(s));

function configText(
  components: Record<string, string>,
  choices: Choice[],
  graph: PlanGraph | undefined,
  problem: WcomposeError | undefined,
  skipped: InitResult['skipped'],
): string {
  const out: string[] = [
    '// Written by `wcompose init` from the components in this folder. `wcompose plan` shows the plan below,',
    '// `wcompose build` composes it. See the config reference in wcompose\'s README.',
    "import { defineConfig } from 'wcompose';",
    '',
    'export default defineConfig({',
    '  // Every component found, named after its file.',
    '  components: {',
    ...Object.entries(components).map(([name, path]) => `    ${key(name)}: ${q(path)},`),
    '  },',
  ];
  if (skipped.length > 0) {
    out.push('  // Not components, left out:');
    for (const s of skipped) out.push(`  //   ${s.file}: ${s.reason}`);
  }
  if (choices.length > 0) {
    out.push('  // Several components export what these imports need: the first by name is chosen, change it at will.');
    out.push('  instances: {');
    const byInstance = new Map<string, Choice[]>();
    for (const c of choices) byInstance.set(c.instance, [...(byInstance.get(c.instance) ?? []), c]);
    for (const [instance, list] of byInstance) {
      out.push(`    ${key(instance)}: {`, `      component: ${q(instance)},`, '      with: {');
      for (const c of list) out.push(`        ${q(c.import)}: ${q(c.chosen)}, // also exported by: ${c.others.join(', ')}`);
      out.push('      },', '    },');
    }
    out.push('  },');
  }
  if (graph === undefined) {
    out.push(`  // wcompose could not plan a composition of these components: ${problem?.message ?? 'unknown problem'}`);
    if (problem !== undefined) out.push(`  // [${problem.code}] ${problem.hint}`);
  } else {
    out.push('  // How each import is satisfied, in instantiation order (auto: plugged from the one component that exports it):');
    for (const inst of graph.instances) {
      const edges = graph.edges.filter((e) => e.instance === inst.name);
      if (edges.length === 0) out.push(`  //   ${inst.name}: no imports`);
      for (const e of edges) {
        const from = e.from.kind === 'import' ? 'left for the host' : `${e.from.instance} (${e.how})`;
        out.push(`  //   ${inst.name}: ${e.import} ← ${from}`);
      }
    }
    if (graph.imports.length === 0) {
      out.push('  // Left for the host to provide: nothing, the composed component imports nothing.');
    } else {
      out.push('  // Left for the host to provide (the composed component\'s imports):');
      for (const i of graph.imports) out.push(`  //   ${i.name} (used by ${[...new Set(i.users.map((u) => u.instance))].join(', ')})`);
      out.push("  // To forbid some: imports: { deny: ['wasi:filesystem/*'] }, or imports: 'none'.");
    }
    out.push('  // Exported: what no other component consumes.');
    out.push('  exports: [');
    const byInstance = new Map<string, string[]>();
    for (const e of graph.exports) byInstance.set(e.instance, [...(byInstance.get(e.instance) ?? []), e.name]);
    for (const [instance, names] of byInstance) out.push(`    ${q(instance)}, // ${names.join(', ')}`);
    out.push('  ],');
  }
  out.push(`  output: ${q(OUTPUT)},`, '});', '');
  return out.join('\n');
}
