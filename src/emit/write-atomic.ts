import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { WcomposeError } from '../diagnostics/error.js';

/**
 * Writes `bytes` to `path` through a temporary file in the same folder and a rename, so readers never see a
 * half-written component and a failed build leaves no output file.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new WcomposeError('WC9002', `cannot write file: ${code}`, { file: path });
  }
}
