import { basename, dirname, extname, resolve } from 'node:path';
import { findCompatible } from '../check/names.js';
import { WcomposeError, isWcomposeError } from '../diagnostics/error.js';
import type { ArgumentSpec, ComponentInput, CompositionSpec, DeclaredImport, ExportSpec, InstanceSpec } from '../graph/model.js';
import { loadWitInterface } from '../wac/packages.js';
import { loadComponentFile, type LoadOptions } from '../io/read-input.js';
import type { WcomposeConfig } from './schema.js';

/** Expands a path or glob relative to `dir` into sorted absolute paths (sorted: file order must not matter). */
async function expand(pattern: string, dir: string, file: string | undefined, where: string): Promise<string[]> {
  // fast-glob is loaded when a config lists components, not for WAC documents given directly.
  const { default: fg } = await import('fast-glob');
  if (!fg.isDynamicPattern(pattern)) return [resolve(dir, pattern)];
  const found = await fg(pattern, { cwd: dir, absolute: true, onlyFiles: true });
  if (found.length === 0) throw new WcomposeError('WC4104', `no file matches "${pattern}"`, { file, path: [where] });
  return found.sort();
}

function nameOf(path: string): string {
  return basename(path, extname(path));
}

/** The component files the config names, by name (globs expanded), without reading them. */
export async function componentPaths(config: WcomposeConfig, dir: string, file: string | undefined): Promise<Map<string, string>> {
  const entries: { name: string; path: string }[] = [];
  if (config.components === undefined) return new Map();
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
  return seen;
}

/** Reads every component the config names. */
async function resolveComponents(
  config: WcomposeConfig, dir: string, file: string | undefined, load: LoadOptions,
): Promise<ComponentInput[]> {
  const seen = await componentPaths(config, dir, file);
  const unique = [...seen].map(([name, path]) => ({ name, path })).sort((a, b) => (a.name < b.name ? -1 : 1));
  return Promise.all(unique.map(async ({ name, path }) => ({ name, file: path, ...(await loadComponentFile(path, load)) })));
}

type ConfigArgument =
  | string
  | { instance: string; export?: string | undefined; whole?: boolean | undefined; path?: string[] | undefined }
  | { import: string; export?: string | undefined; path?: string[] | undefined };

function argumentSpec(a: ConfigArgument): ArgumentSpec {
  if (typeof a === 'string') return { instance: a };
  const path = a.path === undefined ? {} : { path: a.path };
  if ('import' in a) return { import: a.import, export: a.export, ...path };
  return a.whole === true ? { instance: a.instance, whole: true } : { instance: a.instance, export: a.export, ...path };
}

/** `declaredImports`: each import's type, from a WIT package or from an instance's import. */
async function declareImports(
  config: WcomposeConfig,
  dir: string,
  file: string | undefined,
  components: ComponentInput[],
  instances: InstanceSpec[],
): Promise<DeclaredImport[]> {
  const out = new Map<string, DeclaredImport>();
  for (const [name, d] of Object.entries(config.declaredImports ?? {})) {
    const path = [`declaredImports["${name}"]`];
    if ('interface' in d) {
      const loaded = await loadWitInterface(resolve(dir, d.wit), d.interface).catch((e: unknown) => {
        throw isWcomposeError(e) ? new WcomposeError(e.code, e.message, { file: e.file ?? file, path, hint: e.hint }) : e;
      });
      // The interfaces it uses are imported too (once), so its types can refer to theirs.
      for (const dep of loaded.dependencies) if (!out.has(dep.name)) out.set(dep.name, dep);
      out.set(name, { name, extern: loaded.extern });
      continue;
    }
    const inst = instances.find((i) => i.name === d.instance);
    if (inst === undefined) throw new WcomposeError('WC4002', `unknown instance "${d.instance}"`, { file, path });
    const type = components.find((c) => c.name === inst.component)!.type;
    const extern = type.imports.get(d.import);
    if (extern === undefined) throw new WcomposeError('WC4003', `instance "${d.instance}" has no import "${d.import}"`, { file, path });
    out.set(name, { name, extern });
    inst.with[d.import] ??= { import: name };
  }
  return [...out.values()];
}

