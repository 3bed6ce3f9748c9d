import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { fileBacking } from '../binary/layer.js';
import { WcomposeError } from '../diagnostics/error.js';

import type { FileRange, OutputChunk } from './output-chunk.js';

export type { FileRange, OutputChunk };

/** How much of a file is copied (or hashed) at a time. */
const COPY_BUFFER = 2 * 1024 * 1024;

export function chunkLength(c: OutputChunk): number {
  return c instanceof Uint8Array ? c.length : c.end - c.start;
}

/** The writer's chunks, with each file-backed component (see `fileBacking`) replaced by its range in its file. */
export function withFileRanges(chunks: readonly Uint8Array[]): OutputChunk[] {
  return chunks.map((c) => {
    const backing = fileBacking(c);
    return backing === undefined ? c : { file: backing.file, start: 0, end: backing.size };
  });
}

/** Opens an input again to copy or hash it, checking it is still the size it was when read. */
function openInput(range: FileRange): number {
  let fd: number | undefined;
  try {
    fd = openSync(range.file, 'r');
    if (fstatSync(fd).size >= range.end) return fd;
  } catch {
    // reported below
  }
  if (fd !== undefined) closeSync(fd);
  throw new WcomposeError('WC9001', 'cannot read file: it changed or went away while wcompose was composing it', {
    file: range.file,
    hint: 'run again once whatever writes it is done',
  });
}

/** The buffer `forEachBlock` reads into: one for the process (it is synchronous), not a new one per file hashed. */
let blockBuffer: Uint8Array | undefined;

/** Calls `each` with the range's bytes, a buffer at a time (the buffer is reused: copy what must outlive the call). */
function forEachBlock(range: FileRange, each: (block: Uint8Array) => void): void {
  const fd = openInput(range);
  try {
    const buffer = (blockBuffer ??= new Uint8Array(COPY_BUFFER));
    for (let at = range.start; at < range.end; ) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, range.end - at), at);
      if (n === 0) throw new WcomposeError('WC9001', 'cannot read file: it got shorter while wcompose was composing it', { file: range.file });
      each(buffer.subarray(0, n));
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The range's bytes, a buffer at a time, each block a buffer of its own (for streams that keep what they are given
 * until it is flushed, such as stdout).
 */
export function* rangeBlocks(range: FileRange): Generator<Uint8Array> {
  const fd = openInput(range);
  try {
    for (let at = range.start; at < range.end; ) {
      const block = new Uint8Array(Math.min(COPY_BUFFER, range.end - at));
      const n = readSync(fd, block, 0, block.length, at);
      if (n === 0) throw new WcomposeError('WC9001', 'cannot read file: it got shorter while wcompose was composing it', { file: range.file });
      yield n === block.length ? block : block.subarray(0, n);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}

/** The chunks joined into one buffer (file ranges read in). */
export function joinChunks(chunks: readonly OutputChunk[]): Uint8Array {
  if (chunks.length === 1 && chunks[0] instanceof Uint8Array) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + chunkLength(c), 0));
  let at = 0;
  for (const c of chunks) {
    if (c instanceof Uint8Array) {
      out.set(c, at);
      at += c.length;
    } else {
      forEachBlock(c, (block) => {
        out.set(block, at);
        at += block.length;
      });
    }
  }
  return out;
}

/** SHA-256 of a component's bytes, read from its file when only its component layer is in memory. */
export function contentHash(bytes: Uint8Array): string {
  const hash = createHash('sha256');
  const backing = fileBacking(bytes);
  if (backing === undefined) hash.update(bytes);
  else forEachBlock({ file: backing.file, start: 0, end: backing.size }, (block) => hash.update(block));
  return hash.digest('hex');
}

/**
 * Writes the chunks to `file` from its current position: runs of in-memory chunks with one gathering write each,
 * file ranges by copying them a buffer at a time, so no input is ever held whole.
 */
export async function writeChunks(file: FileHandle, chunks: readonly OutputChunk[]): Promise<void> {
  let run: Uint8Array[] = [];
  const flush = async (): Promise<void> => {
    let rest = run;
    run = [];
    while (rest.length > 0) {
      const { bytesWritten } = await file.writev(rest);
      rest = remaining(rest, bytesWritten);
    }
  };
  let buffer: Uint8Array | undefined;
  for (const c of chunks) {
    if (c instanceof Uint8Array) {
      if (c.length > 0) run.push(c);
      continue;
    }
    await flush();
    buffer ??= new Uint8Array(COPY_BUFFER);
    const fd = openInput(c);
    try {
      for (let at = c.start; at < c.end; ) {
        const n = readSync(fd, buffer, 0, Math.min(buffer.length, c.end - at), at);
        if (n === 0) throw new WcomposeError('WC9001', 'cannot read file: it got shorter while wcompose was composing it', { file: c.file });
        for (let done = 0; done < n; ) done += (await file.write(buffer, done, n - done)).bytesWritten;
        at += n;
      }
    } finally {
      closeSync(fd);
    }
  }
  await flush();
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
