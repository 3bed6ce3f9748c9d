import { basename, dirname, relative, sep } from 'node:path';
import type { Command } from 'commander';
import type { BuildOptions, BuildResult, PreparedBuild } from '../../api/build.js';
import type { WatchResult } from '../../api/watch.js';
import type { ArtifactsConfig } from '../../config/types.js';
import type { Plan } from '../../graph/model.js';
import { takeOverInterrupts } from '../interrupt.js';
import { checkDestination, deliverComponent, watOption } from '../component-output.js';
import { createStyle, plural, reportWarnings, startProgress, writeJson, type Progress } from '../output.js';
import { ExitCode, UsageError, action, jsonFlag, reportError } from '../run-command.js';

interface BuildFlags {
  config?: string;
  depsDir?: string;
  dep?: string[];
  output?: string;
  json?: boolean;
  watch?: boolean;
  wit?: string | boolean;
  js?: string | boolean;
  wadm?: string | boolean;
  validate?: boolean;
  importDependencies?: boolean;
  wat?: boolean;
}

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('compose the components a config describes into one component')
    .argument('[document]', 'a WAC document (.wac) to compose, instead of a config')
    .option('-c, --config <file>', 'the config file (default: compose.config.ts in the current folder), or a .wac document')
    .option('-o, --output <file>', "where to write the composed component (overrides the config's output)")
    .option('--deps-dir <dir>', 'WAC: the folder packages are found in (default: deps/ beside the document)')
    .option('--dep <pkg=path...>', 'WAC: where package ns:name is (repeatable), e.g. --dep demo:app=build/app.wasm', collectDeps, [])
    .option('--wit [file]', 'also write the composed world as WIT (default: <output name>.wit)')
    .option('--js [dir]', 'also write JS bindings for Node and browsers, by jco (default: <output name>-js/)')
    .option('--wadm [file]', 'also write a wasmCloud application manifest (default: <output name>.wadm.yaml)')
    .option('--no-validate', 'do not validate the input components and the composed one (as wac --no-validate)')
    .option('--import-dependencies', 'import the components (by their types) instead of embedding them, as wac does')
    .addOption(watOption())
    .option('-w, --watch', 'rebuild whenever the config or an input component changes')
    .option('--json', 'print one JSON document: { ok: true, output, size, … } or { ok: false, error }')
    .action(
      action(async (document: string | undefined, opts: BuildFlags) => {
        const options: BuildOptions = {
          config: configArgument(document, opts.config),
          output: opts.output,
          artifacts: artifactFlags(opts),
          validate: opts.validate !== false,
          ...(opts.importDependencies === true ? { importDependencies: true } : {}),
          ...wacFlags(opts),
        };
        if (opts.watch) {
          if (opts.json) throw new UsageError('--json and --watch cannot be combined: --json prints one document');
          if (opts.wat) throw new UsageError('--wat and --watch cannot be combined: --wat prints the component once');
          return watchMode(options);
        }
        if (opts.wat && opts.json) throw new UsageError('--wat and --json cannot be combined: --json prints one document');
        const { prepareBuild } = await import('../../api/build.js');
        const progress = startProgress('building…', { disabled: opts.json === true });
        let result: BuildResult | undefined;
        let prepared: PreparedBuild;
        try {
          prepared = await prepareBuild({ ...options, onProgress: (m) => progress.update(m) });
          // A file named by -o or the config: written there, with its artifacts (as always). Otherwise (or as text)
          // the component goes to stdout, as wac does.
          if (!opts.wat && prepared.outputNamed) result = await prepared.write();
        } finally {
          progress.done();
        }
        if (result === undefined) return deliverUnnamed(prepared, opts);
        if (opts.json) writeJson(buildJson(result));
        else {
          reportWarnings(result.warnings);
          process.stdout.write(`${summaryLine(result)}\n`);
        }
        return ExitCode.ok;
      }, { json: jsonFlag }),
    );
}

/** `build` without a file named by -o or the config, or with `-t`: the component to stdout, or its text to -o/stdout. */
async function deliverUnnamed(prepared: PreparedBuild, opts: BuildFlags): Promise<number> {
  if (prepared.artifactKinds.length > 0) {
    throw new UsageError(
      `the artifacts asked for (${prepared.artifactKinds.join(', ')}) are written next to the composed component: name its file with -o or the config's \`output\``,
    );
  }
  checkDestination(opts, "-o <file> or the config's `output`");
  reportWarnings(prepared.plan.warnings);
  const { file, size } = await deliverComponent(prepared.chunks, opts);
  if (file !== undefined) process.stdout.write(`${summaryLine({ output: file, size, plan: prepared.plan })}\n`);
  return ExitCode.ok;
}

/** The composition to read: a positional `.wac` document or `--config` (not both). */
export function configArgument(document: string | undefined, config: string | undefined): string | undefined {
  if (document !== undefined && config !== undefined) throw new UsageError(`give either a document (${document}) or --config (${config}), not both`);
  if (document !== undefined && !document.endsWith('.wac')) {
    throw new UsageError(`"${document}" is not a WAC document (.wac); give a config with --config <file>`);
  }
  return document ?? config;
}

