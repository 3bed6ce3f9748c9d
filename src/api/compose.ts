import { chunkLength, joinChunks, withFileRanges } from '../emit/chunks.js';
import type { OutputChunk } from '../emit/output-chunk.js';
import { emitBuffers } from '../emit/emit.js';
import { inFile } from '../io/read-input.js';
import type { CompositionSpec, Plan } from '../graph/model.js';
import { plan } from '../graph/plan.js';
import { validateComponent, validateOutput } from '../validate/index.js';

export interface ComposeResult {
  plan: Plan;
  /** The composed component. */
  bytes: Uint8Array;
}

export interface ComposeOptions {
  /**
   * Validate the inputs' and the output's component layer (default: true). An input that breaks a rule is a WC11xx
   * error; an invalid output is a bug in wcompose (`InvalidOutputError`, WC9101), and nothing is returned.
   */
  validate?: boolean | undefined;
  /** Import the dependency components instead of embedding them (wac's `--import-dependencies`), see `EmitOptions`. */
  importDependencies?: boolean | undefined;
}

/** Plans and emits a composition held in memory; nothing is written. */
export function compose(spec: CompositionSpec, options: ComposeOptions = {}): ComposeResult {
  const { plan: p, chunks } = composeChunks(spec, options);
  return { plan: p, bytes: joinChunks(chunks) };
}

/**
 * `compose`, with the output as chunks that reference the inputs' bytes, or their files for inputs read by their
 * component layer only (what `build` writes, copy-free).
 */
export function composeChunks(
  spec: CompositionSpec,
  options: ComposeOptions = {},
  planSpec: (spec: CompositionSpec) => Plan = plan,
): { plan: Plan; chunks: OutputChunk[]; size: number } {
  // Inputs read from files were validated when read; this costs nothing for them (validation is remembered per
  // buffer) and covers specs built in memory.
  if (options.validate !== false) for (const c of spec.components) inFile(c.file, () => validateComponent(c.bytes));
  const p = planSpec(spec);
  const buffers = emitBuffers(p, { importDependencies: options.importDependencies });
  if (options.validate !== false) validateOutput(buffers);
  const chunks = withFileRanges(buffers);
  return { plan: p, chunks, size: chunks.reduce((n, c) => n + chunkLength(c), 0) };
}
