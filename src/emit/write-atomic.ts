import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { WcomposeError, isWcomposeError } from '../diagnostics/error.js';
import { writeChunks } from './chunks.js';
import type { OutputChunk } from './output-chunk.js';

/** Temporary files being written: removed if the process exits meanwhile (Ctrl-C ends it with process.exit). */
const pending = new Set<string>();
process.once('exit', () => {
  for (const tmp of pending) rmSync(tmp, { force: true });
});

/**
 * Writes `bytes` to `path` through a temporary file in the same folder and a rename, so readers never see a
 * half-written component and a failed build leaves no output file.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | readonly OutputChunk[]): Promise<void> {
  if (await isSpecialFile(path)) return writeInPlace(path, bytes);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(tmp);
  try {
    await mkdir(dirname(path), { recursive: true });
    const file = await open(tmp, 'w');
    try {
      // Chunks in memory go out with gathering writes; embedded components read by their component layer only are
      // copied from their files, a buffer at a time.
      await writeChunks(file, bytes instanceof Uint8Array ? [bytes] : bytes);
    } finally {
      await file.close();
    }
    await rename(tmp, path);
    pending.delete(tmp);
  } catch (e) {
    // The temporary may not exist, nor be removable (a parent that is a file): that must not hide the real failure.
    await rm(tmp, { force: true }).catch(() => {});
    pending.delete(tmp);
    // A diagnostic already (an input that changed while it was copied) says what is wrong.
    if (isWcomposeError(e)) throw e;
    throw writeError(e, path);
  }
}

/** Why a write failed, in words, for the errno codes a user can cause and fix. */
const reasons: Record<string, string> = {
  ENOTDIR: 'a folder on its path is a file',
  EEXIST: 'a folder on its path is a file',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'the file is busy',
  EMFILE: 'too many open files',
  EIO: 'an input/output error',
};

/** A file-system failure while writing `path`, as the diagnostic WC9002 naming the path. */
export function writeError(e: unknown, path: string | undefined): WcomposeError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const why = code === undefined ? (e instanceof Error ? e.message : String(e)) : `${reasons[code] ?? 'failed'} (${code})`;
  return new WcomposeError('WC9002', `cannot write file: ${why}`, { file: path });
}
/**
 * Whether `path` is something other than a regular file: `/dev/null`, `/dev/stdout`, a named pipe. Renaming a
 * temporary file over one of those would replace the device itself (as root, /dev/null becomes a plain file), so
 * they are written to in place.
 */
async function isSpecialFile(path: string): Promise<boolean> {
  try {
    const s = await stat(path);
    return !s.isFile() && !s.isDirectory();
  } catch {
    return false;
  }
}

/** Writes to a device or pipe in place, copying file ranges as the atomic path does. */
async function writeInPlace(path: string, bytes: Uint8Array | readonly OutputChunk[]): Promise<void> {
  try {
    const file = await open(path, 'w');
    try {
      await writeChunks(file, bytes instanceof Uint8Array ? [bytes] : bytes);
    } finally {
      await file.close();
    }
  } catch (e) {
    if (isWcomposeError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new WcomposeError('WC9002', `cannot write file: ${code}`, { file: path });
  }
}
