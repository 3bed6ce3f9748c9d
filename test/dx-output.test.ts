/** src/cli/output.ts: the colour decision, the one-line error form, JSON errors, the progress line. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createStyle, errorJson, formatError, formatMessage, progressAllowed, startProgress, useColor, type OutputStream,
} from '../src/cli/output.js';
import { WcomposeError } from '../src/diagnostics/error.js';

function stream(isTTY: boolean): OutputStream & { text: string } {
  const s = { isTTY, columns: 40, text: '', write: (chunk: string) => (s.text += chunk) };
  return s;
}

describe('useColor', () => {
  it('honours FORCE_COLOR, then NO_COLOR, then whether the stream is a terminal (as Node does)', () => {
    expect(useColor(stream(true), {})).toBe(true);
    expect(useColor(stream(false), {})).toBe(false);
    expect(useColor(stream(true), { NO_COLOR: '1' })).toBe(false);
    expect(useColor(stream(true), { NO_COLOR: '' })).toBe(true);
    expect(useColor(stream(false), { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(stream(false), { FORCE_COLOR: '' })).toBe(true);
    expect(useColor(stream(false), { FORCE_COLOR: '3' })).toBe(true);
    expect(useColor(stream(false), { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(useColor(stream(true), { FORCE_COLOR: '0' })).toBe(false);
    expect(useColor(stream(true), { FORCE_COLOR: 'false' })).toBe(false);
    expect(useColor(stream(true), { TERM: 'dumb' })).toBe(false);
  });
});

describe('formatError', () => {
  const e = new WcomposeError('WC4001', 'unknown component "x"', { file: '/p/compose.config.ts', path: ['instances.a', 'component'] });

  it('is exactly `error: ${e.format()}` and the hint without colours', () => {
    expect(formatError(e, createStyle(stream(false), {}))).toBe(`error: ${e.format()}\n  hint: ${e.hint}\n`);
    expect(formatError(e, createStyle(stream(false), {}))).toBe(
      'error: /p/compose.config.ts: instances.a › component: unknown component "x" [WC4001]\n  hint: components are named in the config\'s `components`\n',
    );
  });

  it('with colours, differs only by ANSI codes', () => {
    const coloured = formatError(e, createStyle(stream(true), {}));
    expect(coloured).not.toBe(formatError(e, createStyle(stream(false), {})));
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\x1b\[\d+(;\d+)*m/g, '')).toBe(`error: ${e.format()}\n  hint: ${e.hint}\n`);
  });

  it('formatMessage: `error: text` and an optional hint', () => {
    const s = createStyle(stream(false), {});
    expect(formatMessage('bad flag', undefined, s)).toBe('error: bad flag\n');
    expect(formatMessage('boom', 'report it', s)).toBe('error: boom\n  hint: report it\n');
  });
});

describe('errorJson', () => {
  it('has every field, null when unknown', () => {
    expect(errorJson(new WcomposeError('WC1001', 'unexpected end', { file: 'a.wasm', offset: 8 }))).toEqual({
      code: 'WC1001', message: 'unexpected end', file: 'a.wasm', offset: 8, path: [], hint: expect.any(String),
    });
    expect(errorJson(new Error('oops'))).toEqual({
      code: 'internal', message: 'internal error in wcompose: oops', file: null, offset: null, path: [], hint: expect.stringMatching(/bug in wcompose.*please report it with the command you ran and its input files/),
    });
  });
});

describe('the progress line', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows after the delay on a terminal, follows updates, and is cleared when done', () => {
    vi.useFakeTimers();
    const s = stream(true);
    const progress = startProgress('composing 3 components…', { stream: s, env: { NO_COLOR: '1' } });
    vi.advanceTimersByTime(499);
    expect(s.text).toBe('');
    vi.advanceTimersByTime(1);
    expect(s.text).toBe('\r\x1b[2Kcomposing 3 components…');
    progress.update('writing js…');
    expect(s.text.endsWith('\r\x1b[2Kwriting js…')).toBe(true);
    progress.done();
    expect(s.text.endsWith('\r\x1b[2K')).toBe(true);
    const before = s.text;
    progress.done();
    vi.advanceTimersByTime(1000);
    expect(s.text).toBe(before);
  });

  it('writes nothing for quick work, off a terminal, in CI, or when disabled', () => {
    vi.useFakeTimers();
    const cases: [OutputStream & { text: string }, Record<string, string>, boolean][] = [
      [stream(true), {}, false],
      [stream(false), {}, false],
      [stream(true), { CI: 'true' }, false],
      [stream(true), {}, true],
    ];
    for (const [i, [s, env, disabled]] of cases.entries()) {
      const progress = startProgress('working…', { stream: s, env, disabled });
      if (i > 0) vi.advanceTimersByTime(1000);
      progress.done();
      vi.advanceTimersByTime(1000);
      expect(s.text, `case ${i}`).toBe('');
    }
    expect(progressAllowed(stream(true), { CI: '0' })).toBe(true);
    expect(progressAllowed(stream(true), { CI: '1' })).toBe(false);
  });
});
