import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { WcomposeError } from '../diagnostics/error.js';
import { PackageResolver } from './packages.js';
import { resolveWac, type ResolvedWac } from './resolve.js';

export { parseWac } from './parser.js';
export { resolveWac, type ResolvedWac } from './resolve.js';
export { PackageResolver, type PackageOptions } from './packages.js';

/** Where a `.wac` document's packages are found. */
export interface WacOptions {
  /** The deps folder (wac's `--deps-dir`); relative to `cwd`. Default: `deps/` beside the document. */
  depsDir?: string | undefined;
  /** Packages by name (`ns:name` or `ns:name@1.0.0`) → file or folder, relative to `cwd` (wac's `--dep`). */
  deps?: Record<string, string> | undefined;
  /** Components a config lists, by name → absolute path: packages are found among them too. */
  components?: ReadonlyMap<string, string> | undefined;
  cwd?: string | undefined;
  /** Validate the packages' components when read (default: true); `false` is `--no-validate`. */
  validate?: boolean | undefined;
}

/** Whether a path names a WAC document rather than a config. */
export function isWacFile(path: string): boolean {
  return path.endsWith('.wac');
}

/** Reads, parses and resolves a `.wac` file into a composition spec. */
export async function loadWac(file: string, options: WacOptions = {}): Promise<ResolvedWac> {
  const cwd = options.cwd ?? process.cwd();
  const path = resolve(cwd, file);
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WcomposeError('WC9001', `cannot read file: ${code === 'ENOENT' ? 'no such file' : code ?? String(e)}`, { file: path });
  }
  const depsDir = options.depsDir === undefined ? resolve(dirname(path), 'deps') : resolve(cwd, options.depsDir);
  const overrides = new Map(Object.entries(options.deps ?? {}).map(([k, v]) => [k, resolve(cwd, v)]));
  const packages = new PackageResolver({ depsDir, overrides, components: options.components, validate: options.validate });
  return resolveWac(source, path, packages);
}
