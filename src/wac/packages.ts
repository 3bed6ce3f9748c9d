import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { WcomposeError } from '../diagnostics/error.js';
import type { ComponentInput } from '../graph/model.js';
import { loadComponentFile } from '../io/read-input.js';
import type { ComponentType, Extern } from '../types/model.js';
import { loadWitWorld } from '../wit/load.js';

/**
 * Finds the packages a WAC document names, the way `wac compose` does: `--dep ns:name=path` overrides first, then the
 * components a config lists, then the deps folder (default `deps/`) in wac's layout:
 *
 *   deps/ns/name/<version>/  deps/ns/name/<version>.wasm|.wat  deps/ns/name@<version>.wasm|.wat   (versioned)
 *   deps/ns/name/            deps/ns/name.wasm  deps/ns/name.wat  deps/ns/name.wit                  (any)
 *
 * A folder or a `.wit` file is a WIT package (interfaces and worlds); a `.wasm` or `.wat` file is a component.
 */
export interface PackageOptions {
  /** The deps folder (wac's `--deps-dir`), absolute. */
  depsDir: string;
  /** `--dep ns:name=path` (and `ns:name@1.0.0=path`), paths absolute. */
  overrides?: ReadonlyMap<string, string> | undefined;
  /** Components a config lists, by name: `ns:name`, or the file's name matching the package's `name`. */
  components?: ReadonlyMap<string, string> | undefined;
  /** Validate the components' component layer when read (default: true); `false` is `--no-validate`. */
  validate?: boolean | undefined;
}

export type Package =
  | { kind: 'component'; key: string; input: ComponentInput }
  | { kind: 'wit'; key: string; path: string; version: string | undefined; interfaces: Set<string>; worlds: Set<string> };

export type Lookup = { found: Package } | { tried: string[] };

export class PackageResolver {
  private readonly cache = new Map<string, Promise<Lookup>>();

  constructor(private readonly options: PackageOptions) {}

  /** Finds and loads package `name` (`ns:name`), of `version` when given. */
  find(name: string, version: string | undefined): Promise<Lookup> {
    const key = version === undefined ? name : `${name}@${version}`;
    let found = this.cache.get(key);
    if (found === undefined) {
      found = this.load(name, version, key);
      this.cache.set(key, found);
    }
    return found;
  }

  /** The files and folders tried for a package, in order. */
  candidates(name: string, version: string | undefined): string[] {
    const key = version === undefined ? name : `${name}@${version}`;
    const out: string[] = [];
    const o = this.options.overrides;
    const override = o?.get(key) ?? o?.get(name);
    if (override !== undefined) out.push(override);
    const c = this.options.components;
    const short = name.split(':').pop()!;
    const component = c?.get(key) ?? c?.get(name) ?? c?.get(short);
    if (component !== undefined) out.push(component);
    const base = join(this.options.depsDir, ...name.split(':'));
    if (version !== undefined) {
      out.push(join(base, version), `${join(base, version)}.wasm`, `${join(base, version)}.wat`, `${base}@${version}.wasm`, `${base}@${version}.wat`);
    }
    out.push(base, `${base}.wasm`, `${base}.wat`, `${base}.wit`);
    return out;
  }

  private async load(name: string, version: string | undefined, key: string): Promise<Lookup> {
    const tried = this.candidates(name, version);
    for (const path of tried) {
      if (!existsSync(path)) continue;
      const dir = statSync(path).isDirectory();
      if (dir || path.endsWith('.wit')) return { found: witPackage(key, path) };
      const { bytes, type } = await loadComponentFile(path, { validate: this.options.validate });
      return { found: { kind: 'component', key, input: { name: key, file: path, bytes, type } } };
    }
    return { tried };
  }
}

/** The WIT files of a package (its folder's `.wit` files, not its deps). */
function witFilesOf(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).filter((f) => f.endsWith('.wit')).sort().map((f) => join(path, f));
}

