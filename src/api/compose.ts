import { chunkLength, type OutputChunk } from '../emit/chunks.js';
import { emit, emitChunks } from '../emit/emit.js';
import type { CompositionSpec, Plan } from '../graph/model.js';
import { plan } from '../graph/plan.js';

export interface ComposeResult {
  plan: Plan;
  /** The composed component. */
  bytes: Uint8Array;
}

/** Plans and emits a composition held in memory; nothing is written. */
export function compose(spec: CompositionSpec): ComposeResult {
  const p = plan(spec);
  return { plan: p, bytes: emit(p) };
}

/** `compose`, with the output as chunks that reference the inputs' bytes (what `build` writes, copy-free). */
export function composeChunks(spec: CompositionSpec): { plan: Plan; chunks: OutputChunk[]; size: number } {
  const p = plan(spec);
  const chunks = emitChunks(p);
  return { plan: p, chunks, size: chunks.reduce((n, c) => n + chunkLength(c), 0) };
}
