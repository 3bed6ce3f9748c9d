import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { WcomposeError } from '../diagnostics/error.js';

/** Temporary files being written: removed if the process exits meanwhile (Ctrl-C ends it with process.exit). */
const pending = new Set<string>();
process.once('exit', () => {
  for (const tmp of pending) rmSync(tmp, { force: true });
});

/**
 * Writes `bytes` to `path` through a temporary file in the same folder and a rename, so readers never see a
 * half-written component and a failed build leaves no output file.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | readonly Uint8Array[]): Promise<void> {
  if (await isSpecialFile(path)) return writeInPlace(path, bytes);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(tmp);
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
    pending.delete(tmp);
  } catch (e) {
    // The temporary may not exist, nor be removable (a parent that is a file): that must not hide the real failure.
    await rm(tmp, { force: true }).catch(() => {});
    pending.delete(tmp);
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

async function writeInPlace(path: string, bytes: Uint8Array | readonly Uint8Array[]): Promise<void> {
  try {
    const file = await open(path, 'w');
    try {
      for (const chunk of bytes instanceof Uint8Array ? [bytes] : bytes) await file.write(chunk);
    } finally {
      await file.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new WcomposeError('WC9002', `cannot write file: ${code}`, { file: path });
  }
}
