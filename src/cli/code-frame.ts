import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type CodeFrameColumns = typeof import('@babel/code-frame').codeFrameColumns;

/**
 * The lines around `line:column` of `file`, with a marker under the column (as Babel and TypeScript show them), or
 * undefined when the file cannot be read. @babel/code-frame is loaded only here, when an error has a location.
 */
export function codeFrame(file: string, line: number, column: number | undefined, color = false): string | undefined {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const { codeFrameColumns } = createRequire(import.meta.url)('@babel/code-frame') as { codeFrameColumns: CodeFrameColumns };
  return codeFrameColumns(source, { start: { line, ...(column === undefined ? {} : { column }) } }, { highlightCode: color, forceColor: color });
}
