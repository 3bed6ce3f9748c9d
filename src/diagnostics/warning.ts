import { diagnostics, type DiagnosticCode } from './codes.js';
import type { DiagnosticInit } from './error.js';

/**
 * Something valid that is probably not what the user meant (a composition that exports nothing): reported with a
 * stable code, as errors are, but the command goes on and succeeds. The planner collects them; the API returns them
 * (`warnings` of a result), the CLI prints them on stderr as `warning: … [WCxxxx]`, `--json` lists them.
 */
export class WcomposeWarning {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly file: string | undefined;
  readonly offset: number | undefined;
  readonly path: readonly string[];
  readonly hint: string;

  constructor(code: DiagnosticCode, message: string, init: DiagnosticInit = {}) {
    this.code = code;
    this.message = message;
    this.file = init.file;
    this.offset = init.offset;
    this.path = init.path ?? [];
    this.hint = init.hint ?? diagnostics[code].hint;
  }

  /** `file: path › chain: message [WCxxxx]`, as errors are formatted. */
  format(): string {
    const chain = this.path.length > 0 ? `${this.path.join(' › ')}: ` : '';
    return `${this.file === undefined ? '' : `${this.file}: `}${chain}${this.message} [${this.code}]`;
  }

  /** As `--json` lists it: every field present (`null` when unknown), the shape of a JSON error. */
  toJSON(): { code: string; message: string; file: string | null; offset: number | null; path: string[]; hint: string } {
    return { code: this.code, message: this.message, file: this.file ?? null, offset: this.offset ?? null, path: [...this.path], hint: this.hint };
  }
}
