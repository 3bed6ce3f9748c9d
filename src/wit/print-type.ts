import type { FuncType, ResourceType, ValueType } from '../types/model.js';

/** WIT keywords, which must be written with a leading `%` when used as identifiers. */
const keywords = new Set([
  'as', 'async', 'bool', 'borrow', 'char', 'constructor', 'enum', 'export', 'f32', 'f64', 'flags', 'from', 'func',
  'future', 'import', 'include', 'interface', 'list', 'option', 'own', 'package', 'record', 'resource', 'result', 's16',
  's32', 's64', 's8', 'static', 'stream', 'string', 'tuple', 'type', 'u16', 'u32', 'u64', 'u8', 'use', 'variant',
  'with', 'world', 'error-context', 'map', 'float32', 'float64', 'include', 'interface', 'type', 'with',
]);

export function witIdent(name: string): string {
  return keywords.has(name) ? `%${name}` : name;
}

/**
 * How a printer names types: returns the WIT name for a defined type or resource that has one in scope (possibly
 * qualified), or undefined to print the type's structure inline.
 */
export type TypeNamer = (t: Exclude<ValueType, string> | ResourceType) => string | undefined;

const noNames: TypeNamer = () => undefined;

/** A value type as WIT would write it where it is used (a parameter, a field). */
export function witType(t: ValueType, nameOf: TypeNamer = noNames): string {
  if (typeof t === 'string') return t;
  const named = nameOf(t);
  if (named !== undefined) return named;
  const ty = (x: ValueType): string => witType(x, nameOf);
  const resource = (r: ResourceType): string => nameOf(r) ?? r.name;
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
      return resource(t.resource);
    case 'borrow':
      return `borrow<${resource(t.resource)}>`;
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
