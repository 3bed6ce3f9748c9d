import { diagnostics, type DiagnosticCode } from '../diagnostics/codes.js';

/**
 * One reason why something does not fit, as plain data: a stable code, the path from the outermost import or export
 * down to the offending part, and a message that prints both sides as WIT.
 */
export interface Finding {
  code: DiagnosticCode;
  /** Steps from the outermost item down, e.g. `['demo:app/greeter@0.1.0', 'greet', 'parameter "name"']`. */
  path: string[];
  /** What is wrong there, e.g. `expected string, found u32`. */
  message: string;
  /** The required side, as WIT, when there is one. */
  expected?: string;
  /** The provided side, as WIT, when there is one. */
  found?: string;
  /** What to do about it (the code's hint unless something more specific is known). */
  hint?: string;
}

export function finding(code: DiagnosticCode, path: readonly string[], message: string, more: Partial<Finding> = {}): Finding {
  const f: Finding = { code, path: [...path], message };
  if (more.expected !== undefined) f.expected = more.expected;
  if (more.found !== undefined) f.found = more.found;
  f.hint = more.hint ?? diagnostics[code].hint;
  return f;
}

/** The reason chain as one line: `demo:app/greeter@0.1.0 › greet › parameter "name": expected string, found u32`. */
export function formatFinding(f: Finding): string {
  return f.path.length > 0 ? `${f.path.join(' › ')}: ${f.message}` : f.message;
}
