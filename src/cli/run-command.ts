import { isWcomposeError } from '../diagnostics/error.js';
import { errorJson, formatError, formatMessage, internalErrorHint, writeJson } from './output.js';

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {}

/**
 * Exit codes, documented in the README: 0 ok, 1 a problem in the inputs, 2 a usage error, 70 a bug in wcompose (an
 * internal error: sysexits' EX_SOFTWARE), so that CI can tell a bad component from a bug in the tool.
 */
export const ExitCode = { ok: 0, problem: 1, usage: 2, internal: 70 } as const;

/** The exit code for a failure: 1 for a diagnostic (a problem in the inputs), 70 for anything else (a bug). */
export function exitCodeFor(e: unknown): number {
  return isWcomposeError(e) ? ExitCode.problem : ExitCode.internal;
}

export interface ActionOptions<A extends unknown[]> {
  /** Whether this call asked for JSON (`--json`): then a failure is a JSON document on stdout, not text on stderr. */
  json?: (...args: A) => boolean;
}

/**
 * Wraps a command's action: a diagnostic becomes one line on stderr (`error: … [WCxxxx]`, then `  hint: …`), in
 * colour on a terminal, and exit code 1; with `--json`, the document `{ ok: false, error }` on stdout instead. Anything
 * else is a bug in wcompose, reported the same way (never a stack trace unless WCOMPOSE_DEBUG is set) with a request
 * for a bug report, and exit code 70. A usage
 * mistake is one line on stderr and exit code 2, with or without `--json`.
 */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<number | void>,
  options: ActionOptions<A> = {},
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      process.exitCode = (await fn(...args)) ?? ExitCode.ok;
    } catch (e) {
      if (e instanceof UsageError) {
        process.stderr.write(formatMessage(e.message));
        process.exitCode = ExitCode.usage;
        return;
      }
      reportError(e, options.json?.(...args) ?? false);
      process.exitCode = exitCodeFor(e);
    }
  };
}

/** Reports a failure: as `{ ok: false, error }` on stdout with `json`, else as one line (and a hint) on stderr. */
export function reportError(e: unknown, json: boolean): void {
  if (json) {
    writeJson({ ok: false, error: errorJson(e) });
    return;
  }
  if (isWcomposeError(e)) {
    process.stderr.write(formatError(e));
  } else {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(formatMessage(`internal error in wcompose: ${message}`, internalErrorHint));
  }
  if (!isWcomposeError(e) && process.env['WCOMPOSE_DEBUG']) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
}

/** The `--json` flag of a command's options (the last-but-one argument commander passes to an action). */
export function jsonFlag(...args: unknown[]): boolean {
  const opts = args[args.length - 2];
  return typeof opts === 'object' && opts !== null && (opts as { json?: unknown }).json === true;
}
