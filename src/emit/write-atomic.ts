import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { WcomposeError, isWcomposeError } from '../diagnostics/error.js';
import { writeChunks, type OutputChunk } from './chunks.js';

/**
 * Writes `bytes` to `path` through a temporary file in the same folder and a rename, so readers never see a
 * half-written component and a failed build leaves no output file.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | readonly OutputChunk[]): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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
  } catch (e) {
    // The temporary may not exist, nor be removable (a parent that is a file): that must not hide the real failure.
    await rm(tmp, { force: true }).catch(() => {});
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
