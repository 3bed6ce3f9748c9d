import { basename, dirname, extname, join, resolve } from 'node:path';
import type { ArtifactsConfig, JsArtifactOptions, WadmArtifactOptions } from '../config/types.js';

/** The kinds of artifacts, in the order they are written (the composed component itself comes last). */
export type ArtifactKind = 'wit' | 'js' | 'wadm';
export const artifactKinds: readonly ArtifactKind[] = ['wit', 'js', 'wadm'];

export interface WitArtifactPlan {
  path: string;
}

export interface JsArtifactPlan {
  /** The folder the bindings are written into (replaced as a whole on every build). */
  dir: string;
  /** The main module is `<name>.js`. */
  name: string;
  instantiation: 'async' | 'sync' | undefined;
  typescript: boolean;
  map: Record<string, string> | undefined;
}

export interface WadmArtifactPlan {
  path: string;
  name: string;
  version: string | undefined;
  description: string | undefined;
  image: string | undefined;
  instances: number;
  annotations: Record<string, string>;
}

/** Which artifacts to write, where, and how: the config's `artifacts` with the command line's on top. */
export interface ArtifactPlan {
  wit?: WitArtifactPlan | undefined;
  js?: JsArtifactPlan | undefined;
  wadm?: WadmArtifactPlan | undefined;
}

type Setting<T> = boolean | string | T | undefined;

interface Side<T> {
  enabled?: boolean;
  path?: string;
  options: Partial<T>;
}

/** One side (config or overrides) of one artifact kind: `true`, a path (relative to `dir`), or options. */
function side<T extends object>(value: Setting<T>, pathKey: keyof T, dir: string): Side<T> {
  if (value === undefined) return { options: {} };
  if (typeof value === 'boolean') return { enabled: value, options: {} };
  if (typeof value === 'string') return { enabled: true, path: resolve(dir, value), options: {} };
  const path = value[pathKey];
  return { enabled: true, ...(typeof path === 'string' ? { path: resolve(dir, path) } : {}), options: value };
}

/** The config's setting for a kind, then the overrides' (which win, kind by kind and option by option). */
function merge<T extends object>(base: Setting<T>, over: Setting<T>, pathKey: keyof T, baseDir: string, cwd: string): Side<T> | undefined {
  const a = side(base, pathKey, baseDir);
  const b = side(over, pathKey, cwd);
  const enabled = b.enabled ?? a.enabled ?? false;
  if (!enabled) return undefined;
  const path = b.path ?? a.path;
  return { enabled, ...(path === undefined ? {} : { path }), options: { ...a.options, ...b.options } };
}

/** The output's file name without `.wasm`: what artifacts are named after by default. */
export function outputStem(output: string): string {
  const ext = extname(output);
  return basename(output, ext === '.wasm' ? ext : '');
}

/** A wadm name (letters, digits, `-`, `_`, starting with a letter or digit) made from a file name. */
export function wadmName(stem: string): string {
  const name = stem.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return name === '' ? 'composed' : name;
}

/**
 * Resolves what artifacts to write. Paths in `config` are relative to `configDir` (the config file's folder), paths
 * in `overrides` (the command line, or the API's `artifacts` option) relative to `cwd`. Default paths are next to
 * the composed component and named after it: `<name>.wit`, `<name>-js/`, `<name>.wadm.yaml`.
 */
export function resolveArtifacts(
  config: ArtifactsConfig | undefined,
  overrides: ArtifactsConfig | undefined,
  output: string,
  configDir: string,
  cwd: string,
): ArtifactPlan {
  const dir = dirname(output);
  const stem = outputStem(output);
  const plan: ArtifactPlan = {};
  const wit = merge<{ path: string }>(config?.wit, overrides?.wit, 'path', configDir, cwd);
  if (wit !== undefined) plan.wit = { path: wit.path ?? join(dir, `${stem}.wit`) };
  const js = merge<JsArtifactOptions>(config?.js, overrides?.js, 'dir', configDir, cwd);
  if (js !== undefined) {
    plan.js = {
      dir: js.path ?? join(dir, `${stem}-js`),
      name: js.options.name ?? stem,
      instantiation: js.options.instantiation,
      typescript: js.options.typescript ?? true,
      map: js.options.map,
    };
  }
  const wadm = merge<WadmArtifactOptions>(config?.wadm, overrides?.wadm, 'file', configDir, cwd);
  if (wadm !== undefined) {
    const o = wadm.options;
    plan.wadm = {
      path: wadm.path ?? join(dir, `${stem}.wadm.yaml`),
      name: o.name ?? wadmName(stem),
      version: o.version,
      description: o.description,
      image: o.image,
      instances: o.instances ?? 1,
      annotations: o.annotations ?? {},
    };
  }
  return plan;
}

/** Every path the artifacts write (files, and the JS folder). */
export function artifactPaths(plan: ArtifactPlan): string[] {
  return [plan.wit?.path, plan.js?.dir, plan.wadm?.path].filter((p): p is string => p !== undefined);
}
