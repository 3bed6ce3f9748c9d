/**
 * Normalize WIT text so two documents can be compared "up to whitespace and
 * comments": removes `//` line comments (including `///` doc comments) and
 * nested `/* ... *\/` block comments, collapses whitespace runs to a single
 * space, and drops whitespace next to punctuation (`{ } ( ) < > , ; : = . / @`
 * and `->`), so `record  foo {a:u32}` and `record foo { a: u32 }` normalize
 * identically. Everything else (item order, trailing commas, `%` escapes) is
 * significant.
 */
export function normalizeWit(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
      out += ' ';
      continue;
    }
    if (ch === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < text.length && depth > 0) {
        if (text[i] === '/' && text[i + 1] === '*') {
          depth += 1;
          i += 2;
        } else if (text[i] === '*' && text[i + 1] === '/') {
          depth -= 1;
          i += 2;
        } else {
          i += 1;
        }
      }
      out += ' ';
      continue;
    }
    out += ch;
    i += 1;
  }
  return out
    .replace(/\s+/g, ' ')
    .replace(/\s*(->|[{}()<>,;:=./@])\s*/g, '$1')
    .trim();
}