function witPackage(key: string, path: string): Extract<Package, { kind: 'wit' }> {
  const interfaces = new Set<string>();
  const worlds = new Set<string>();
  let version: string | undefined;
  for (const file of witFilesOf(path)) {
    // Top-level declarations only matter here; comments are removed first so they cannot look like one.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const pkg = /^\s*package\s+[^;@{]+(?:@([^;\s{]+))?\s*;/m.exec(text);
    if (pkg?.[1] !== undefined) version = pkg[1];
    for (const m of text.matchAll(/^\s*interface\s+%?([a-z][a-z0-9-]*)/gm)) interfaces.add(m[1]!);
    for (const m of text.matchAll(/^\s*world\s+%?([a-z][a-z0-9-]*)/gm)) worlds.add(m[1]!);
  }
  return { kind: 'wit', key, path, version, interfaces, worlds };
}

/** A world of a WIT package, as a component type. */
export async function witWorld(pkg: Extract<Package, { kind: 'wit' }>, name: string, world: string): Promise<ComponentType> {
  const v = pkg.version === undefined ? '' : `@${pkg.version}`;
  return (await loadWitWorld({ path: pkg.path, world: `${name}/${world}${v}` })).type;
}

/**
 * An interface of a WIT package: read through a probe world that imports it (wit-parser resolves the package and
 * its deps), so its type, and the interfaces it uses, come out as the probe's imports, in dependency order.
 */
export async function witInterface(
  pkg: Extract<Package, { kind: 'wit' }>,
  name: string,
  iface: string,
): Promise<{ name: string; extern: Extern; dependencies: { name: string; extern: Extern }[] }> {
  const v = pkg.version === undefined ? '' : `@${pkg.version}`;
  const full = `${name}/${iface}${v}`;
  const dir = await mkdtemp(join(tmpdir(), 'wcompose-wac-'));
  try {
    await writeFile(join(dir, 'probe.wit'), `package wcompose:probe;\n\nworld probe {\n  import ${full};\n}\n`);
    await mkdir(join(dir, 'deps'));
    // Copies, not links: wit-parser reads through a WASI file system that does not follow them everywhere.
    const isDir = statSync(pkg.path).isDirectory();
    const copy = (from: string, to: string): Promise<void> => cp(from, to, { recursive: true, dereference: true, filter: (f) => basename(f) !== 'deps' || f === from });
    await copy(resolve(pkg.path), join(dir, 'deps', basename(pkg.path)));
    // The package's own dependencies sit beside it, where wit-parser looks for them.
    const own = join(pkg.path, 'deps');
    if (isDir && existsSync(own)) {
      for (const entry of readdirSync(own).sort()) await copy(resolve(own, entry), join(dir, 'deps', entry));
    }
    const type = (await loadWitWorld({ path: dir, world: 'probe' })).type;
    const extern = type.imports.get(full)!;
    const dependencies = [...type.imports].filter(([n]) => n !== full).map(([n, e]) => ({ name: n, extern: e }));
    return { name: full, extern, dependencies };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An interface (`ns:pkg/name[@version]`) of the WIT package at `path` (a folder or a `.wit` file). */
export async function loadWitInterface(
  path: string,
  name: string,
): Promise<{ name: string; extern: Extern; dependencies: { name: string; extern: Extern }[] }> {
  const m = /^([^/@]+)\/([^@]+)(?:@(.+))?$/.exec(name);
  if (m === null) throw new WcomposeError('WC2102', `"${name}" is not an interface name (ns:pkg/name@version)`, { file: path });
  if (!existsSync(path)) throw new WcomposeError('WC9001', 'cannot read WIT: no such file or folder', { file: path });
  const pkg = witPackage(m[1]!, path);
  if (!pkg.interfaces.has(m[2]!)) throw new WcomposeError('WC2102', `the WIT package has no interface "${m[2]}"`, { file: path });
  return witInterface(pkg, m[1]!, m[2]!);
}
