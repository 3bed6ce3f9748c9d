/**
 * A canonical form of printed WIT for comparing worlds whose items may come in another order: the text is split
 * into items (a statement ending in `;`, or a `{ … }` block with its head), and the items of every block are sorted,
 * recursively. Order inside an item is kept, so record fields, variant cases, enum and flags names and function
 * parameters (comma-separated, never split) still count; only the order of a world's imports and exports, of a
 * package's interfaces and of an interface's (or resource's) items does not, as the component model does not give
 * them meaning (the order *validity* needs, e.g. a `use`d interface first, is checked by jco on the binary).
 * Comments are dropped and whitespace normalized first (see normalizeWit).
 */
import { normalizeWit } from './wit.js';

export interface WitItem {
  /** The statement, or the head of a block (`interface types`, `world root`, `package a:b@1.0.0`). */
  head: string;
  /** A block's items, canonically sorted; undefined for a statement. */
  items?: WitItem[];
}

/** Parses normalized WIT text into items (blocks and `;` statements), sorting each block's items. */
export function witTree(text: string): WitItem[] {
  const src = normalizeWit(text);
  let at = 0;
  const parseItems = (): WitItem[] => {
    const items: WitItem[] = [];
    let head = '';
    while (at < src.length) {
      const ch = src[at]!;
      at += 1;
      if (ch === ';') {
        items.push({ head: head.trim() });
        head = '';
      } else if (ch === '{') {
        // A brace inside a statement-like item (`record r{a:u32,}`, `resource r{…}`, `interface{…}`) is a block too.
        const inner = parseItems();
        items.push({ head: head.trim(), items: inner });
        head = '';
        // `import x: interface { … }` has no `;` after its block in WIT; a stray `;` after it is harmless.
        if (src[at] === ';') at += 1;
      } else if (ch === '}') {
        break;
      } else {
        head += ch;
      }
    }
    if (head.trim() !== '') items.push({ head: head.trim() });
    return sortItems(items);
  };
  return parseItems();
}

function sortItems(items: WitItem[]): WitItem[] {
  return items.map((i) => ({ ...i, key: render(i) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ key: _key, ...i }) => i);
}

/** Renders items back to text, one per line, indented: a readable canonical form (what tests compare). */
export function renderWitTree(items: WitItem[], depth = 0): string {
  return items.map((i) => render(i, depth)).join('\n');
}

function render(item: WitItem, depth = 0): string {
  const pad = '  '.repeat(depth);
  if (item.items === undefined) return `${pad}${item.head};`;
  if (item.items.length === 0) return `${pad}${item.head} {}`;
  return `${pad}${item.head} {\n${renderWitTree(item.items, depth + 1)}\n${pad}}`;
}

/** The canonical text of a WIT document (see witTree). */
export function canonicalWit(text: string): string {
  return renderWitTree(witTree(text));
}

/**
 * The root part of a WIT document that also holds dependency packages (as the `--wit` artifact writes it):
 * `package root:component;` and its world, without the nested `package x:y { … }` blocks that follow.
 */
export function rootWit(text: string): string {
  const tree = witTree(text);
  return renderWitTree(tree.filter((i) => !(i.items !== undefined && i.head.startsWith('package '))));
}
