import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, normalize, isAbsolute } from 'node:path';
import { WcomposeError, isWcomposeError } from '../diagnostics/error.js';
import type { OutputChunk } from '../emit/output-chunk.js';
import { writeError, writeFileAtomic } from '../emit/write-atomic.js';

/** One thing a build writes: a file, or a folder of files (replaced as a whole). */
export type OutputEntry =
  | { kind: 'file'; path: string; data: string | Uint8Array | readonly OutputChunk[] }
  | { kind: 'dir'; path: string; files: Record<string, string | Uint8Array> };

/** A hidden name next to `path`, unique to this process and call. */
export function tempPath(path: string, suffix = 'tmp'): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`);
}

/** Whether a file name is one of the temporary names `tempPath` (or `writeFileAtomic`) makes. */
export function isTempName(name: string): boolean {
  return /^\..+\.\d+\.[0-9a-f]{8}\.(tmp|old)$/.test(basename(name));
}

/**
 * Writes every entry or none: each is first written under a temporary name next to its path (all of them), then
 * moved into place by renames, in order. A failure while writing removes every temporary and leaves the existing
 * files as they were; readers never see a half-written file or folder.
 */
export async function writeAllAtomic(entries: readonly OutputEntry[]): Promise<void> {
  const staged: { entry: OutputEntry; tmp: string }[] = [];
  try {
    for (const entry of entries) {
      const tmp = tempPath(entry.path);
      staged.push({ entry, tmp });
      await stage(entry, tmp);
    }
  } catch (e) {
    await Promise.all(staged.map(({ tmp }) => remove(tmp)));
    throw asWriteError(e, staged[staged.length - 1]?.entry.path);
  }
  for (const [i, { entry, tmp }] of staged.entries()) {
    try {
      await commit(entry, tmp);
    } catch (e) {
      await Promise.all(staged.slice(i).map((s) => remove(s.tmp)));
      throw asWriteError(e, entry.path);
    }
  }
}

/** Removes a temporary, if it is there (a path under a file is not there either). */
async function remove(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true }).catch(() => {});
}

async function stage(entry: OutputEntry, tmp: string): Promise<void> {
  await mkdir(dirname(entry.path), { recursive: true });
  if (entry.kind === 'file') {
    const data = typeof entry.data === 'string' ? new TextEncoder().encode(entry.data) : entry.data;
    await writeFileAtomic(tmp, data);
    return;
  }
  await mkdir(tmp);
  for (const [name, data] of Object.entries(entry.files)) {
    const rel = normalize(name);
    if (isAbsolute(rel) || rel.startsWith('..')) throw new Error(`refusing to write ${name} outside ${entry.path}`);
    const file = join(tmp, rel);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, data);
  }
}

async function commit(entry: OutputEntry, tmp: string): Promise<void> {
  if (entry.kind === 'file') {
    await rename(tmp, entry.path);
    return;
  }
  // A folder cannot be renamed over a non-empty one: the old one is moved aside first, then removed.
  const old = tempPath(entry.path, 'old');
  let moved = false;
  try {
    await rename(entry.path, old);
    moved = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  try {
    await rename(tmp, entry.path);
  } catch (e) {
    if (moved) await rename(old, entry.path).catch(() => {});
    throw e;
  }
  if (moved) await rm(old, { recursive: true, force: true });
}

function asWriteError(e: unknown, path: string | undefined): WcomposeError {
  if (isWcomposeError(e) && e.code === 'WC9002') return new WcomposeError('WC9002', e.message, { file: path ?? e.file });
  if (isWcomposeError(e)) return e;
  return writeError(e, path);
}
