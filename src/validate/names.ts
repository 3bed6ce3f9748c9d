/**
 * The grammar of import and export names (Explainer.md `externname`), as wasmparser's `names.rs` applies it, and the
 * key under which two names count as the same (strong uniqueness: labels compare ASCII-case-insensitively, and
 * `[method]r.r` / `[static]r.r` collide with a plain `r`).
 */

export type NameKind = 'label' | 'constructor' | 'method' | 'static' | 'interface' | 'dependency' | 'url' | 'hash';

export interface ExternNameInfo {
  kind: NameKind;
  /** For `[constructor]r`, `[method]r.m`, `[static]r.m`: `r`. */
  resource?: string;
  /** The version after `@` of an interface name, unchecked (it is checked with the name's `versionsuffix`). */
  version?: string;
  /** Two names with the same key are the same name to the component model. */
  key: string;
}

/** Thrown by `parseExternName` with a message in the words of the rule broken. */
export class NameError extends Error {}

/**
 * `word ('-' word)*`, each word all lower-case or all upper-case letters and digits, as wasmparser's `is_kebab_case`
 * reads it: the first word starts with a letter, later words may start with digits (`http-2`, `get-3d`).
 */
export function isKebab(s: string): boolean {
  let lower = false;
  let upper = false;
  let first = true;
  let digit = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isLower = c >= 0x61 && c <= 0x7a;
    const isUpper = c >= 0x41 && c <= 0x5a;
    const isDigit = c >= 0x30 && c <= 0x39;
    if (isLower && !lower && !upper) lower = true;
    else if (isUpper && !lower && !upper) upper = true;
    else if (isDigit && !lower && !upper && !first) digit = true;
    else if ((isLower && lower) || (isUpper && upper)) continue;
    else if (isDigit && (lower || upper)) digit = true;
    else if (c === 0x2d && (lower || upper || digit)) {
      lower = upper = digit = false;
      first = false;
    } else return false;
  }
  return s.length > 0 && !s.endsWith('-');
}

const numericId = '(?:0|[1-9][0-9]*)';
const preId = `(?:${numericId}|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)`;
const semverRe = new RegExp(`^${numericId}\\.${numericId}\\.${numericId}(?:-${preId}(?:\\.${preId})*)?(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?$`);

/** A version as Rust's `semver::Version::parse` accepts it (no `v` prefix, no leading zeros). */
export function isSemver(s: string): boolean {
  return semverRe.test(s);
}

function kebab(s: string, what: string): void {
  if (!isKebab(s)) throw new NameError(s === '' ? `${what} cannot be empty` : `\`${s}\` is not in kebab case`);
}

function lowerKebab(s: string): void {
  kebab(s, 'a package or namespace name');
  if (s !== s.toLowerCase()) throw new NameError(`\`${s}\` must be lower-case`);
}

/** `ns:pkg/iface` (nested: `a:b:c/d/e`) and an optional `@version`; returns the version text. */
function packagePath(s: string, requireProjection: boolean): void {
  const slash = s.indexOf('/');
  const pkg = slash < 0 ? s : s.slice(0, slash);
  const parts = pkg.split(':');
  if (parts.length < 2) throw new NameError(`expected \`:\` in \`${s}\``);
  for (const p of parts) lowerKebab(p);
  if (slash < 0) {
    if (requireProjection) throw new NameError('expected `/` after package name');
    return;
  }
  for (const p of s.slice(slash + 1).split('/')) kebab(p, 'an interface name');
}

function hashList(s: string): void {
  const hashes = s.split(/\s+/).filter((h) => h !== '');
  if (hashes.length === 0) throw new NameError('integrity hash cannot be empty');
  for (const h of hashes) {
    const m = /^(?:sha256|sha384|sha512)-([^?]*)(?:\?.*)?$/.exec(h);
    if (m === null) throw new NameError(`unrecognized hash \`${h}\``);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(m[1]!) || m[1]!.length % 4 !== 0) throw new NameError(`not valid base64: \`${m[1]}\``);
  }
}

function bracketed(rest: string, prefix: string): [string, string] {
  if (!rest.startsWith('<')) throw new NameError(`expected \`<\` after \`${prefix}\``);
  // A version range (`@{>=1.2.3 <2.0.0}`) holds `>` and `<` of its own: the bracket closes after its `}`.
  const range = rest.indexOf('@{');
  const from = range < 0 ? 0 : rest.indexOf('}', range);
  if (from < 0) throw new NameError('failed to find `}` character');
  const close = rest.indexOf('>', from);
  if (close < 0) throw new NameError('failed to find `>` character');
  return [rest.slice(1, close), rest.slice(close + 1)];
}

