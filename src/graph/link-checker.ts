import type { Extern } from '../types/model.js';

/** One reason a link does not type-check: where (path from the import) and what. */
export interface LinkProblem {
  path: string[];
  message: string;
}

/** Checks that `actual` may be used where `expected` is imported. */
export type LinkChecker = (expected: Extern, actual: Extern) => LinkProblem[];

/** Placeholder until the subtype checker is wired in: only kinds are compared. */
export const checkLink: LinkChecker = (expected, actual) =>
  expected.kind === actual.kind ? [] : [{ path: [], message: `expected ${expected.kind}, found ${actual.kind}` }];
