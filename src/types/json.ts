import type { ComponentType, Extern, FuncType, InstanceType, ResourceType, ValueType } from './model.js';

/** Plain-data forms of model types, for `--json` output: stable, acyclic, with resources named by id. */
export type JsonValueType =
  | string
  | { kind: string; [key: string]: unknown };

export interface JsonExtern {
  name: string;
  kind: Extern['kind'];
  type: unknown;
}

export interface JsonComponentType {
  imports: JsonExtern[];
  exports: JsonExtern[];
}

/** Resources are numbered in order of first appearance in each document, so output does not depend on history. */
let resourceNumbers = new Map<ResourceType, number>();

function resourceJson(r: ResourceType): { kind: 'resource'; id: number; name: string } {
  let id = resourceNumbers.get(r);
  if (id === undefined) {
    id = resourceNumbers.size + 1;
    resourceNumbers.set(r, id);
  }
  return { kind: 'resource', id, name: r.name };
}

export function valueTypeJson(t: ValueType): JsonValueType {
  if (typeof t === 'string') return t;
  const opt = (x: ValueType | undefined): JsonValueType | null => (x === undefined ? null : valueTypeJson(x));
  switch (t.kind) {
    case 'alias':
      return { kind: 'alias', type: t.type };
    case 'record':
      return { kind: 'record', fields: t.fields.map((f) => ({ name: f.name, type: valueTypeJson(f.type) })) };
    case 'variant':
      return { kind: 'variant', cases: t.cases.map((c) => ({ name: c.name, type: opt(c.type) })) };
    case 'list':
      return t.length === undefined
        ? { kind: 'list', element: valueTypeJson(t.element) }
        : { kind: 'list', element: valueTypeJson(t.element), length: t.length };
    case 'tuple':
      return { kind: 'tuple', types: t.types.map(valueTypeJson) };
    case 'flags':
    case 'enum':
      return { kind: t.kind, names: t.names };
    case 'option':
      return { kind: 'option', type: valueTypeJson(t.type) };
    case 'result':
      return { kind: 'result', ok: opt(t.ok), err: opt(t.err) };
    case 'own':
    case 'borrow':
      return { kind: t.kind, resource: resourceJson(t.resource) };
    case 'stream':
    case 'future':
      return { kind: t.kind, element: opt(t.element) };
    case 'map':
      return { kind: 'map', key: valueTypeJson(t.key), value: valueTypeJson(t.value) };
  }
}

export function funcTypeJson(f: FuncType): unknown {
  return {
    async: f.async,
    params: f.params.map((p) => ({ name: p.name, type: valueTypeJson(p.type) })),
    result: f.result === undefined ? null : valueTypeJson(f.result),
  };
}

function instanceJson(t: InstanceType): unknown {
  return { exports: externsJson(t.exports) };
}

function externJson(name: string, e: Extern): JsonExtern {
  switch (e.kind) {
    case 'func':
      return { name, kind: e.kind, type: funcTypeJson(e.type) };
    case 'instance':
      return { name, kind: e.kind, type: instanceJson(e.type) };
    case 'component':
      return { name, kind: e.kind, type: componentTypeJson(e.type) };
    case 'module':
      return { name, kind: e.kind, type: null };
    case 'type':
      return {
        name,
        kind: e.kind,
        type: typeof e.type !== 'string' && e.type.kind === 'resource' ? resourceJson(e.type) : valueTypeJson(e.type),
      };
    case 'value':
      return { name, kind: e.kind, type: valueTypeJson(e.type) };
  }
}

function externsJson(m: Map<string, Extern>): JsonExtern[] {
  return [...m].map(([name, e]) => externJson(name, e));
}

export function componentTypeJson(t: ComponentType): JsonComponentType {
  resourceNumbers = new Map();
  return { imports: externsJson(t.imports), exports: externsJson(t.exports) };
}
