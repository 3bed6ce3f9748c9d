// The functions, not the package's index: it loads ranges and every helper, a cost every command would pay.
import type { SemVer } from 'semver';
import compareVersions from 'semver/functions/compare.js';
import parseVersion from 'semver/functions/parse.js';

/**
 * Import and export names, as the component model's Explainer defines them (`externname`): an interface name
 * `ns:pkg/iface@1.2.3` (🪺 nested: `a:b:c/d/e`), or a plain name `label`, `[constructor]r`, `[method]r.f`,
 * `[static]r.f` (and the async forms wasm-tools accepts, `[async]f`, `[async method]r.f`, `[async static]r.f`).
 */
export type ParsedName = InterfaceName | PlainName;

export interface InterfaceName {
  kind: 'interface';
  /** The name as written. */
  name: string;
  /** The namespaces, e.g. `['wasi']` for `wasi:io/streams` (several for nested namespaces). */
  namespaces: string[];
  /** The package, e.g. `io`. */
  package: string;
  /** The projections after the package, e.g. `['streams']` (several for nested packages). */
  projections: string[];
  /** The interface, e.g. `streams` (the last projection). */
  interface: string;
  /** The name without its version: `wasi:io/streams`. */
  base: string;
  /** The version as written after `@`, e.g. `0.2.3`, or undefined. */
  version: string | undefined;
}

export interface PlainName {
  kind: 'plain';
  name: string;
  /** What the name says the item is. */
  annotation: 'none' | 'constructor' | 'method' | 'static' | 'async' | 'async method' | 'async static';
  /** For constructors, methods and statics: the resource's name. */
  resource: string | undefined;
  /** The function's own label (for a constructor, the resource's name). */
  label: string;
}

const annotated = /^\[(constructor|method|static|async|async method|async static)\](.*)$/;

/** Parses an import or export name. Never fails: anything that is not an interface name is a plain name. */
export function parseName(name: string): ParsedName {
  const at = name.indexOf('@');
  const unversioned = at < 0 ? name : name.slice(0, at);
  const version = at < 0 ? undefined : name.slice(at + 1);
  const slash = unversioned.indexOf('/');
  const lastColon = unversioned.lastIndexOf(':', slash < 0 ? undefined : slash);
  if (slash > 0 && lastColon > 0 && lastColon < slash && !unversioned.startsWith('[')) {
    const namespaces = unversioned.slice(0, lastColon).split(':');
    const parts = unversioned.slice(lastColon + 1).split('/');
    const pkg = parts[0] ?? '';
    const projections = parts.slice(1);
    if (namespaces.every((n) => n.length > 0) && pkg.length > 0 && projections.length > 0 && projections.every((p) => p.length > 0)) {
      return {
        kind: 'interface',
        name,
        namespaces,
        package: pkg,
        projections,
        interface: projections[projections.length - 1]!,
        base: unversioned,
        version,
      };
    }
  }
  const m = annotated.exec(name);
  if (m) {
    const annotation = m[1] as PlainName['annotation'];
    const rest = m[2]!;
    if (annotation === 'constructor') return { kind: 'plain', name, annotation, resource: rest, label: rest };
    if (annotation === 'async') return { kind: 'plain', name, annotation, resource: undefined, label: rest };
    const dot = rest.indexOf('.');
    if (dot > 0) return { kind: 'plain', name, annotation, resource: rest.slice(0, dot), label: rest.slice(dot + 1) };
  }
  return { kind: 'plain', name, annotation: 'none', resource: undefined, label: name };
}

/** A version as the Explainer's `canonversion` writes it: `1`, `0.2`, `0.0.1`. */
const canonVersion = /^(?:[1-9][0-9]*|0\.[1-9][0-9]*|0\.0\.[1-9][0-9]*|0\.0\.0)$/;

/**
 * The part of a version that compatible versions share (the Explainer's canonical version): the major version from
 * 1.0.0 on, `0.minor` below that, `0.0.patch` below that; a pre-release is compatible only with itself, so it is its
 * own track. Undefined for text that is not a version.
 */
export function compatibilityTrack(version: string): string | undefined {
  if (canonVersion.test(version)) return version;
  const v = parseVersion(version);
  if (v === null) return undefined;
  if (v.prerelease.length > 0) return v.version; // (build metadata dropped: it never affects precedence)
  if (v.major > 0) return `${v.major}`;
  if (v.minor > 0) return `0.${v.minor}`;
  return `0.0.${v.patch}`;
}

/** Whether an interface named `provided` can stand in for one named `wanted`: same interface, compatible versions. */
export function isCompatibleName(wanted: string, provided: string): boolean {
  if (wanted === provided) return true;
  const w = parseName(wanted);
  const p = parseName(provided);
  if (w.kind !== 'interface' || p.kind !== 'interface' || w.base !== p.base) return false;
  if (w.version === undefined || p.version === undefined) return false;
  const track = compatibilityTrack(w.version);
  return track !== undefined && track === compatibilityTrack(p.version);
}

/** Orders versions by semver precedence; a bare canonical version (`0.2`) counts as its `.0` form. */
function versionKey(version: string): SemVer | undefined {
  const v = parseVersion(version);
  if (v !== null) return v;
  if (!canonVersion.test(version)) return undefined;
  const parts = version.split('.');
  while (parts.length < 3) parts.push('0');
  return parseVersion(parts.join('.')) ?? undefined;
}

/**
 * Finds the name among `available` that satisfies `wanted`: the exact name if present, otherwise the highest
 * compatible version of the same interface (`wasi:io/streams@0.2.0` is satisfied by `wasi:io/streams@0.2.12`;
 * `0.x.y` is compatible within its minor version, `1.x.y` and up within the major, pre-releases only exactly).
 * Plain names only match exactly.
 */
export function findCompatible(wanted: string, available: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestKey: SemVer | undefined;
  for (const name of available) {
    if (name === wanted) return name;
    if (!isCompatibleName(wanted, name)) continue;
    const key = versionKey((parseName(name) as InterfaceName).version!);
    if (best === undefined || (key !== undefined && (bestKey === undefined || compareVersions(key, bestKey) > 0))) {
      best = name;
      bestKey = key;
    }
  }
  return best;
}

/** Other versions of the same interface among `available` (for explaining why nothing compatible was found). */
export function otherVersions(wanted: string, available: Iterable<string>): string[] {
  const w = parseName(wanted);
  if (w.kind !== 'interface') return [];
  const out: string[] = [];
  for (const name of available) {
    const p = parseName(name);
    if (p.kind === 'interface' && p.base === w.base && name !== wanted) out.push(name);
  }
  return out;
}