/** `--dep ns:name=path`, repeatable. */
export function collectDeps(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--deps-dir` and `--dep` as API options. */
export function wacFlags(opts: { depsDir?: string; dep?: string[] }): { depsDir?: string; deps?: Record<string, string> } {
  const out: { depsDir?: string; deps?: Record<string, string> } = {};
  if (opts.depsDir !== undefined) out.depsDir = opts.depsDir;
  if (opts.dep !== undefined && opts.dep.length > 0) {
    out.deps = {};
    for (const d of opts.dep) {
      const eq = d.indexOf('=');
      if (eq <= 0 || eq === d.length - 1) throw new UsageError(`--dep takes <ns:name>=<path>, not "${d}"`);
      out.deps[d.slice(0, eq)] = d.slice(eq + 1);
    }
  }
  return out;
}

/** `--wit`, `--js [dir]`, `--wadm`: artifacts on top of the config's (paths relative to the current folder). */
function artifactFlags(opts: BuildFlags): ArtifactsConfig | undefined {
  const artifacts: ArtifactsConfig = {};
  if (opts.wit !== undefined) artifacts.wit = opts.wit;
  if (opts.js !== undefined) artifacts.js = opts.js;
  if (opts.wadm !== undefined) artifacts.wadm = opts.wadm;
  return Object.keys(artifacts).length === 0 ? undefined : artifacts;
}

/** The composition's shape as `--json` prints it (build and plug). */
export function planJson(plan: Plan): { instances: { name: string; component: string }[]; imports: string[]; exports: string[] } {
  return {
    instances: plan.instances.map((i) => ({ name: i.name, component: i.component.name })),
    imports: plan.imports.map((i) => i.name),
    exports: plan.exports.map((e) => e.name),
  };
}

function buildJson(r: BuildResult): Record<string, unknown> {
  return {
    ok: true,
    output: r.output,
    size: r.size,
    configFile: r.configFile ?? null,
    ...planJson(r.plan),
    artifacts: r.artifacts.map((a) => ({ kind: a.kind, path: a.path, files: a.files })),
    warnings: r.warnings.map((w) => w.toJSON()),
  };
}

/** `composed 2 instances → /abs/out/app.wasm (1234 bytes) + app.wit, app-js/, app.wadm.yaml` */
export function summaryLine(r: Pick<BuildResult, 'output' | 'size' | 'plan'> & { artifacts?: BuildResult['artifacts'] }): string {
  const s = createStyle(process.stdout);
  const n = r.plan.instances.length;
  const artifacts = (r.artifacts ?? []).map((a) => {
    const rel = relative(dirname(r.output), a.path);
    const shown = rel === '' || rel.startsWith('..') ? a.path : rel;
    return a.kind === 'js' ? `${shown}${sep}` : shown;
  });
  const also = artifacts.length === 0 ? '' : ` + ${artifacts.map((a) => s.path(a)).join(', ')}`;
  return `${s.ok('composed')} ${plural(n, 'instance')} → ${s.path(r.output)} ${s.dim(`(${r.size} bytes)`)}${also}`;
}

/** `--watch`: a line per build on stdout (errors on stderr), until SIGINT or SIGTERM. */
async function watchMode(options: BuildOptions): Promise<number> {
  const out = createStyle(process.stdout);
  const err = createStyle(process.stderr);
  let first = true;
  // A progress line per build, started by the build's first progress message and ended with its result.
  let progress: Progress | undefined;
  const onProgress = (message: string): void => {
    progress ??= startProgress(message);
    progress.update(message);
  };
  const onResult = (r: WatchResult): void => {
    progress?.done();
    progress = undefined;
    const time = new Date().toTimeString().slice(0, 8);
    const why = r.changed.length === 0 ? '' : `${r.changed.map((f) => basename(f)).join(', ')} changed: `;
    const ms = `in ${Math.round(r.durationMs)} ms`;
    if (r.ok) {
      reportWarnings(r.result.warnings);
      process.stdout.write(`${out.dim(`[${time}]`)} ${why}${summaryLine(r.result)} ${out.dim(ms)}\n`);
    }
    else {
      if (why !== '') process.stderr.write(`${err.dim(`[${time}]`)} ${why}build failed ${err.dim(ms)}\n`);
      reportError(r.error, false);
    }
    if (first) process.stderr.write(`${err.dim('watching for changes (ctrl-c to stop)')}\n`);
    first = false;
  };
  const { watch } = await import('../../api/watch.js');
  const watcher = watch({ ...options, onProgress }, onResult);
  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      release();
      process.off('SIGTERM', stop);
      progress?.done();
      void watcher.close().then(() => resolveStop());
    };
    // Here Ctrl-C means "stop watching": exit code 0, not the 130 of an interrupted command.
    const release = takeOverInterrupts(stop);
    process.on('SIGTERM', stop);
  });
  return ExitCode.ok;
}
