import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

/** Where a config's syntax error is: 1-based line and column, and the parser's message. */
export interface SyntaxLocation {
  line: number;
  column: number;
  message: string;
}

/** The part of a jiti instance used here: its source transform (Babel), which reports parse errors as data. */
interface Transformer {
  transform(opts: { source: string; filename: string; ts?: boolean }): string;
}

/**
 * Parses `file` (without running it) and says where its first syntax error is, if it has one. Node's own loader
 * does not expose the location of a syntax error in an ES module, and jiti puts it in a message; jiti's transform
 * reports it as data (`exports.__JITI_ERROR__ = { line, column, message }`, column 0-based), read here.
 */
export function syntaxErrorLocation(file: string, jiti: Transformer): SyntaxLocation | undefined {
  let out: string;
  try {
    const ext = extname(file);
    out = jiti.transform({ source: readFileSync(file, 'utf8'), filename: file, ts: ext === '.ts' || ext === '.mts' || ext === '.cts' });
  } catch {
    return undefined;
  }
  const m = /__JITI_ERROR__ = (\{.*\})/.exec(out);
  if (m === null) return undefined;
  try {
    const e = JSON.parse(m[1]!) as { line?: unknown; column?: unknown; message?: unknown };
    if (typeof e.line !== 'number' || typeof e.column !== 'number') return undefined;
    return { line: e.line, column: e.column + 1, message: typeof e.message === 'string' ? e.message.trim() : 'syntax error' };
  } catch {
    return undefined;
  }
}
