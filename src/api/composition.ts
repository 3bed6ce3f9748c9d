import { basename, dirname, extname, resolve } from 'node:path';
import { componentPaths, outputPath, resolveConfig } from '../config/resolve.js';
import type { WcomposeConfig } from '../config/schema.js';
import type { CompositionSpec, Plan } from '../graph/model.js';
import { plan, type PlanOptions } from '../graph/plan.js';
import { isWacFile, loadWac } from '../wac/index.js';

/** Options for where a composition comes from: a config (file or object) or a `.wac` document. */
export interface CompositionSourceOptions {
  /** The config file (default: compose.config.ts in `cwd`), a config object, or a `.wac` document. */
  config?: string | WcomposeConfig | undefined;
  cwd?: string | undefined;
  /** For WAC documents: the deps folder (default `deps/` beside the document), relative to `cwd`. */
  depsDir?: string | undefined;
  /** For WAC documents: packages by name (`ns:name` or `ns:name@1.0.0`) → path, relative to `cwd` (wac's `--dep`). */
  deps?: Record<string, string> | undefined;
  /** Validate the components' component layer when read (default: true); `false` is `--no-validate`. */
  validate?: boolean | undefined;
}

/** A composition ready to plan, from whichever source described it. */
export interface CompositionSource {
  spec: CompositionSpec;
  /** Plans the spec; for WAC, with problems at their line and column and the `targets` world checked. */
  plan(options?: PlanOptions): Plan;
  config: WcomposeConfig | undefined;
  /** The config file, or the `.wac` document when that is what was given. */
  configFile: string | undefined;
  /** The `.wac` document, when there is one (given directly or through the config's `wac`). */
  wacFile: string | undefined;
  /** Where relative paths of the config start. */
  dir: string;
}

export async function obtainComposition(
  options: CompositionSourceOptions,
  onFile?: (file: string) => void,
): Promise<CompositionSource> {
  const cwd = options.cwd ?? process.cwd();
  if (typeof options.config === 'string' && isWacFile(options.config)) {
    const file = resolve(cwd, options.config);
    onFile?.(file);
    const wac = await loadWac(file, { cwd, depsDir: options.depsDir, deps: options.deps, validate: options.validate });
    return { spec: wac.spec, plan: (o) => wac.plan(o), config: undefined, configFile: file, wacFile: file, dir: dirname(file) };
  }
  // The config loader (and with it the schema, zod) only for configs: a `.wac` document given directly needs neither.
  const { obtainConfig } = await import('../config/load-config.js');
  const { config, configFile } = await obtainConfig(options.config, cwd, onFile);
  const dir = configFile === undefined ? cwd : dirname(configFile);
  if (config.wac !== undefined) {
    const wacFile = resolve(dir, config.wac);
    const components = await componentPaths(config, dir, configFile);
    const deps = Object.fromEntries(Object.entries(config.deps ?? {}).map(([k, v]) => [k, resolve(dir, v)]));
    const wac = await loadWac(wacFile, {
      cwd,
      components,
      depsDir: options.depsDir ?? (config.depsDir === undefined ? undefined : resolve(dir, config.depsDir)),
      deps: { ...deps, ...options.deps },
      validate: options.validate,
    });
    // The config's import policy still applies to what the document leaves open.
    wac.spec.imports = config.imports ?? 'allow';
    return { spec: wac.spec, plan: (o) => wac.plan(o), config, configFile, wacFile, dir };
  }
  const spec = await resolveConfig(config, configFile, cwd, { validate: options.validate });
  return { spec, plan: (o) => plan(spec, o), config, configFile, wacFile: undefined, dir };
}

/** Where `build` writes: `-o`, else the config's `output`, else `<document>.wasm` beside a `.wac` given directly. */
export function compositionOutput(source: CompositionSource, cwd: string, override?: string): string {
  if (source.config !== undefined) return outputPath(source.config, source.configFile, cwd, override);
  if (override !== undefined) return resolve(cwd, override);
  const file = source.wacFile!;
  return resolve(dirname(file), `${basename(file, extname(file))}.wasm`);
}
