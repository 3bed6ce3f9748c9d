import { emit } from '../emit/emit.js';
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
