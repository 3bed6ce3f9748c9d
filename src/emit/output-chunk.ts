/**
 * The shape of a composed component's pieces, on its own (no Node types): public results such as `PreparedBuild`
 * name it, and their declarations must not need @types/node.
 */

/** Bytes [start, end) of a file: an embedded component that was read only by its component layer. */
export interface FileRange {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/** A piece of a composed component: bytes in memory, or bytes copied from an input file when written. */
export type OutputChunk = Uint8Array | FileRange;
