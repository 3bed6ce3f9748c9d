import { createRequire } from 'node:module';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { WcomposeError } from '../diagnostics/error.js';
import type { Span } from './lexer.js';

/** Where in a WAC document a problem is: the file's name, its text, and the span. */
export interface WacLocation {
  file: string;
  source: string;
  span: Span;
  hint?: string | undefined;
  path?: readonly string[] | undefined;
}

type CodeFrame = (source: string, loc: { start: { line: number; column: number }; end?: { line: number; column: number } }, opts: { message?: string; linesAbove?: number; linesBelow?: number }) => string;
let codeFrame: CodeFrame | undefined;

/** @babel/code-frame, loaded only when an error in a document is reported. */
function frameOf(source: string, span: Span, label: string | undefined): string | undefined {
  try {
    codeFrame ??= (createRequire(import.meta.url)('@babel/code-frame') as { codeFrameColumns: CodeFrame }).codeFrameColumns;
    const end = { line: span.line, column: span.column + Math.max(1, span.length) };
    return codeFrame(source, { start: { line: span.line, column: span.column }, end }, { linesAbove: 1, linesBelow: 1, ...(label ? { message: label } : {}) });
  } catch {
    return undefined;
  }
}

/** A problem in a WAC document: `app.wac:12:18: message [WC6xxx]`, with a code frame under it. */
export class WacError extends WcomposeError {
  constructor(code: DiagnosticCode, message: string, at: WacLocation, label?: string) {
    super(code, message, {
      file: at.file,
      line: at.span.line,
      column: at.span.column,
      frame: frameOf(at.source, at.span, label),
      hint: at.hint,
      path: at.path,
    });
  }
}
