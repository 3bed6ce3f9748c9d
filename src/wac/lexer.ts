import { WacError } from './error.js';

/**
 * The WAC lexer: turns a document into tokens, each with its position (offset, 1-based line and column). WAC is WIT
 * plus composition statements, so identifiers are WIT's kebab-case words (with `%` to escape a keyword); a version
 * follows `@` and is lexed with it, as semver text, because WAC has no numbers anywhere else.
 */

export interface Position {
  offset: number;
  line: number;
  column: number;
}

export interface Span extends Position {
  length: number;
}

export type TokenKind = 'id' | 'keyword' | 'string' | 'version' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The identifier (without `%`), keyword, string contents, version, or punctuation. */
  text: string;
  span: Span;
}

export const keywords = new Set([
  'package', 'targets', 'import', 'as', 'interface', 'world', 'include', 'with', 'use', 'resource', 'constructor',
  'static', 'record', 'variant', 'flags', 'enum', 'type', 'func', 'let', 'new', 'export',
  'u8', 's8', 'u16', 's16', 'u32', 's32', 'u64', 's64', 'f32', 'f64', 'float32', 'float64', 'char', 'bool', 'string',
  'tuple', 'list', 'option', 'result', 'borrow', 'own', 'stream', 'future',
]);

const singlePuncts = new Set(['{', '}', '(', ')', '[', ']', '<', '>', ',', ';', ':', '.', '=', '/', '_', '*']);

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isWordChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 45;
}

/** A WIT identifier: kebab-case words, each all lowercase or all uppercase, starting with a letter. */
const wordPattern = /^(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)(?:-(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*))*$/;

export function isValidId(text: string): boolean {
  return wordPattern.test(text);
}

export function tokenize(source: string, file: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (offset: number): Position => ({ offset, line, column: offset - lineStart + 1 });
  // Explicit literals, one shape: spreading the start position made the lexer allocation-bound.
  const span = (start: Position, end: number): Span => ({ offset: start.offset, line: start.line, column: start.column, length: end - start.offset });
  const fail = (at: Position, message: string, length = 1): never => {
    throw new WacError('WC6001', message, { file, source, span: { offset: at.offset, line: at.line, column: at.column, length } });
  };
  const newline = (at: number): void => {
    line++;
    lineStart = at + 1;
  };

  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      newline(i);
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      // Block comments nest.
      const start = pos(i);
      let depth = 0;
      do {
        if (i >= source.length) fail(start, 'unterminated block comment', 2);
        if (source[i] === '/' && source[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (source[i] === '*' && source[i + 1] === '/') {
          depth--;
          i += 2;
        } else {
          if (source[i] === '\n') newline(i);
          i++;
        }
      } while (depth > 0);
      continue;
    }
    const start = pos(i);
    if (c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"' && source[j] !== '\n') j++;
      if (source[j] !== '"') fail(start, 'unterminated string', j - i);
      tokens.push({ kind: 'string', text: source.slice(i + 1, j), span: span(start, j + 1) });
      i = j + 1;
      continue;
    }
    if (c === '@') {
      let j = i + 1;
      while (j < source.length && (isWordChar(source.charCodeAt(j)) || source[j] === '.' || source[j] === '+')) j++;
      const text = source.slice(i + 1, j);
      if (!isSemver(text)) fail(start, `\`${text}\` is not a valid semantic version`, Math.max(1, j - i));
      tokens.push({ kind: 'version', text, span: span(start, j) });
      i = j;
      continue;
    }
    if (c === '%' || isLetter(source.charCodeAt(i))) {
      let j = c === '%' ? i + 1 : i;
      while (j < source.length && isWordChar(source.charCodeAt(j))) j++;
      const raw = source.slice(c === '%' ? i + 1 : i, j);
      if (!isValidId(raw)) fail(start, `\`${raw}\` is not a valid identifier (kebab-case words, e.g. \`my-name\`)`, j - i);
      const keyword = c !== '%' && keywords.has(raw);
      tokens.push({ kind: keyword ? 'keyword' : 'id', text: raw, span: span(start, j) });
      i = j;
      continue;
    }
    const p = c === '.' && source.startsWith('...', i) ? '...' : c === '-' && source[i + 1] === '>' ? '->' : singlePuncts.has(c) ? c : undefined;
    if (p === undefined) fail(start, `unexpected character \`${c}\``);
    tokens.push({ kind: 'punct', text: p!, span: span(start, i + p!.length) });
    i += p!.length;
  }
  tokens.push({ kind: 'eof', text: '', span: span(pos(i), i) });
  return tokens;
}

/** Semantic versioning 2.0.0: MAJOR.MINOR.PATCH, optional pre-release and build metadata. */
export function isSemver(text: string): boolean {
  return /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/.test(text);
}
