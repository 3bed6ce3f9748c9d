import type { Finding } from '../check/finding.js';
import { checkExtern } from '../check/subtype.js';
import type { Extern } from '../types/model.js';

/** Checks that `actual` may be used where `expected` is imported; `path` starts the reason chains. */
export type LinkChecker = (expected: Extern, actual: Extern, path: readonly string[]) => Finding[];

/** The component model's subtyping, as `wcompose check` applies it. */
export const checkLink: LinkChecker = (expected, actual, path) => checkExtern(expected, actual, { path });
