import type { ComponentType, Extern, FuncType, InstanceType, ResourceType, ValueType } from './model.js';
import { newResource } from './model.js';

/**
 * Replaces resources in a type, keeping identity: a part that mentions none of the replaced resources is returned
 * as is, and a part reached twice is replaced once (memo), so names and sharing survive.
 */
export class Substitution {
  private readonly memo = new Map<object, unknown>();

  constructor(private readonly map: Map<ResourceType, ResourceType>) {}

  resource(r: ResourceType): ResourceType {
    return this.map.get(r) ?? r;
  }

  value(t: ValueType): ValueType {
    if (typeof t === 'string') return t;
    if (this.map.size === 0) return t;
    const seen = this.memo.get(t);
    if (seen) return seen as ValueType;
    const out = this.valueUncached(t);
    this.memo.set(t, out);
    return out;
  }

  private opt(t: ValueType | undefined): ValueType | undefined {
    return t === undefined ? undefined : this.value(t);
  }

  private valueUncached(t: Exclude<ValueType, string>): ValueType {
    switch (t.kind) {
      case 'alias':
      case 'flags':
      case 'enum':
        return t;
      case 'record': {
        const fields = t.fields.map((f) => ({ name: f.name, type: this.value(f.type) }));
        return fields.every((f, i) => f.type === t.fields[i]!.type) ? t : { kind: 'record', fields };
      }
      case 'variant': {
        const cases = t.cases.map((c) => ({ name: c.name, type: this.opt(c.type) }));
        return cases.every((c, i) => c.type === t.cases[i]!.type) ? t : { kind: 'variant', cases };
      }
      case 'list': {
        const element = this.value(t.element);
        return element === t.element ? t : { kind: 'list', element, length: t.length };
      }
      case 'tuple': {
        const types = t.types.map((x) => this.value(x));
        return types.every((x, i) => x === t.types[i]) ? t : { kind: 'tuple', types };
      }
      case 'option': {
        const type = this.value(t.type);
        return type === t.type ? t : { kind: 'option', type };
      }
      case 'result': {
        const ok = this.opt(t.ok);
        const err = this.opt(t.err);
        return ok === t.ok && err === t.err ? t : { kind: 'result', ok, err };
      }
      case 'own':
      case 'borrow': {
        const resource = this.resource(t.resource);
        return resource === t.resource ? t : { kind: t.kind, resource };
      }
      case 'stream':
      case 'future': {
        const element = this.opt(t.element);
        return element === t.element ? t : { kind: t.kind, element };
      }
      case 'map': {
        const key = this.value(t.key);
        const value = this.value(t.value);
        return key === t.key && value === t.value ? t : { kind: 'map', key, value };
      }
    }
  }

  func(f: FuncType): FuncType {
    if (this.map.size === 0) return f;
    const seen = this.memo.get(f);
    if (seen) return seen as FuncType;
    const params = f.params.map((p) => ({ name: p.name, type: this.value(p.type) }));
    const result = this.opt(f.result);
    const out: FuncType =
      result === f.result && params.every((p, i) => p.type === f.params[i]!.type)
        ? f
        : { kind: 'func', async: f.async, params, result };
    this.memo.set(f, out);
    return out;
  }

  extern(e: Extern): Extern {
    switch (e.kind) {
      case 'func':
        return { kind: 'func', type: this.func(e.type) };
      case 'instance':
        return { kind: 'instance', type: this.instance(e.type) };
      case 'component':
        return { kind: 'component', type: this.component(e.type) };
      case 'module':
        return e;
      case 'type':
        return { kind: 'type', type: typeof e.type !== 'string' && e.type.kind === 'resource' ? this.resource(e.type) : this.value(e.type) };
      case 'value':
        return { kind: 'value', type: this.value(e.type) };
    }
  }

  private externs(m: Map<string, Extern>): Map<string, Extern> {
    return new Map([...m].map(([name, e]) => [name, this.extern(e)]));
  }

  instance(t: InstanceType): InstanceType {
    if (this.map.size === 0) return t;
    const seen = this.memo.get(t);
    if (seen) return seen as InstanceType;
    const out: InstanceType = {
      kind: 'instance',
      exports: this.externs(t.exports),
      declared: t.declared.map((r) => this.resource(r)),
    };
    this.memo.set(t, out);
    return out;
  }

  component(t: ComponentType): ComponentType {
    if (this.map.size === 0) return t;
    const seen = this.memo.get(t);
    if (seen) return seen as ComponentType;
    const out: ComponentType = {
      kind: 'component',
      imports: this.externs(t.imports),
      exports: this.externs(t.exports),
      declared: t.declared.map((r) => this.resource(r)),
    };
    this.memo.set(t, out);
    return out;
  }
}

/** A copy of an instance type whose declared resources are new ones: what importing or exporting it creates. */
export function freshInstance(t: InstanceType): InstanceType {
  if (t.declared.length === 0) return t;
  const map = new Map(t.declared.map((r) => [r, newResource(r.name)]));
  return new Substitution(map).instance(t);
}

export function freshComponent(t: ComponentType): ComponentType {
  if (t.declared.length === 0) return t;
  const map = new Map(t.declared.map((r) => [r, newResource(r.name, r.local)]));
  return new Substitution(map).component(t);
}