/** `spread`: the named instances' exports fill each instance's imports that `with` leaves open. */
function applySpreads(config: WcomposeConfig, components: ComponentInput[], instances: InstanceSpec[], file: string | undefined): void {
  const typeOf = (instance: string): ComponentInput['type'] | undefined => {
    const i = instances.find((x) => x.name === instance);
    return i === undefined ? undefined : components.find((c) => c.name === i.component)?.type;
  };
  for (const [name, i] of Object.entries(config.instances ?? {})) {
    const inst = instances.find((x) => x.name === name)!;
    const own = typeOf(name);
    if (own === undefined) continue; // an unknown component: the planner says so
    for (const from of i.spread ?? []) {
      const path = [`instances.${name}.spread`];
      const exports = typeOf(from)?.exports;
      if (exports === undefined) throw new WcomposeError('WC4002', `unknown instance "${from}"`, { file, path });
      let matched = 0;
      for (const imp of own.imports.keys()) {
        if (inst.with[imp] !== undefined) continue;
        const e = findCompatible(imp, exports.keys());
        if (e === undefined) continue;
        inst.with[imp] = { instance: from, export: e };
        matched++;
      }
      if (matched === 0) {
        throw new WcomposeError('WC6011', `instance "${from}" has no export for an import of "${name}" that is still open`, { file, path });
      }
    }
  }
}

/** `exports` as specs; `spread: true` lists the instance's exports not exported before. */
function exportSpecs(config: WcomposeConfig, components: ComponentInput[], instances: InstanceSpec[]): ExportSpec[] | undefined {
  if (config.exports === undefined) return undefined;
  const out: ExportSpec[] = [];
  const named = new Set<string>();
  for (const e of config.exports) {
    if (typeof e !== 'string' && 'spread' in e && e.spread === true) {
      const inst = instances.find((x) => x.name === e.instance);
      const type = inst === undefined ? undefined : components.find((c) => c.name === inst.component)?.type;
      if (type === undefined) {
        out.push({ instance: e.instance });
        continue;
      }
      for (const name of type.exports.keys()) {
        if (named.has(name)) continue;
        named.add(name);
        out.push({ instance: e.instance, export: name });
      }
      continue;
    }
    const spec: ExportSpec = typeof e === 'string'
      ? { instance: e }
      : 'import' in e
        ? { import: e.import, export: e.export, as: e.as, ...(e.path === undefined ? {} : { path: e.path }) }
        : e.whole === true
          ? { instance: e.instance, whole: true, as: e.as ?? e.instance }
          : e.export === undefined ? { instance: e.instance } : { instance: e.instance, export: e.export, as: e.as, ...(e.path === undefined ? {} : { path: e.path }) };
    const last = 'path' in spec ? spec.path?.[spec.path.length - 1] : undefined;
    if (spec.export !== undefined || 'whole' in spec || spec.instance === undefined) named.add(spec.as ?? last ?? spec.export ?? '');
    out.push(spec);
  }
  return out;
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
  const instances = [...explicit, ...defaults];
  applySpreads(config, components, instances, configFile);
  const declaredImports = await declareImports(config, dir, configFile, components, instances);
  return {
    components,
    instances,
    exports: exportSpecs(config, components, instances),
    imports: config.imports,
    autoPlug: config.autoPlug,
    source: configFile,
    ...(declaredImports.length > 0 ? { declaredImports } : {}),
  };
}

export function outputPath(config: WcomposeConfig, configFile: string | undefined, cwd: string, override?: string): string {
  if (override !== undefined) return resolve(cwd, override);
  return resolve(configFile === undefined ? cwd : dirname(configFile), config.output ?? 'composed.wasm');
}
