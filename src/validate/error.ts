import type { DiagnosticCode } from '../diagnostics/codes.js';
import { WcomposeError } from '../diagnostics/error.js';

/** A rule of the component model an input breaks: a WC11xx diagnostic at a byte offset. */
export class ValidationError extends WcomposeError {
  constructor(code: DiagnosticCode, message: string, offset: number | undefined) {
    super(code, message, { offset });
    this.name = 'ValidationError';
  }
}

/**
 * The composed component wcompose was about to write is invalid: a bug in wcompose, never the user's fault. It is
 * deliberately not a `WcomposeError` (those are problems in the inputs), so the CLI reports it as an internal error.
 */
export class InvalidOutputError extends Error {
  readonly code = 'WC9101';
  override readonly cause: WcomposeError;

  constructor(cause: WcomposeError) {
    super(
      `internal error: the composed component is invalid (${cause.message}${cause.offset === undefined ? '' : ` at byte ${cause.offset}`}, ` +
        `${cause.code}) [WC9101]; nothing was written. This is a bug in wcompose, please report it with the inputs`,
    );
    this.name = 'InvalidOutputError';
    this.cause = cause;
  }
}
