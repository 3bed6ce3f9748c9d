import { resolve, basename, extname } from 'node:path';
import { WcomposeError } from '../diagnostics/error.js';
import { checkOutputPaths } from '../emit/output-paths.js';
import { writeFileAtomic } from '../emit/write-atomic.js';
import type { ComponentInput, CompositionSpec, InstanceSpec } from '../graph/model.js';
import { loadComponentFile } from '../io/read-input.js';
import { chunkLength, withFileRanges } from '../emit/chunks.js';
import type { OutputChunk } from '../emit/output-chunk.js';
import { emitBuffers } from '../emit/emit.js';
import { validateOutput } from '../validate/index.js';
import { plan as planComposition } from '../graph/plan.js';
import { findCompatible } from '../check/names.js';
import { isWcomposeError } from '../diagnostics/error.js';
import type { Plan } from '../graph/model.js';
import type { BuildResult } from './build.js';

export interface PlugOptions {
  socket: string;
  plugs: string[];
  output: string;
  cwd?: string | undefined;
  /** Validate the inputs and the composed component (default: true); `false` is `--no-validate`. */
  validate?: boolean | undefined;
}

/**
 * Quick mode, as `wac plug`: the socket's imports are filled from the plugs' exports (plugs may also fill each
 * other's imports); the socket's exports are the result's exports; what nobody fills stays an import. Plugs that
 * fill nothing are left out; none filling anything is an error.
 */
export async function plug(options: PlugOptions): Promise<Omit<BuildResult, 'configFile' | 'artifacts'>> {
  const { plan, chunks, size, components } = await preparePlug(options);
  const output = resolve(options.cwd ?? process.cwd(), options.output);
  await checkOutputPaths([{ label: 'the output', path: output }], components.map((c, i) => ({
    label: i === 0 ? 'the socket' : `the plug ${c.name}`,
    path: c.file,
  })));
  await writeFileAtomic(output, chunks);
  return { output, size, plan, warnings: plan.warnings };
}

/** `plug` without writing: the composed component in memory, as chunks (for stdout, or printing as text). */
export async function preparePlug(options: Omit<PlugOptions, 'output'>): Promise<{ plan: Plan; chunks: OutputChunk[]; size: number; components: ComponentInput[] }> {
  const cwd = options.cwd ?? process.cwd();
  const typed = [options.socket, ...options.plugs];
  const files = typed.map((f) => resolve(cwd, f));
  const names = new Set<string>();
  // Each component's file as the user typed it, for messages.
  const displayed = new Map<string, string>();
  const components: ComponentInput[] = [];
  for (const [i, file] of files.entries()) {
    // Named after the file, made unique: the names only show in messages.
    const stem = i === 0 ? 'socket' : basename(file, extname(file));
    let name = stem;
    for (let n = 2; names.has(name); n++) name = `${stem}-${n}`;
    names.add(name);
    components.push({ name, file, ...(await loadComponentFile(file, { validate: options.validate })) });
    displayed.set(name, typed[i]!);
  }
  const socket = components[0]!;
  const spec = (inputs: ComponentInput[]): CompositionSpec => ({
    components: inputs,
    instances: inputs.map((c): InstanceSpec => ({ name: c.name, component: c.name, with: {} })),
    exports: [{ instance: socket.name }],
  });
  let plan = planInPlugMode(spec(components), components, displayed);
  // As with wac plug, only plugs that fill an import (of the socket, or of a plug that does) are composed in; if none
  // does, the plugs were surely not the intended ones.
  const used = new Set([socket.name]);
  for (const inst of [...plan.instances].reverse()) {
    if (!used.has(inst.name)) continue;
    for (const a of inst.args) if (a.source.kind !== 'import') used.add(a.source.instance);
  }
  if (used.size === 1 && components.length > 1) {
    const first = components[1]!;
    throw new WcomposeError('WC4014', `no plug fills an import of the socket`, {
      file: socket.file,
      hint: `the socket imports ${[...socket.type.imports.keys()].map((n) => `"${n}"`).join(', ') || 'nothing'}; ${first.name} exports ${[...first.type.exports.keys()].map((n) => `"${n}"`).join(', ') || 'nothing'}`,
    });
  }
  if (used.size < components.length) plan = planComposition(spec(components.filter((c) => used.has(c.name))));
  const buffers = emitBuffers(plan);
  if (options.validate !== false) validateOutput(buffers);
  const chunks = withFileRanges(buffers);
  const size = chunks.reduce((n, c) => n + chunkLength(c), 0);
  return { plan, chunks, size, components };
}

/**
 * Plans as the config planner does, but says what an ambiguous plug means in plug mode: there is no config whose
 * `instances.<name>.with` could choose, so the message names the plugs and the ways out.
 */
function planInPlugMode(spec: CompositionSpec, components: ComponentInput[], displayed: Map<string, string>): Plan {
  try {
    return planComposition(spec);
  } catch (e) {
    if (!isWcomposeError(e) || e.code !== 'WC4005') throw e;
    for (const c of components) {
      for (const name of c.type.imports.keys()) {
        const candidates = components
          .filter((o) => o !== c)
          .flatMap((o) => {
            const found = findCompatible(name, o.type.exports.keys());
            return found === undefined ? [] : [{ component: o, export: found }];
          });
        const exact = candidates.filter((x) => x.export === name);
        if (candidates.length < 2 || exact.length === 1) continue;
        const who = c === components[0] ? 'the socket' : `plug ${displayed.get(c.name)}`;
        const list = candidates.map((x) => `${displayed.get(x.component.name)} (${x.export})`).join(', ');
        throw new WcomposeError('WC4005', `import "${name}" of ${who} can be filled by several plugs: ${list}`, {
          file: c.file,
          hint:
            'plug mode takes each import from the one plug that exports it: pass only one of these with --plug, ' +
            'or compose with a config (`wcompose init` writes one) and choose in `instances.<name>.with`',
        });
      }
    }
    throw e;
  }
}
