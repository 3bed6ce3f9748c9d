import { diagnostics, type DiagnosticCode } from './codes.js';

export interface DiagnosticInit {
  /** The file the problem is in, when there is one. */
  file?: string | undefined;
  /** Byte offset in `file` for problems in binaries. */
  offset?: number | undefined;
  /** 1-based line in `file`, for problems in text (a config's syntax error): shown as `file:line:column`. */
  line?: number | undefined;
  /** 1-based column on `line`. */
  column?: number | undefined;
  /** Steps from the outermost item to where the problem is, e.g. `demo:app/greeter › greet › parameter "name"`. */
  path?: readonly string[] | undefined;
  /** Overrides the code's default hint. */
  hint?: string | undefined;
}

/** A problem the user can cause (as opposed to a bug): carries a stable code and prints as one line. */
export class WcomposeError extends Error {
  readonly code: DiagnosticCode;
  readonly file: string | undefined;
  readonly offset: number | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly path: readonly string[];
  readonly hint: string;

  constructor(code: DiagnosticCode, message: string, init: DiagnosticInit = {}) {
    super(message);
    this.name = 'WcomposeError';
    this.code = code;
    this.file = init.file;
    this.offset = init.offset;
    this.line = init.line;
    this.column = init.column;
    this.path = init.path ?? [];
    this.hint = init.hint ?? diagnostics[code].hint;
  }

  /** Returns a copy that names `file` (errors are raised deep down, where the file is not known). */
  inFile(file: string): WcomposeError {
    return new WcomposeError(this.code, this.message, {
      file, offset: this.offset, line: this.line, column: this.column, path: this.path, hint: this.hint,
    });
  }

  /** `file: at byte 0x1f: message`, or `file:3:5: message` — the one-line form used by the CLI. */
  format(): string {
    const file = this.file !== undefined && this.line !== undefined ? `${this.file}:${this.line}:${this.column ?? 1}` : this.file;
    const where = [file, this.offset === undefined ? undefined : `at byte ${this.offset} (0x${this.offset.toString(16)})`]
      .filter((part) => part !== undefined)
      .join(': ');
    const chain = this.path.length > 0 ? `${this.path.join(' › ')}: ` : '';
    return `${where ? `${where}: ` : ''}${chain}${this.message} [${this.code}]`;
  }
}

export function isWcomposeError(value: unknown): value is WcomposeError {
  return value instanceof WcomposeError;
}
