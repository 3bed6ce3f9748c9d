import { dirname } from 'node:path';
import {
  artifactPaths, checkArtifactPaths, generateArtifacts, resolveArtifacts, writeAllAtomic, type ArtifactPlan,
  type ArtifactResult,
} from '../artifacts/index.js';
import { obtainConfig } from '../config/load-config.js';
import { outputPath, resolveConfig } from '../config/resolve.js';
import type { ArtifactsConfig, WcomposeConfig } from '../config/schema.js';
import { joinChunks } from '../emit/chunks.js';
import { checkOutputPaths, type NamedPath } from '../emit/output-paths.js';
import type { WcomposeWarning } from '../diagnostics/warning.js';
import { writeFileAtomic } from '../emit/write-atomic.js';
import type { Plan } from '../graph/model.js';
import { composeChunks } from './compose.js';

export type { ArtifactKind, ArtifactResult } from '../artifacts/index.js';

export interface BuildOptions {
  /** The config file (default: compose.config.ts or .mts/.js/.mjs in `cwd`), or a config object. */
  config?: string | WcomposeConfig | undefined;
  /** Where relative paths start when `config` is an object, and where the config is looked for. Default: cwd. */
  cwd?: string | undefined;
  /** Overrides the config's `output`. */
  output?: string | undefined;
  /**
   * Artifacts to write besides the composed component, on top of the config's `artifacts` (kind by kind: `true`
   * turns one on at its default path, a string gives its path relative to `cwd`, `false` turns it off).
   */
  artifacts?: ArtifactsConfig | undefined;
  /**
   * Validate the inputs and the composed component (default: true). `false` (`--no-validate`) skips both, as wac's
   * `--no-validate` does: for inputs wasm-tools would refuse that you still mean to compose.
   */
  validate?: boolean | undefined;
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
  /** What is valid but probably not meant (the plan's warnings), e.g. a composition that exports nothing. */
  warnings: WcomposeWarning[];
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
  const { config, configFile } = await obtainConfig(options.config, cwd, (file) => {
    trace.configFile = file;
    progress('loading the config…');
  });
  trace.config = config;
  trace.configDir = configFile === undefined ? cwd : dirname(configFile);
  const output = outputPath(config, configFile, cwd, options.output);
  const artifacts = resolveArtifacts(config.artifacts, options.artifacts, output, trace.configDir, cwd);
  trace.outputs = [output, ...artifactPaths(artifacts)];

  progress('reading components…');
  const spec = await resolveConfig(config, configFile, cwd, { validate: options.validate });
  trace.inputs = spec.components.map((c) => c.file);
  await checkOutputPaths(buildOutputs(output, artifacts), [
    ...(configFile === undefined ? [] : [{ label: 'the config file', path: configFile }]),
    ...spec.components.map((c) => ({ label: `component "${c.name}"`, path: c.file })),
  ], configFile);
  const n = spec.components.length;
  progress(`composing ${n} component${n === 1 ? '' : 's'}…`);
  const { plan, chunks, size } = composeChunks(spec, { validate: options.validate });

  const kinds = (['wit', 'js', 'wadm'] as const).filter((k) => artifacts[k] !== undefined);
  if (kinds.length === 0) {
    await writeFileAtomic(output, chunks);
    return { output, size, plan, configFile, artifacts: [], warnings: plan.warnings };
  }
  await checkArtifactPaths(output, artifacts);
  progress(`writing ${kinds.join(', ')}…`);
  const bytes = joinChunks(chunks);
  const { entries, results } = await generateArtifacts(artifacts, { output, bytes, plan });
  // The artifacts first, the composed component last: a new .wasm means its artifacts are in place.
  await writeAllAtomic([...entries, { kind: 'file', path: output, data: chunks }]);
  return { output, size, plan, configFile, artifacts: results, warnings: plan.warnings };
}

/** What a build writes, named for messages: the composed component and the artifacts. */
function buildOutputs(output: string, artifacts: ArtifactPlan): NamedPath[] {
  const out: NamedPath[] = [{ label: 'the composed component', path: output, option: 'output' }];
  if (artifacts.wit !== undefined) out.push({ label: 'the WIT file', path: artifacts.wit.path, option: 'artifacts.wit' });
  if (artifacts.js !== undefined) out.push({ label: 'the JS bindings folder', path: artifacts.js.dir, option: 'artifacts.js', folder: true });
  if (artifacts.wadm !== undefined) out.push({ label: 'the wadm manifest', path: artifacts.wadm.path, option: 'artifacts.wadm' });
  return out;
}
