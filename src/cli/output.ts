import { codeFrame } from './code-frame.js';

/**
 * Shared terminal output for the command line: the colour decision, styles for diagnostics, a progress line, and
 * JSON documents. Commands write through these helpers so every command looks (and degrades) the same way.
 */

/** The part of a stream the helpers need: `process.stdout`, `process.stderr`, or a fake one in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

type Env = Record<string, string | undefined>;

/**
 * Whether to colour what goes to `stream`, decided as Node decides for its own output (`tty.getColorDepth`):
 * - `FORCE_COLOR` wins when set: `''`, `1`, `true`, `2`, `3` turn colours on (even when the stream is not a terminal),
 *   anything else (`0`, `false`) off;
 * - otherwise `NO_COLOR` (any non-empty value, https://no-color.org) turns them off;
 * - otherwise colours only on a terminal (`isTTY`) whose `TERM` is not `dumb`.
 */
export function useColor(stream: OutputStream, env: Env = process.env): boolean {
  return colorLevel(stream, env) > 0;
}

/** The chalk colour level for `stream`: 0 for none (see {@link useColor}), 1 basic, 2 for 256 colours, 3 true colour. */
export function colorLevel(stream: OutputStream, env: Env = process.env): 0 | 1 | 2 | 3 {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) {
    if (force === '' || force === '1' || force === 'true') return 1;
    if (force === '2' || force === '3') return Number(force) as 2 | 3;
    return 0;
  }
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return 0;
  return stream.isTTY === true && env['TERM'] !== 'dumb' ? 1 : 0;
}

/** Styles for one stream; each is the identity when colours are off. */
export interface Style {
  readonly color: boolean;
  /** `error:` and other failure words. */
  error(text: string): string;
  /** `warning:` */
  warning(text: string): string;
  /** `hint:` */
  hint(text: string): string;
  /** success words: `ok`, `composed`. */
  ok(text: string): string;
  /** file paths. */
  path(text: string): string;
  /** diagnostic codes: `[WC4001]`. */
  code(text: string): string;
  /** less important text: sizes, counts, timings. */
  dim(text: string): string;
  /** emphasis: names of instances, imports, exports. */
  bold(text: string): string;
}

/**
 * SGR sequences for the few styles diagnostics use, written by hand rather than through chalk: every command prints
 * through these, and loading chalk would cost more start-up time than `wcompose --version` takes in all. The closing
 * codes are the ones chalk uses (22 ends bold and dim alike), so nested styles read the same.
 */
function sgr(open: number, close: number): (text: string) => string {
  return (text) => `[${open}m${text}[${close}m`;
}

const plain = (text: string): string => text;

/** The styles for `stream`, honouring NO_COLOR / FORCE_COLOR and falling back to plain text off a terminal. */
export function createStyle(stream: OutputStream = process.stderr, env: Env = process.env): Style {
  const level = colorLevel(stream, env);
  if (level === 0) {
    return { color: false, error: plain, warning: plain, hint: plain, ok: plain, path: plain, code: plain, dim: plain, bold: plain };
  }
  const bold = sgr(1, 22);
  const red = sgr(31, 39);
  const yellow = sgr(33, 39);
  return {
    color: true,
    error: (t) => red(bold(t)),
    warning: (t) => yellow(bold(t)),
    hint: sgr(36, 39),
    ok: sgr(32, 39),
    path: sgr(4, 24),
    code: sgr(2, 22),
    dim: sgr(2, 22),
    bold,
  };
}

/** Styles for stderr (diagnostics, progress) and stdout (results), decided afresh on every use. */
export const style = {
  get stderr(): Style {
    return createStyle(process.stderr);
  },
  get stdout(): Style {
    return createStyle(process.stdout);
  },
};

/** The parts of a diagnostic the one-line form shows (a `WcomposeError` has them all). */
export interface DiagnosticLike {
  readonly code: string;
  readonly message: string;
  readonly file?: string | undefined;
  readonly offset?: number | undefined;
  /** 1-based line and column in `file`, for errors in text: the message then shows the lines around it. */
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  readonly path?: readonly string[] | undefined;
  readonly hint?: string | undefined;
  /** The marked source lines, when the error carries them (a `.wac` document read from memory or disk). */
  readonly frame?: string | undefined;
  /** `file: path › chain: message [WCxxxx]`, as `WcomposeError.format()` gives it. */
  format(): string;
}

/**
 * The one-line form of an error: `error: <file>: <path chain>: <message> [WCxxxx]` and, on the next line,
 * `  hint: …`. An error with a line and column in a text file (`error: <file>:<line>:<column>: …`) shows the lines
 * around it between the two. Colours, when `s` has them, never change the text itself: without them (and a frame) the output is exactly
 * `error: ${e.format()}\n  hint: ${e.hint}\n`.
 */
export function formatError(e: DiagnosticLike, s: Style = createStyle(process.stderr)): string {
  let text = e.format();
  if (s.color) {
    const code = ` [${e.code}]`;
    if (text.endsWith(code)) text = `${text.slice(0, -code.length)} ${s.code(`[${e.code}]`)}`;
    if (e.file !== undefined && text.startsWith(`${e.file}:`)) text = `${s.path(e.file)}${text.slice(e.file.length)}`;
  }
  const hint = e.hint === undefined ? '' : `\n  ${s.hint('hint:')} ${e.hint}`;
  // A frame the error carries (a `.wac` document: it marks the whole span, with a label) wins over re-reading the file.
  const frame = e.frame ?? (e.file !== undefined && e.line !== undefined ? codeFrame(e.file, e.line, e.column, s.color) : undefined);
  const shown = frame === undefined ? '' : `\n${frame.replace(/^/gm, '  ')}`;
  return `${s.error('error:')} ${text}${shown}${hint}\n`;
}

