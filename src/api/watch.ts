import { existsSync, watch as watchFs, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import fg from 'fast-glob';
import { isTempName } from '../artifacts/index.js';
import { configFileNames } from '../config/file-names.js';
import { buildTraced, type BuildOptions, type BuildResult, type BuildTrace } from './build.js';

export interface WatchOptions extends BuildOptions {
  /** How long to wait after the last change before rebuilding, in milliseconds. Default: 100. */
  debounceMs?: number | undefined;
}

/** One build in watch mode: its result or its error, and the files whose change started it (none for the first). */
export type WatchResult =
  | { ok: true; result: BuildResult; changed: string[]; durationMs: number }
  | { ok: false; error: unknown; changed: string[]; durationMs: number };

export interface Watcher {
  /** Stops watching; resolves once a build under way has finished (its result is not reported). */
  close(): Promise<void>;
}

/**
 * Builds, then rebuilds whenever an input changes: the config file, any component file it names, or a file
 * appearing in (or leaving) a folder one of its globs reads; globs are expanded again on every build. Changes
 * are debounced; a failed build is reported like a good one, and watching goes on. The folders of the files are
 * watched (not the files themselves), so editors that save by renaming are seen too; what the build writes is
 * ignored.
 */
export function watch(options: WatchOptions, onResult: (result: WatchResult) => void | Promise<void>): Watcher {
  const cwd = resolve(options.cwd ?? process.cwd());
  const debounceMs = options.debounceMs ?? 100;
  const watchers = new Map<string, { watcher: FSWatcher; recursive: boolean }>();
  const pending = new Set<string>();
  let trace: BuildTrace = {};
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const outputs = (): string[] => trace.outputs ?? [];
  const patterns = (): string[] => {
    const c = trace.config?.components;
    return c === undefined ? [] : Array.isArray(c) ? c : Object.values(c);
  };
  /** The component files the build reads, or would read: those it read, and the ones named without a glob. */
  const knownInputs = (): Set<string> => {
    const dir = trace.configDir ?? cwd;
    const files = new Set(trace.inputs ?? []);
    for (const p of patterns()) if (!fg.isDynamicPattern(p)) files.add(resolve(dir, p));
    return files;
  };

  /**
   * The folders to watch, each with whether to watch its subfolders too: the config's (or cwd, until a config turns
   * up), the inputs', and the globs' bases. A glob whose wildcards reach below its base (a `**` segment, or
   * any wildcard segment before the last) is watched recursively, so a file in a subfolder created after the build is seen.
   */
  const folders = (): Map<string, boolean> => {
    const dirs = new Map<string, boolean>();
    const add = (dir: string, recursive: boolean): void => {
      // A folder that does not exist yet is watched through its nearest existing parent, and then recursively: the
      // files may appear anywhere below it.
      let d = dir;
      while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
      dirs.set(d, (dirs.get(d) ?? false) || recursive || d !== dir);
    };
    add(trace.configFile === undefined ? cwd : dirname(trace.configFile), false);
    for (const f of knownInputs()) add(dirname(f), false);
    const base = trace.configDir ?? cwd;
    for (const p of patterns()) {
      if (!fg.isDynamicPattern(p)) continue;
      const glob = globBase(resolve(base, p));
      add(glob.base, glob.deep);
    }
    return dirs;
  };

  const isOutput = (path: string): boolean =>
    outputs().some((o) => path === o || path.startsWith(`${o}${sep}`));

  /** Whether a change to `path` calls for a rebuild (globs: whether the path is, or was, one of their files). */
  const relevant = async (paths: string[]): Promise<string[]> => {
    const inputs = knownInputs();
    const direct = paths.filter((p) => p === trace.configFile || inputs.has(p) || (trace.configFile === undefined && typeof options.config !== 'object' && configFileNames.includes(basename(p))));
    const rest = paths.filter((p) => !direct.includes(p));
    if (rest.length === 0 || !patterns().some((p) => fg.isDynamicPattern(p))) return direct;
    const dir = trace.configDir ?? cwd;
    const matched = new Set<string>();
    for (const p of patterns()) {
      if (!fg.isDynamicPattern(p)) continue;
      for (const f of await fg(p, { cwd: dir, absolute: true, onlyFiles: true }).catch(() => [])) matched.add(resolve(f));
    }
    return [...direct, ...rest.filter((p) => matched.has(p))];
  };

  const onEvent = (dir: string, filename: string | Buffer | null): void => {
    if (closed) return;
    const name = filename === null ? undefined : filename.toString();
    if (name !== undefined && isTempName(name)) return;
    const path = name === undefined ? dir : join(dir, name);
    if (isOutput(path)) return;
    pending.add(path);
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void fire(), debounceMs);
  };

  const updateWatchers = (): void => {
    const want = folders();
    for (const [dir, w] of watchers) {
      if (want.get(dir) !== w.recursive) {
        w.watcher.close();
        watchers.delete(dir);
      }
    }
    for (const [dir, recursive] of want) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watchFs(dir, { persistent: true, recursive }, (_event, filename) => onEvent(dir, filename));
        const w = { watcher, recursive };
        watcher.on('error', () => {
          watcher.close();
          if (watchers.get(dir) === w) watchers.delete(dir);
        });
        watchers.set(dir, w);
      } catch {
        // The folder went away between the check and the watch: the next build looks again.
      }
    }
  };

  const run = async (changed: string[]): Promise<void> => {
    const start = performance.now();
    const next: BuildTrace = {};
    let result: WatchResult;
    try {
      const built = await buildTraced(options, next);
      result = { ok: true, result: built, changed, durationMs: performance.now() - start };
    } catch (error) {
      result = { ok: false, error, changed, durationMs: performance.now() - start };
    }
    // What a failed build did not get to learn is kept from the build before (its files are still watched).
    trace = {
      configFile: next.configFile ?? trace.configFile,
      config: next.config ?? trace.config,
      configDir: next.configDir ?? trace.configDir,
      inputs: next.inputs ?? trace.inputs,
      outputs: next.outputs ?? trace.outputs,
    };
    if (closed) return;
    updateWatchers();
    await onResult(result);
  };

  const start = (changed: string[]): void => {
    running = run(changed)
      // Only a bug (or a throwing onResult) gets here: it is reported as a failed build, and watching goes on.
      .catch(async (error: unknown) => {
        if (!closed) await Promise.resolve(onResult({ ok: false, error, changed, durationMs: 0 })).catch(() => {});
      })
      .finally(() => {
        running = undefined;
        if (again && !closed) {
          again = false;
          void fire();
        }
      });
  };

  const fire = async (): Promise<void> => {
    timer = undefined;
    if (closed) return;
    if (running !== undefined) {
      again = true;
      return;
    }
    const paths = [...pending];
    pending.clear();
    const changed = await relevant(paths);
    if (changed.length > 0 && !closed && running === undefined) start(changed);
    else if (changed.length > 0 && running !== undefined) {
      for (const p of changed) pending.add(p);
      again = true;
    }
  };

  start([]);
  return {
    async close(): Promise<void> {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const w of watchers.values()) w.watcher.close();
      watchers.clear();
      await running;
    },
  };
}

/**
 * The folder a glob reads (its path up to the first segment with a wildcard), and whether its matches may lie in
 * subfolders of that folder (a wildcard segment that is not the last one, such as `**`).
 */
function globBase(pattern: string): { base: string; deep: boolean } {
  const parts = pattern.split(/[\\/]/);
  const i = parts.findIndex((p) => p !== '' && fg.isDynamicPattern(p));
  const base = parts.slice(0, i === -1 ? parts.length - 1 : i).join('/');
  return { base: base === '' ? '/' : base, deep: i !== -1 && i < parts.length - 1 };
}