function optionalIntegrity(rest: string): void {
  if (rest === '') return;
  if (!rest.startsWith(',integrity=')) throw new NameError(`trailing characters found: \`${rest}\``);
  const [hash, after] = bracketed(rest.slice(',integrity='.length), 'integrity=');
  hashList(hash);
  if (after !== '') throw new NameError(`trailing characters found: \`${after}\``);
}

function versionRange(range: string): void {
  if (range === '*') return;
  const check = (v: string): void => {
    if (!isSemver(v)) throw new NameError(`\`${v}\` is not a valid semver`);
  };
  if (range.startsWith('>=')) {
    const [lower, upper] = range.slice(2).split(' ', 2) as [string, string | undefined];
    check(lower);
    if (upper !== undefined) {
      if (!upper.startsWith('<')) throw new NameError('expected `<` at start of version range upper bounds');
      check(upper.slice(1));
    }
  } else if (range.startsWith('<')) check(range.slice(1));
  else throw new NameError('expected `>=` or `<` at start of version range');
}

/** Parses an import or export name; throws `NameError` when it breaks the grammar. */
export function parseExternName(name: string): ExternNameInfo {
  const lowered = name.toLowerCase();
  const resourceFunc = (prefix: string, kind: 'method' | 'static'): ExternNameInfo => {
    const rest = name.slice(prefix.length);
    const dot = rest.indexOf('.');
    if (dot < 0) throw new NameError('failed to find `.` character');
    const resource = rest.slice(0, dot);
    const method = rest.slice(dot + 1);
    kebab(resource, 'a resource name');
    kebab(method, 'a method name');
    // `[method]r.r` is the same name as `r` (strong uniqueness).
    const key = resource.toLowerCase() === method.toLowerCase() ? `l:${resource.toLowerCase()}` : `m:${rest.toLowerCase()}`;
    return { kind, resource, key };
  };
  if (name.startsWith('[constructor]')) {
    const resource = name.slice('[constructor]'.length);
    kebab(resource, 'a resource name');
    return { kind: 'constructor', resource, key: `c:${resource.toLowerCase()}` };
  }
  if (name.startsWith('[method]')) return resourceFunc('[method]', 'method');
  if (name.startsWith('[static]')) return resourceFunc('[static]', 'static');
  if (name.startsWith('unlocked-dep=')) {
    const [query, rest] = bracketed(name.slice('unlocked-dep='.length), 'unlocked-dep=');
    if (rest !== '') throw new NameError(`trailing characters found: \`${rest}\``);
    const at = query.indexOf('@');
    packagePath(at < 0 ? query : query.slice(0, at), false);
    if (at >= 0) {
      const v = query.slice(at + 1);
      if (v !== '*') {
        if (!v.startsWith('{') || !v.endsWith('}')) throw new NameError('expected `{` in a version range');
        versionRange(v.slice(1, -1));
      }
    }
    return { kind: 'dependency', key: `d:${name}` };
  }
  if (name.startsWith('locked-dep=')) {
    const [pkg, rest] = bracketed(name.slice('locked-dep='.length), 'locked-dep=');
    const at = pkg.indexOf('@');
    packagePath(at < 0 ? pkg : pkg.slice(0, at), false);
    if (at >= 0 && !isSemver(pkg.slice(at + 1))) throw new NameError(`\`${pkg.slice(at + 1)}\` is not a valid semver`);
    optionalIntegrity(rest);
    return { kind: 'dependency', key: `d:${name}` };
  }
  if (name.startsWith('url=')) {
    const [url, rest] = bracketed(name.slice('url='.length), 'url=');
    if (url.includes('<')) throw new NameError('url cannot contain `<`');
    optionalIntegrity(rest);
    return { kind: 'url', key: `u:${name}` };
  }
  if (name.startsWith('integrity=')) {
    const [hash, rest] = bracketed(name.slice('integrity='.length), 'integrity=');
    hashList(hash);
    if (rest !== '') throw new NameError(`trailing characters found: \`${rest}\``);
    return { kind: 'hash', key: `h:${name}` };
  }
  if (name.includes(':')) {
    const at = name.indexOf('@');
    packagePath(at < 0 ? name : name.slice(0, at), true);
    return { kind: 'interface', ...(at < 0 ? {} : { version: name.slice(at + 1) }), key: `i:${name}` };
  }
  kebab(name, 'a name');
  return { kind: 'label', key: `l:${lowered}` };
}