/** A warning, as an error is shown but with `warning:`: `warning: <file>: <message> [WCxxxx]`, then its hint. */
export function formatWarning(w: DiagnosticLike, s: Style = createStyle(process.stderr)): string {
  let text = w.format();
  const code = ` [${w.code}]`;
  if (s.color && text.endsWith(code)) text = `${text.slice(0, -code.length)} ${s.code(`[${w.code}]`)}`;
  const hint = w.hint === undefined ? '' : `\n  ${s.hint('hint:')} ${w.hint}`;
  return `${s.warning('warning:')} ${text}${hint}\n`;
}

/** Prints warnings on stderr, one each (the command still succeeds). */
export function reportWarnings(warnings: readonly DiagnosticLike[]): void {
  for (const w of warnings) process.stderr.write(formatWarning(w));
}

/** A one-line message that is not a diagnostic (usage mistakes, internal errors): `error: <text>`, then the hint. */
export function formatMessage(text: string, hint?: string, s: Style = createStyle(process.stderr)): string {
  return `${s.error('error:')} ${text}${hint === undefined ? '' : `\n  ${s.hint('hint:')} ${hint}`}\n`;
}

/** A diagnostic as `--json` prints it: every field present (`null` when unknown), so machines see one shape. */
export interface JsonError {
  code: string;
  message: string;
  file: string | null;
  offset: number | null;
  path: string[];
  hint: string | null;
  /** Present for problems in text (a `.wac` document): 1-based. */
  line?: number;
  column?: number;
}

/** What an internal error (a bug in wcompose, exit code 70) asks of the user. */
export const internalErrorHint =
  'this is a bug in wcompose, not a problem in your input: please report it with the command you ran and its input files (WCOMPOSE_DEBUG=1 prints the stack trace)';

/** The `error` member of a failed command's JSON document. Errors that are not diagnostics are `internal`. */
export function errorJson(e: unknown): JsonError {
  if (isDiagnostic(e)) {
    return {
      code: e.code,
      message: e.message,
      file: e.file ?? null,
      offset: e.offset ?? null,
      path: [...(e.path ?? [])],
      hint: e.hint ?? null,
      ...(e.line === undefined ? {} : { line: e.line, column: e.column ?? 1 }),
    };
  }
  return {
    code: 'internal',
    message: `internal error in wcompose: ${e instanceof Error ? e.message : String(e)}`,
    file: null,
    offset: null,
    path: [],
    hint: internalErrorHint,
  };
}

function isDiagnostic(e: unknown): e is DiagnosticLike {
  return e instanceof Error && typeof (e as Partial<DiagnosticLike>).code === 'string' && typeof (e as Partial<DiagnosticLike>).format === 'function';
}

/** Writes one JSON document (two-space indented, newline-terminated) to `stream` (stdout by default). */
export function writeJson(value: unknown, stream: OutputStream = process.stdout): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A progress line on stderr, shown only on an interactive terminal and only for work longer than `delayMs`. */
export interface Progress {
  /** Replaces the text (shown at once if the line is already visible). */
  update(text: string): void;
  /** Clears the line (if it was shown) and cancels it; safe to call twice. */
  done(): void;
}

export interface ProgressOptions {
  stream?: OutputStream;
  env?: Env;
  /** Never show the line (e.g. with --json). */
  disabled?: boolean;
  /** How long the work must take before the line appears (default 500 ms). */
  delayMs?: number;
}

/**
 * Whether a progress line may be shown on `stream`: an interactive terminal, not in CI (`CI` set and not `false`/`0`),
 * and `TERM` not `dumb`.
 */
export function progressAllowed(stream: OutputStream, env: Env = process.env): boolean {
  const ci = env['CI'];
  if (ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false') return false;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/**
 * Starts a progress line with `text` (e.g. `composing 3 components…`) that appears after `delayMs` if the work is not
 * done yet, and is erased by `done()`. A no-op off a terminal, in CI, or when disabled.
 */
export function startProgress(text: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  if (options.disabled || !progressAllowed(stream, env)) return { update: () => {}, done: () => {} };
  const s = createStyle(stream, env);
  let current = text;
  let shown = false;
  let finished = false;
  const draw = (): void => {
    const width = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
    const line = current.length >= width ? `${current.slice(0, Math.max(0, width - 2))}…` : current;
    stream.write(`\r\x1b[2K${s.dim(line)}`);
    shown = true;
  };
  const timer = setTimeout(draw, options.delayMs ?? 500);
  timer.unref?.();
  return {
    update(next: string): void {
      current = next;
      if (shown && !finished) draw();
    },
    done(): void {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}

/** Runs `work` with a progress line (see {@link startProgress}) that is cleared when it settles. */
export async function withProgress<T>(text: string, work: () => Promise<T>, options: ProgressOptions = {}): Promise<T> {
  const progress = startProgress(text, options);
  try {
    return await work();
  } finally {
    progress.done();
  }
}

export { plural } from '../diagnostics/plural.js';
