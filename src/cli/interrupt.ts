import { ExitCode } from './run-command.js';

/**
 * Ctrl-C (SIGINT). A command that is interrupted stops at once with exit code 130 (128 + SIGINT, as shells report
 * it), after the process's exit handlers have removed any temporary file it was writing; no output is left
 * half-written, since outputs only appear by rename. `build --watch` takes Ctrl-C over: there it means "stop
 * watching", a normal end (exit code 0).
 */
let takenOver: (() => void) | undefined;

/** Installs the handler once, at start-up. */
export function installInterruptHandler(): void {
  process.on('SIGINT', () => {
    if (takenOver !== undefined) takenOver();
    else process.exit(ExitCode.interrupted);
  });
}

/** Makes Ctrl-C call `fn` instead of ending the process, until the returned function is called. */
export function takeOverInterrupts(fn: () => void): () => void {
  takenOver = fn;
  return () => {
    if (takenOver === fn) takenOver = undefined;
  };
}
