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
    await rm(tmp, { force: true });
    if (isWcomposeError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new WcomposeError('WC9002', `cannot write file: ${code}`, { file: path });
  }
}
