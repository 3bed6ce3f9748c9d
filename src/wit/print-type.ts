import type { FuncType, ResourceAlias, ResourceType, ValueType } from '../types/model.js';

/**
 * WIT keywords, which must be written with a leading `%` when used as identifiers: exactly wit-parser's list (its
 * printer's `is_keyword`, which is what `wasm-tools component wit` escapes). `await`, `self`, `error` and the like are
 * not keywords.
 */
const keywords = new Set([
  'use', 'type', 'func', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'float32', 'float64',
  'char', 'resource', 'record', 'flags', 'variant', 'enum', 'bool', 'string', 'option', 'result', 'future', 'stream',
  'list', 'own', 'borrow', '_', 'as', 'from', 'static', 'interface', 'tuple', 'world', 'import', 'export', 'package',
  'with', 'include', 'constructor', 'error-context', 'async', 'map',
]);

export function witIdent(name: string): string {
  return keywords.has(name) ? `%${name}` : name;
}

/**
 * How a printer names types: returns the WIT name for a defined type or resource that has one in scope (possibly
 * qualified), or undefined to print the type's structure inline. For a resource reached through an own/borrow
 * handle, `alias` is the handle's `alias` (which name of the resource it was written with, see model.ts).
 */
export type TypeNamer = (t: Exclude<ValueType, string> | ResourceType, alias?: ResourceAlias) => string | undefined;

const noNames: TypeNamer = () => undefined;

/** A value type as WIT would write it where it is used (a parameter, a field). */
export function witType(t: ValueType, nameOf: TypeNamer = noNames): string {
  if (typeof t === 'string') return t;
  const named = nameOf(t);
  if (named !== undefined) return named;
  const ty = (x: ValueType): string => witType(x, nameOf);
  const resource = (r: ResourceType, alias: ResourceAlias | undefined): string => nameOf(r, alias) ?? r.name;
  switch (t.kind) {
    case 'alias':
      return t.type;
    case 'list':
      return t.length === undefined ? `list<${ty(t.element)}>` : `list<${ty(t.element)}, ${t.length}>`;
    case 'tuple':
      return `tuple<${t.types.map(ty).join(', ')}>`;
    case 'option':
      return `option<${ty(t.type)}>`;
    case 'result':
      if (t.ok === undefined && t.err === undefined) return 'result';
      if (t.err === undefined) return `result<${ty(t.ok!)}>`;
      return `result<${t.ok === undefined ? '_' : ty(t.ok)}, ${ty(t.err)}>`;
    case 'own':
      return resource(t.resource, t.alias);
    case 'borrow':
      return `borrow<${resource(t.resource, t.alias)}>`;
    case 'stream':
      return t.element === undefined ? 'stream' : `stream<${ty(t.element)}>`;
    case 'future':
      return t.element === undefined ? 'future' : `future<${ty(t.element)}>`;
    case 'map':
      return `map<${ty(t.key)}, ${ty(t.value)}>`;
    // Anonymous records, variants, enums and flags have no WIT syntax; print their structure for messages.
    case 'record':
      return `record { ${t.fields.map((f) => `${witIdent(f.name)}: ${ty(f.type)}`).join(', ')} }`;
    case 'variant':
      return `variant { ${t.cases.map((c) => (c.type === undefined ? witIdent(c.name) : `${witIdent(c.name)}(${ty(c.type)})`)).join(', ')} }`;
    case 'enum':
      return `enum { ${t.names.map(witIdent).join(', ')} }`;
    case 'flags':
      return `flags { ${t.names.map(witIdent).join(', ')} }`;
  }
}

/** A function type as WIT writes it after `name: `, e.g. `async func(a: u32) -> string`. */
export function witFuncType(f: FuncType, nameOf: TypeNamer = noNames): string {
  const params = f.params.map((p) => `${witIdent(p.name)}: ${witType(p.type, nameOf)}`).join(', ');
  const result = f.result === undefined ? '' : ` -> ${witType(f.result, nameOf)}`;
  return `${f.async ? 'async ' : ''}func(${params})${result}`;
}
