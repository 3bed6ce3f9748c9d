import { isWcomposeError } from '../diagnostics/error.js';

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {}

/** Exit codes, documented in the README: 0 ok, 1 a problem in the inputs, 2 a usage error. */
export const ExitCode = { ok: 0, problem: 1, usage: 2 } as const;

/**
 * Wraps a command's action: a diagnostic becomes one line on stderr and exit code 1; anything else is a bug in
 * wcompose, reported in one line too (never a stack trace unless WCOMPOSE_DEBUG is set).
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      process.exitCode = (await fn(...args)) ?? ExitCode.ok;
    } catch (e) {
      if (e instanceof UsageError) {
        process.stderr.write(`error: ${e.message}\n`);
        process.exitCode = ExitCode.usage;
        return;
      }
      if (isWcomposeError(e)) {
        process.stderr.write(`error: ${e.format()}\n  hint: ${e.hint}\n`);
      } else {
        const message = e instanceof Error ? e.message : String(e);
        process.stderr.write(`error: internal error in wcompose: ${message}\n  hint: this is a bug; please report it\n`);
        if (process.env['WCOMPOSE_DEBUG']) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
      }
      process.exitCode = ExitCode.problem;
    }
  };
}
