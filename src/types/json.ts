import type { ComponentType, Extern, FuncType, InstanceType, ResourceType, ValueType } from './model.js';
import { asExtern, isNamedNonValueType } from './model.js';

/** Plain-data forms of model types, for `--json` output: stable, acyclic, with resources named by number. */
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

/** A component type's imports and exports as plain data. */
export function componentTypeJson(t: ComponentType): JsonComponentType {
  return new JsonDocument().component(t);
}

/**
 * One JSON document. Resources are numbered in order of first appearance in it, so that two uses of one resource
 * show the same number and the output does not depend on what was decoded before.
 */
class JsonDocument {
  private readonly resourceNumbers = new Map<ResourceType, number>();

  private resource(r: ResourceType): { kind: 'resource'; id: number; name: string } {
    let id = this.resourceNumbers.get(r);
    if (id === undefined) {
      id = this.resourceNumbers.size + 1;
      this.resourceNumbers.set(r, id);
    }
    return { kind: 'resource', id, name: r.name };
  }

  value(t: ValueType): JsonValueType {
    if (typeof t === 'string') return t;
    const v = (x: ValueType): JsonValueType => this.value(x);
    const opt = (x: ValueType | undefined): JsonValueType | null => (x === undefined ? null : v(x));
    switch (t.kind) {
      case 'alias':
        return { kind: 'alias', type: t.type };
      case 'record':
        return { kind: 'record', fields: t.fields.map((f) => ({ name: f.name, type: v(f.type) })) };
      case 'variant':
        return { kind: 'variant', cases: t.cases.map((c) => ({ name: c.name, type: opt(c.type) })) };
      case 'list':
        return t.length === undefined ? { kind: 'list', element: v(t.element) } : { kind: 'list', element: v(t.element), length: t.length };
      case 'tuple':
        return { kind: 'tuple', types: t.types.map(v) };
      case 'flags':
      case 'enum':
        return { kind: t.kind, names: t.names };
      case 'option':
        return { kind: 'option', type: v(t.type) };
      case 'result':
        return { kind: 'result', ok: opt(t.ok), err: opt(t.err) };
      case 'own':
      case 'borrow':
        return { kind: t.kind, resource: this.resource(t.resource) };
      case 'stream':
      case 'future':
        return { kind: t.kind, element: opt(t.element) };
      case 'map':
        return { kind: 'map', key: v(t.key), value: v(t.value) };
    }
  }

  private func(f: FuncType): unknown {
    return {
      async: f.async,
      params: f.params.map((p) => ({ name: p.name, type: this.value(p.type) })),
      result: f.result === undefined ? null : this.value(f.result),
    };
  }

  private instance(t: InstanceType): unknown {
    return { exports: this.externs(t.exports) };
  }

  private extern(name: string, e: Extern): JsonExtern {
    switch (e.kind) {
      case 'func':
        return { name, kind: e.kind, type: this.func(e.type) };
      case 'instance':
        return { name, kind: e.kind, type: this.instance(e.type) };
      case 'component':
        return { name, kind: e.kind, type: this.component(e.type) };
      case 'module':
        return { name, kind: e.kind, type: null };
      case 'type':
        if (isNamedNonValueType(e.type)) {
          // A function, instance or component type given a name: described as that kind's type.
          return { name, kind: e.kind, type: { kind: e.type.kind, type: this.extern(name, asExtern(e.type)).type } };
        }
        return {
          name,
          kind: e.kind,
          type: typeof e.type !== 'string' && e.type.kind === 'resource' ? this.resource(e.type) : this.value(e.type),
        };
      case 'value':
        return { name, kind: e.kind, type: this.value(e.type) };
    }
  }

  private externs(m: Map<string, Extern>): JsonExtern[] {
    return [...m].map(([name, e]) => this.extern(name, e));
  }

  component(t: ComponentType): JsonComponentType {
    return { imports: this.externs(t.imports), exports: this.externs(t.exports) };
  }
}
