/** Types of the mutator, for the tests. */
export interface CorpusEntry {
  name: string;
  bytes: Uint8Array;
  weight?: number;
}
export interface Mutant {
  entry: CorpusEntry;
  op: string;
  bytes?: Uint8Array;
  patch?: [number, number][];
}
export function mutant(seed: number, stream: number, index: number, corpus: CorpusEntry[]): Mutant;
export function applyPatch(bytes: Uint8Array, patch: [number, number][]): [number, number][];
