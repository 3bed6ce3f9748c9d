import { resolve } from 'node:path';
import type { Option as OptionType } from 'commander';
import { chunkLength, joinChunks, rangeBlocks } from '../emit/chunks.js';
import type { OutputChunk } from '../emit/output-chunk.js';
import { writeFileAtomic } from '../emit/write-atomic.js';
import { Option } from './commander.js';
import { UsageError } from './run-command.js';
import type { OutputStream } from './output.js';

/**
 * Where `plug` and `build` put the composed component, as wac does: a file named with `-o` (for `build`, or in the
 * config); otherwise stdout when it is not a terminal (a pipe, a redirection), and a usage error when it is one.
 * `-t/--wat` prints WebAssembly text instead (jco's printer), to `-o` or to stdout, terminal or not.
 */

/** `-t, --wat`: shared by the commands that write a component. */
export function watOption(): OptionType {
  return new Option('-t, --wat', 'write the composed component as WebAssembly text (to -o, else stdout)');
}

export interface Destination {
  /** `-o`: the file, when named. */
  output?: string | undefined;
  wat?: boolean | undefined;
  json?: boolean | undefined;
}

/** The stream the component goes to without `-o`: stdout (a parameter for tests). */
interface ByteStream extends OutputStream {
  write(chunk: Uint8Array | string, callback?: (error?: Error | null) => void): boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  on?(event: 'error', listener: (error: unknown) => void): unknown;
  off?(event: 'error', listener: (error: unknown) => void): unknown;
  off?(event: 'drain' | 'close', listener: () => void): unknown;
}

/**
 * Refuses, before anything is composed or written, what cannot work without a file: a binary to a terminal, or a
 * binary and a `--json` document both on stdout. `flags` names what could name the file, for the message.
 */
export function checkDestination(dest: Destination, flags: string, stdout: OutputStream = process.stdout): void {
  if (dest.wat && dest.json) throw new UsageError('--wat and --json cannot be combined: --json prints one document');
  if (dest.output !== undefined || dest.wat) return;
  if (dest.json) throw new UsageError(`--json prints its document on stdout, so the component needs a file: name it with ${flags}`);
  if (stdout.isTTY === true) {
    throw new UsageError(
      `refusing to write a binary component to a terminal: name a file with ${flags}, pipe the output (… > out.wasm), or print it as text with -t`,
    );
  }
}

/**
 * Sends the composed component where `dest` says (after {@link checkDestination}): as text (`--wat`) to `-o` or
 * stdout, or as binary to stdout. Returns the file written, if any, and the size of what was written.
 */
export async function deliverComponent(
  chunks: readonly OutputChunk[],
  dest: Destination,
  stdout: ByteStream = process.stdout,
): Promise<{ file: string | undefined; size: number }> {
  if (dest.wat) {
    const { printWat } = await import('../api/print-wat.js');
    const text = new TextEncoder().encode(await printWat(joinChunks(chunks)));
    if (dest.output !== undefined) {
      const file = resolve(dest.output);
      await writeFileAtomic(file, text);
      return { file, size: text.length };
    }
    await writeAll(stdout, [text]);
    return { file: undefined, size: text.length };
  }
  await writeAll(stdout, chunks);
  return { file: undefined, size: chunks.reduce((n, c) => n + chunkLength(c), 0) };
}

/**
 * Writes every chunk (file ranges copied from their files a buffer at a time), waiting for the stream to drain when
 * it asks to, and for the last write to be flushed. A reader that stops reading early (`… | head -c 8`) closes the
 * pipe: the rest is not wanted, which is not an error.
 */
async function writeAll(stream: ByteStream, chunks: readonly OutputChunk[]): Promise<void> {
  let closed = false;
  const onError = (e: unknown): void => {
    if ((e as { code?: unknown }).code === 'EPIPE') closed = true;
  };
  stream.on?.('error', onError);
  try {
    let pending: Uint8Array | undefined;
    for (const chunk of chunks) {
      for (const block of chunk instanceof Uint8Array ? [chunk] : rangeBlocks(chunk)) {
        if (closed) return;
        // One block behind, so that the last one is written with a callback that waits for its flush.
        if (pending !== undefined && !stream.write(pending)) {
          await new Promise<void>((done) => {
            // Whichever comes first; the other listener goes too, or a long output piles them up on the stream.
            const settle = (): void => {
              stream.off?.('drain', settle);
              stream.off?.('close', settle);
              done();
            };
            stream.once('drain', settle);
            stream.once('close', settle);
          });
        }
        pending = block;
      }
    }
    if (closed || pending === undefined) return;
    const last = pending;
    await new Promise<void>((done, fail) => stream.write(last, (e) => (e && (e as { code?: unknown }).code !== 'EPIPE' ? fail(e) : done())));
  } finally {
    stream.off?.('error', onError);
  }
}
