import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { WcomposeError } from '../diagnostics/error.js';

/** A file (or folder) a command reads or writes, and how messages call it (`the composed component`). */
export interface NamedPath {
  label: string;
  path: string;
  /** A folder replaced as a whole (the JS bindings): nothing else may be inside it. */
  folder?: boolean;
  /** The config option that sets the path, for the error's path chain (e.g. `artifacts.wit`, `output`). */
  option?: string;
}

/** Where a path really leads: symlinks resolved, for its nearest existing ancestor when it does not exist yet. */
async function realPath(path: string): Promise<string> {
  let head = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(await realpath(head), ...rest.reverse());
    } catch {
      const parent = dirname(head);
      if (parent === head) return resolve(path);
      rest.push(basename(head));
      head = parent;
    }
  }
}

/** One file's identity: its inode when it exists (hard links and case-insensitive names included), else its real path. */
interface Identity {
  real: string;
  inode: string | undefined;
}

async function identify(path: string): Promise<Identity> {
  const real = await realPath(path);
  const info = await stat(real).catch(() => undefined);
  return { real, inode: info === undefined ? undefined : `${info.dev}:${info.ino}` };
}

function same(a: Identity, b: Identity): boolean {
  return a.real === b.real || (a.inode !== undefined && a.inode === b.inode);
}

function inside(folder: Identity, p: Identity): boolean {
  return p.real.startsWith(`${folder.real}${sep}`);
}

/**
 * Refuses writes that would destroy what a command reads or writes (WC5003): each output must be a file of its own,
 * different from every input and every other output (and none may be inside a folder that is replaced as a whole).
 * Paths are compared as the file system sees them, so `./app.wasm`, `app.wasm`, `/abs/app.wasm` and a symlink to it
 * are one file. `file` is what the error names (the config file, or the output).
 */
export async function checkOutputPaths(outputs: readonly NamedPath[], inputs: readonly NamedPath[], file?: string): Promise<void> {
  const ids = new Map<NamedPath, Identity>();
  for (const p of [...outputs, ...inputs]) ids.set(p, await identify(p.path));
  const clash = (out: NamedPath, message: string): never => {
    throw new WcomposeError('WC5003', message, { file: file ?? out.path, path: out.option === undefined ? [] : [out.option] });
  };
  const where = (p: NamedPath): string => `${p.label} (${p.path})`;
  for (const [i, out] of outputs.entries()) {
    const a = ids.get(out)!;
    for (const other of [...outputs.slice(0, i), ...inputs]) {
      const b = ids.get(other)!;
      if (same(a, b)) {
        const also = out.path === other.path ? out.path : `${out.path} is ${other.path}`;
        clash(out, `${out.label} would overwrite ${other.label}: they are the same file (${also})`);
      }
      if (out.folder === true && inside(a, b)) clash(out, `${where(out)} is replaced as a whole, and holds ${where(other)}`);
      if (other.folder === true && inside(b, a)) clash(out, `${where(out)} is inside ${where(other)}, which is replaced as a whole`);
    }
  }
}
