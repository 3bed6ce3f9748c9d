import semver from 'semver';

/** An import or export name, split: `wasi:io/streams@0.2.3` → package `wasi:io`, interface `streams`, version. */
export interface ParsedName {
  /** The name without its version: `wasi:io/streams`, or a plain name such as `run`. */
  base: string;
  version: string | undefined;
}

export function parseName(name: string): ParsedName {
  const at = name.lastIndexOf('@');
  if (at <= 0 || !name.includes('/')) return { base: name, version: undefined };
  return { base: name.slice(0, at), version: name.slice(at + 1) };
}

/**
 * The semver-compatibility class of a name: two names with the same key can stand in for one another (the higher
 * version satisfying the lower). `0.x.y` is compatible within its minor, `1+.x.y` within its major, pre-releases
 * only with themselves — the rule wasm-tools and wac apply to WIT package versions.
 */
export function compatibilityKey(name: string): string {
  const { base, version } = parseName(name);
  if (version === undefined) return name;
  const v = semver.parse(version);
  if (v === null || v.prerelease.length > 0) return name;
  return v.major === 0 ? `${base}@0.${v.minor}` : `${base}@${v.major}`;
}

/** Orders names of one compatibility class: highest version first (ties by the name itself, for determinism). */
export function compareVersionsDescending(a: string, b: string): number {
  const va = parseName(a).version;
  const vb = parseName(b).version;
  if (va !== undefined && vb !== undefined && semver.valid(va) && semver.valid(vb)) {
    const c = semver.rcompare(va, vb);
    if (c !== 0) return c;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The name among `available` that satisfies `wanted`: the exact name if present, otherwise the highest compatible
 * version that is not lower than the wanted one.
 */
export function findCompatible(wanted: string, available: Iterable<string>): string | undefined {
  const names = [...available];
  if (names.includes(wanted)) return wanted;
  const key = compatibilityKey(wanted);
  const wantedVersion = parseName(wanted).version;
  const compatible = names
    .filter((n) => compatibilityKey(n) === key && n !== wanted)
    .filter((n) => {
      const v = parseName(n).version;
      return wantedVersion === undefined || v === undefined || semver.gte(v, wantedVersion);
    })
    .sort(compareVersionsDescending);
  return compatible[0];
}
