import { basename, dirname, relative, sep } from 'node:path';
import type { Command } from 'commander';
import type { BuildOptions, BuildResult } from '../../api/build.js';
import type { WatchResult } from '../../api/watch.js';
import type { ArtifactsConfig } from '../../config/schema.js';
import type { Plan } from '../../graph/model.js';
import { createStyle, plural, reportWarnings, startProgress, writeJson, type Progress } from '../output.js';
import { ExitCode, UsageError, action, jsonFlag, reportError } from '../run-command.js';

interface BuildFlags {
  config?: string;
  output?: string;
  json?: boolean;
  watch?: boolean;
  wit?: string | boolean;
  js?: string | boolean;
  wadm?: string | boolean;
  validate?: boolean;
}

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('compose the components a config describes into one component')
    .option('-c, --config <file>', 'the config file (default: compose.config.ts in the current folder)')
    .option('-o, --output <file>', "where to write the composed component (overrides the config's output)")
    .option('--wit [file]', 'also write the composed world as WIT (default: <output name>.wit)')
    .option('--js [dir]', 'also write JS bindings for Node and browsers, by jco (default: <output name>-js/)')
    .option('--wadm [file]', 'also write a wasmCloud application manifest (default: <output name>.wadm.yaml)')
    .option('--no-validate', 'do not validate the input components and the composed one (as wac --no-validate)')
    .option('-w, --watch', 'rebuild whenever the config or an input component changes')
    .option('--json', 'print one JSON document: { ok: true, output, size, … } or { ok: false, error }')
    .action(
      action(async (opts: BuildFlags) => {
        const options: BuildOptions = {
          config: opts.config, output: opts.output, artifacts: artifactFlags(opts), validate: opts.validate !== false,
        };
        if (opts.watch) {
          if (opts.json) throw new UsageError('--json and --watch cannot be combined: --json prints one document');
          return watchMode(options);
        }
        const { build } = await import('../../api/build.js');
        const progress = startProgress('building…', { disabled: opts.json === true });
        let result: BuildResult;
        try {
          result = await build({ ...options, onProgress: (m) => progress.update(m) });
        } finally {
          progress.done();
        }
        if (opts.json) writeJson(buildJson(result));
        else {
          reportWarnings(result.warnings);
          process.stdout.write(`${summaryLine(result)}\n`);
        }
        return ExitCode.ok;
      }, { json: jsonFlag }),
    );
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
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      progress?.done();
      void watcher.close().then(() => resolveStop());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return ExitCode.ok;
}
