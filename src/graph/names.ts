import rcompare from 'semver/functions/rcompare.js';
import valid from 'semver/functions/valid.js';
import { compatibilityTrack, parseName } from '../check/names.js';

/**
 * The semver-compatibility class of a name: names with the same key stand in for one another (the check's
 * `isCompatibleName`), so leftover imports with the same key merge into one.
 */
export function compatibilityKey(name: string): string {
  const parsed = parseName(name);
  if (parsed.kind !== 'interface' || parsed.version === undefined) return name;
  const track = compatibilityTrack(parsed.version);
  return track === undefined ? name : `${parsed.base}@${track}`;
}

function versionOf(name: string): string | undefined {
  const parsed = parseName(name);
  return parsed.kind === 'interface' && parsed.version !== undefined ? valid(parsed.version) ?? undefined : undefined;
}

/** Orders names of one compatibility class: highest version first (ties by the name itself, for determinism). */
export function compareVersionsDescending(a: string, b: string): number {
  const va = versionOf(a);
  const vb = versionOf(b);
  if (va !== undefined && vb !== undefined) {
    const c = rcompare(va, vb);
    if (c !== 0) return c;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
