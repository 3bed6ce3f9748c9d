/** Types of the fuzzer's entry point, for the test that runs it (test/fuzz.test.ts). */
export interface FuzzFinding {
  kind: 'inspect' | 'plug' | 'fuzzer';
  index?: number;
  outcome: string;
  message?: string;
  signature?: string;
  entry?: string;
  op?: string;
}

export interface FuzzSummary {
  seed: number;
  elapsedMs: number;
  /** Per kind: outcome (or diagnostic code, or `jco-…` check) → how many. */
  counts: { inspect: Record<string, number>; plug: Record<string, number> };
  totals: { inspect: number; plug: number };
  throughput: { inspect: number; plug: number };
  findings: FuzzFinding[];
  saved: string[];
}

export interface FuzzOptions {
  seed?: number;
  timeSeconds?: number;
  inspect?: number;
  plug?: number;
  workers?: number;
  hangMs?: number;
  jcoSample?: number;
  js?: boolean;
  out?: string;
  log?: (message: string) => void;
}

export function runFuzz(options?: FuzzOptions): Promise<FuzzSummary>;
export function minimize(bytes: Uint8Array, same: (candidate: Uint8Array) => boolean): Uint8Array;
/** Outcomes that are findings against wcompose (not the informational `accepted-invalid` kind). */
export function badFindings(summary: FuzzSummary): FuzzFinding[];
