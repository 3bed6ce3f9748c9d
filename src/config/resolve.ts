import { basename, dirname, extname, resolve } from 'node:path';
import fg from 'fast-glob';
import { WcomposeError } from '../diagnostics/error.js';
import type { ArgumentSpec, ComponentInput, CompositionSpec, ExportSpec, InstanceSpec } from '../graph/model.js';
import { loadComponentFile, type LoadOptions } from '../io/read-input.js';
import type { WcomposeConfig } from './schema.js';

/** Expands a path or glob relative to `dir` into sorted absolute paths (sorted: file order must not matter). */
async function expand(pattern: string, dir: string, file: string | undefined, where: string): Promise<string[]> {
  if (!fg.isDynamicPattern(pattern)) return [resolve(dir, pattern)];
  const found = await fg(pattern, { cwd: dir, absolute: true, onlyFiles: true });
  if (found.length === 0) throw new WcomposeError('WC4104', `no file matches "${pattern}"`, { file, path: [where] });
  return found.sort();
}

function nameOf(path: string): string {
  return basename(path, extname(path));
}

/** Reads every component the config names. */
async function resolveComponents(
  config: WcomposeConfig, dir: string, file: string | undefined, load: LoadOptions,
): Promise<ComponentInput[]> {
  const entries: { name: string; path: string }[] = [];
  if (Array.isArray(config.components)) {
    for (const [i, pattern] of config.components.entries()) {
      for (const path of await expand(pattern, dir, file, `components[${i}]`)) entries.push({ name: nameOf(path), path });
    }
  } else {
    for (const [name, pattern] of Object.entries(config.components)) {
      const paths = await expand(pattern, dir, file, `components.${name}`);
      if (paths.length > 1) {
        throw new WcomposeError('WC4104', `"${pattern}" matches ${paths.length} files, but names one component`, {
          file,
          path: [`components.${name}`],
          hint: 'list the files instead of naming them, or make the glob match one file',
        });
      }
      entries.push({ name, path: paths[0]! });
    }
  }
  const seen = new Map<string, string>();
  for (const e of entries) {
    const other = seen.get(e.name);
    if (other !== undefined && other !== e.path) {
      throw new WcomposeError('WC4105', `two components are named "${e.name}": ${other} and ${e.path}`, { file, path: ['components'] });
    }
    seen.set(e.name, e.path);
  }
  const unique = [...seen].map(([name, path]) => ({ name, path })).sort((a, b) => (a.name < b.name ? -1 : 1));
  return Promise.all(unique.map(async ({ name, path }) => ({ name, file: path, ...(await loadComponentFile(path, load)) })));
}

function argumentSpec(a: string | { instance: string; export?: string | undefined; whole?: boolean | undefined }): ArgumentSpec {
  if (typeof a === 'string') return { instance: a };
  return a.whole === true ? { instance: a.instance, whole: true } : { instance: a.instance, export: a.export };
}

/** Turns a validated config into a composition spec: files read and decoded, default instances added. */
export async function resolveConfig(
  config: WcomposeConfig, configFile: string | undefined, cwd: string, load: LoadOptions = {},
): Promise<CompositionSpec> {
  const dir = configFile === undefined ? cwd : dirname(configFile);
  const components = await resolveComponents(config, dir, configFile, load);
  const explicit: InstanceSpec[] = Object.entries(config.instances ?? {}).map(([name, i]) => ({
    name,
    component: i.component,
    with: Object.fromEntries(Object.entries(i.with ?? {}).map(([k, v]) => [k, argumentSpec(v)])),
  }));
  const used = new Set(explicit.map((i) => i.component));
  const taken = new Set(explicit.map((i) => i.name));
  // Every component no explicit instance uses gets one instance, named after it.
  const defaults = components
    .filter((c) => !used.has(c.name) && !taken.has(c.name))
    .map((c): InstanceSpec => ({ name: c.name, component: c.name, with: {} }));
  const exports: ExportSpec[] | undefined = config.exports?.map((e) =>
    typeof e === 'string' ? { instance: e } : e.export === undefined ? { instance: e.instance } : { instance: e.instance, export: e.export, as: e.as },
  );
  return {
    components,
    instances: [...explicit, ...defaults],
    exports,
    imports: config.imports,
    autoPlug: config.autoPlug,
    source: configFile,
  };
}

export function outputPath(config: WcomposeConfig, configFile: string | undefined, cwd: string, override?: string): string {
  if (override !== undefined) return resolve(cwd, override);
  return resolve(configFile === undefined ? cwd : dirname(configFile), config.output ?? 'composed.wasm');
}
