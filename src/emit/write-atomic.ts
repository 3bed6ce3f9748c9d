import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { WcomposeError } from '../diagnostics/error.js';

/**
 * Writes `bytes` to `path` through a temporary file in the same folder and a rename, so readers never see a
 * half-written component and a failed build leaves no output file.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | readonly Uint8Array[]): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    const file = await open(tmp, 'w');
    try {
      // One gathering write: the chunks (embedded components among them) go to the file without being joined.
      const chunks = bytes instanceof Uint8Array ? [bytes] : bytes;
      let written = 0;
      const total = chunks.reduce((n, c) => n + c.length, 0);
      while (written < total) {
        const { bytesWritten } = await file.writev(remaining(chunks, written));
        written += bytesWritten;
      }
    } finally {
      await file.close();
    }
    await rename(tmp, path);
  } catch (e) {
    // The temporary may not exist, nor be removable (a parent that is a file): that must not hide the real failure.
    await rm(tmp, { force: true }).catch(() => {});
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

/** The chunks from byte `offset` on (a short `writev` leaves the rest to write). */
function remaining(chunks: readonly Uint8Array[], offset: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let skip = offset;
  for (const c of chunks) {
    if (skip >= c.length) {
      skip -= c.length;
      continue;
    }
    out.push(skip > 0 ? c.subarray(skip) : c);
    skip = 0;
  }
  return out;
}
