import {
  artifactPaths, checkArtifactPaths, generateArtifacts, resolveArtifacts, writeAllAtomic, type ArtifactKind, type ArtifactPlan,
  type ArtifactResult,
} from '../artifacts/index.js';
import type { ArtifactsConfig, WcomposeConfig } from '../config/types.js';
import { joinChunks } from '../emit/chunks.js';
import type { OutputChunk } from '../emit/output-chunk.js';
import { checkOutputPaths, type NamedPath } from '../emit/output-paths.js';
import type { WcomposeWarning } from '../diagnostics/warning.js';
import { writeFileAtomic } from '../emit/write-atomic.js';
import type { Plan } from '../graph/model.js';
import { composeChunks } from './compose.js';
import { compositionOutput, obtainComposition } from './composition.js';

export type { ArtifactKind, ArtifactResult } from '../artifacts/index.js';

export interface BuildOptions {
  /** The config file (default: compose.config.ts or .mts/.js/.mjs in `cwd`), a config object, or a `.wac` document. */
  config?: string | WcomposeConfig | undefined;
  /** Where relative paths start when `config` is an object, and where the config is looked for. Default: cwd. */
  cwd?: string | undefined;
  /** Overrides the config's `output`. */
  output?: string | undefined;
  /** For WAC documents: the deps folder (default `deps/` beside the document), relative to `cwd`. */
  depsDir?: string | undefined;
  /** For WAC documents: packages by name (`ns:name` or `ns:name@1.0.0`) → path, relative to `cwd` (wac's `--dep`). */
  deps?: Record<string, string> | undefined;
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
  /**
   * Import the components instead of embedding them (wac's `--import-dependencies`; or the config's
   * `importDependencies`): the output imports each by its component type and instantiates the import.
   */
  importDependencies?: boolean | undefined;
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
  return (await prepareBuild(options, trace)).write();
}

/** A composition planned and emitted in memory, not written yet: what `build` writes, for callers that decide where. */
export interface PreparedBuild {
  plan: Plan;
  /**
   * The composed component, as chunks (embedded components are views of the inputs' bytes, or ranges of their files
   * for inputs read by their component layer only: never copies).
   */
  chunks: readonly OutputChunk[];
  size: number;
  configFile: string | undefined;
  /**
   * Where `write` puts it: `options.output`, else the config's `output`, else `composed.wasm` next to the config
   * (`<document>.wasm` beside a `.wac` document given directly).
   */
  output: string;
  /**
   * Whether `options.output`, the config or a `.wac` document given directly names the output (false: `output` is
   * the default `composed.wasm`).
   */
  outputNamed: boolean;
  /** The artifacts asked for (by the config or `options.artifacts`): they need `write`, next to `output`. */
  artifactKinds: ArtifactKind[];
  /** Writes the component and its artifacts, all or nothing, as `build` does. */
  write(): Promise<BuildResult>;
}

/**
 * Loads the config, plans and emits the composition in memory, and returns it with a `write` that does the rest of
 * `build`. The CLI uses it to send the component to stdout (or print it as text) when no file is named.
 */
export async function prepareBuild(options: BuildOptions = {}, trace: BuildTrace = {}): Promise<PreparedBuild> {
  const cwd = options.cwd ?? process.cwd();
  const progress = options.onProgress ?? ((): void => {});
  const source = await obtainComposition({
    config: options.config, cwd, depsDir: options.depsDir, deps: options.deps, validate: options.validate,
  }, (file) => {
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
  await checkOutputPaths(buildOutputs(output, artifacts), [
    ...(configFile === undefined ? [] : [{ label: source.wacFile === configFile ? 'the WAC document' : 'the config file', path: configFile }]),
    ...(source.wacFile !== undefined && source.wacFile !== configFile ? [{ label: 'the WAC document', path: source.wacFile }] : []),
    ...spec.components.map((c) => ({ label: `component "${c.name}"`, path: c.file })),
  ], configFile);
  const n = spec.components.length;
  progress(`composing ${n} component${n === 1 ? '' : 's'}…`);
  // For a WAC document, its own planner: problems at their line and column, and its `targets` world checked.
  const { plan, chunks, size } = composeChunks(spec, {
    validate: options.validate,
    importDependencies: options.importDependencies ?? config?.importDependencies,
  }, () => source.plan());

  const kinds = (['wit', 'js', 'wadm'] as const).filter((k) => artifacts[k] !== undefined);
  const write = async (): Promise<BuildResult> => {
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
  };
  // A `.wac` document given directly names its output: `<document>.wasm` beside it.
  const outputNamed = options.output !== undefined || config === undefined || config.output !== undefined;
  return { plan, chunks, size, configFile, output, outputNamed, artifactKinds: kinds, write };
}

/** What a build writes, named for messages: the composed component and the artifacts. */
function buildOutputs(output: string, artifacts: ArtifactPlan): NamedPath[] {
  const out: NamedPath[] = [{ label: 'the composed component', path: output, option: 'output' }];
  if (artifacts.wit !== undefined) out.push({ label: 'the WIT file', path: artifacts.wit.path, option: 'artifacts.wit' });
  if (artifacts.js !== undefined) out.push({ label: 'the JS bindings folder', path: artifacts.js.dir, option: 'artifacts.js', folder: true });
  if (artifacts.wadm !== undefined) out.push({ label: 'the wadm manifest', path: artifacts.wadm.path, option: 'artifacts.wadm' });
  return out;
}
