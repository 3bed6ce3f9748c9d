import {
  artifactPaths, checkArtifactPaths, generateArtifacts, resolveArtifacts, writeAllAtomic, type ArtifactResult,
} from '../artifacts/index.js';
import type { ArtifactsConfig, WcomposeConfig } from '../config/schema.js';
import { writeFileAtomic } from '../emit/write-atomic.js';
import type { Plan } from '../graph/model.js';
import { emitChunks } from '../emit/emit.js';
import { compositionOutput, obtainComposition } from './composition.js';
import { printWat } from './print-wat.js';

export type { ArtifactKind, ArtifactResult } from '../artifacts/index.js';

export interface BuildOptions {
  /** The config file (default: compose.config.ts or .mts/.js/.mjs in `cwd`), a config object, or a `.wac` document. */
  config?: string | WcomposeConfig | undefined;
  /** Where relative paths start when `config` is an object, and where the config is looked for. Default: cwd. */
  cwd?: string | undefined;
  /** Overrides the config's `output`. */
  output?: string | undefined;
  /** Write the composed component as WAT text instead of a binary. */
  wat?: boolean | undefined;
  /** For WAC documents: the deps folder (default `deps/` beside the document), relative to `cwd`. */
  depsDir?: string | undefined;
  /** For WAC documents: packages by name (`ns:name` or `ns:name@1.0.0`) → path, relative to `cwd` (wac's `--dep`). */
  deps?: Record<string, string> | undefined;
  /**
   * Artifacts to write besides the composed component, on top of the config's `artifacts` (kind by kind: `true`
   * turns one on at its default path, a string gives its path relative to `cwd`, `false` turns it off).
   */
  artifacts?: ArtifactsConfig | undefined;
  /** Called as the build moves on (`composing 3 components…`): for progress displays. */
  onProgress?: ((message: string) => void) | undefined;
}

export interface BuildResult {
  /** The file written. */
  output: string;
  /** Its size in bytes. */
  size: number;
  plan: Plan;
  configFile: string | undefined;
  /** The artifacts written besides the composed component (none unless asked for). */
  artifacts: ArtifactResult[];
}

/**
 * What a build read and wrote, as far as it got (a failed build fills in what it learnt before failing): what
 * `watch` watches and ignores.
 */
export interface BuildTrace {
  configFile?: string | undefined;
  config?: WcomposeConfig | undefined;
  /** Where the config's relative paths start. */
  configDir?: string | undefined;
  /** The component files the build read. */
  inputs?: string[] | undefined;
  /** Everything the build writes: the composed component, and the artifacts' files and folders. */
  outputs?: string[] | undefined;
}

/**
 * Builds the composition a config describes and writes it to its output file, with the artifacts the config (or
 * `options.artifacts`) asks for. Everything is generated before anything is written, and then written atomically:
 * a failure anywhere leaves every file as it was.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  return buildTraced(options, {});
}

/** `build`, recording in `trace` what it reads and writes. */
export async function buildTraced(options: BuildOptions, trace: BuildTrace): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const progress = options.onProgress ?? ((): void => {});
  const source = await obtainComposition({ config: options.config, cwd, depsDir: options.depsDir, deps: options.deps }, (file) => {
    trace.configFile = file;
    progress('loading the config…');
  });
  const { config, configFile } = source;
  trace.config = config;
  trace.configDir = source.dir;
  const output = compositionOutput(source, cwd, options.output);
  const artifacts = resolveArtifacts(config?.artifacts, options.artifacts, output, trace.configDir, cwd);
  trace.outputs = [output, ...artifactPaths(artifacts)];

  progress('reading components…');
  const spec = source.spec;
  trace.inputs = [...spec.components.map((c) => c.file), ...(source.wacFile !== undefined && source.wacFile !== configFile ? [source.wacFile] : [])];
  const n = spec.components.length;
  progress(`composing ${n} component${n === 1 ? '' : 's'}…`);
  const plan = source.plan();
  const chunks = emitChunks(plan);
  const size = chunks.reduce((total, c) => total + c.length, 0);

  const kinds = (['wit', 'js', 'wadm'] as const).filter((k) => artifacts[k] !== undefined);
  // `--wat`: the component as text instead of binary (as `wac compose -t` writes it).
  const data = options.wat === true ? [new TextEncoder().encode(await printWat(concat(chunks, size)))] : chunks;
  if (kinds.length === 0) {
    await writeFileAtomic(output, data);
    return { output, size: data.reduce((n, c) => n + c.length, 0), plan, configFile, artifacts: [] };
  }
  await checkArtifactPaths(output, artifacts);
  progress(`writing ${kinds.join(', ')}…`);
  const bytes = concat(chunks, size);
  const { entries, results } = await generateArtifacts(artifacts, { output, bytes, plan });
  // The artifacts first, the composed component last: a new .wasm means its artifacts are in place.
  await writeAllAtomic([...entries, { kind: 'file', path: output, data }]);
  return { output, size, plan, configFile, artifacts: results };
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}
