import type {
  ComponentType, DefinedType, Extern, FuncType, InstanceType, ResourceAlias, ResourceType, TypeRef, ValueType,
} from './model.js';
import { isResource, newResource } from './model.js';

/**
 * Renamings of type identities, which instantiation makes when a component's type imports are given arguments
 * (wasmparser's "type renamings"): only WIT naming metadata depends on them (see `ResourceAlias` in model.ts).
 */
export interface Renames {
  /** A defined type (the identity an `eq` type import made) replaced by the argument's. */
  types?: Map<DefinedType, ValueType>;
  /**
   * A resource identity replaced by the argument's alias: keyed by the old alias, or by the old resource itself for
   * its own identity. (The resource itself is replaced through the resource map.)
   */
  aliases?: Map<ResourceAlias | ResourceType, ResourceAlias | undefined>;
}

/**
 * Replaces resources in a type, keeping identity: a part that mentions none of the replaced resources is returned
 * as is, and a part reached twice is replaced once (memo), so names and sharing survive. Optional fields (WIT
 * naming metadata) are carried over.
 */
export class Substitution {
  private readonly memo = new Map<object, unknown>();
  private readonly empty: boolean;

  constructor(
    private readonly map: Map<ResourceType, ResourceType>,
    private readonly renames: Renames = {},
  ) {
    this.empty = map.size === 0 && !renames.types?.size && !renames.aliases?.size;
  }

  resource(r: ResourceType): ResourceType {
    return this.map.get(r) ?? r;
  }

  /** The alias through which the replacement of `r` is reached, for a reference to `r` through `alias`. */
  resourceAlias(r: ResourceType, alias: ResourceAlias | undefined): ResourceAlias | undefined {
    const key = alias ?? r;
    return this.renames.aliases?.has(key) ? this.renames.aliases.get(key) : alias;
  }

  private ref(r: TypeRef): TypeRef {
    if (isResource(r.type)) return { type: this.resource(r.type), alias: this.resourceAlias(r.type, r.alias) };
    return { type: this.value(r.type) };
  }

  value(t: ValueType): ValueType {
    if (typeof t === 'string') return t;
    if (this.empty) return t;
    const renamed = this.renames.types?.get(t);
    if (renamed !== undefined) return renamed;
    const seen = this.memo.get(t);
    if (seen) return seen as ValueType;
    let out = this.valueUncached(t);
    // A type name's copy is still a copy of what it names, read the same way: a `use`d type keeps naming the other
    // interface's (replaced or renamed) export, so the link between them survives.
    if (typeof out !== 'string' && t.aliasOf !== undefined) {
      const of = this.value(t.aliasOf);
      if (typeof of !== 'string' && of !== t.aliasOf) {
        if (out === t) out = { ...t };
        out.aliasOf = of;
      }
    }
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
        return fields.every((f, i) => f.type === t.fields[i]!.type) ? t : { ...t, fields };
      }
      case 'variant': {
        const cases = t.cases.map((c) => ({ name: c.name, type: this.opt(c.type) }));
        return cases.every((c, i) => c.type === t.cases[i]!.type) ? t : { ...t, cases };
      }
      case 'list': {
        const element = this.value(t.element);
        return element === t.element ? t : { ...t, element };
      }
      case 'tuple': {
        const types = t.types.map((x) => this.value(x));
        return types.every((x, i) => x === t.types[i]) ? t : { ...t, types };
      }
      case 'option': {
        const type = this.value(t.type);
        return type === t.type ? t : { ...t, type };
      }
      case 'result': {
        const ok = this.opt(t.ok);
        const err = this.opt(t.err);
        return ok === t.ok && err === t.err ? t : { ...t, ok, err };
      }
      case 'own':
      case 'borrow': {
        const resource = this.resource(t.resource);
        const alias = this.resourceAlias(t.resource, t.alias);
        return resource === t.resource && alias === t.alias ? t : { ...t, resource, alias };
      }
      case 'stream':
      case 'future': {
        const element = this.opt(t.element);
        return element === t.element ? t : { ...t, element };
      }
      case 'map': {
        const key = this.value(t.key);
        const value = this.value(t.value);
        return key === t.key && value === t.value ? t : { ...t, key, value };
      }
    }
  }

  func(f: FuncType): FuncType {
    if (this.empty) return f;
    const seen = this.memo.get(f);
    if (seen) return seen as FuncType;
    const params = f.params.map((p) => ({ name: p.name, type: this.value(p.type) }));
    const result = this.opt(f.result);
    const out: FuncType =
      result === f.result && params.every((p, i) => p.type === f.params[i]!.type)
        ? f
        : { ...f, params, result };
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
      case 'type': {
        const eq = e.eq === undefined ? undefined : this.ref(e.eq);
        if (isResource(e.type)) {
          return { ...e, type: this.resource(e.type), alias: this.resourceAlias(e.type, e.alias), eq };
        }
        switch (typeof e.type === 'string' ? undefined : e.type.kind) {
          case 'func':
            return { ...e, type: this.func(e.type as FuncType) };
          case 'instance':
            return { ...e, type: this.instance(e.type as InstanceType) };
          case 'component':
            return { ...e, type: this.component(e.type as ComponentType) };
          default:
            return { ...e, type: this.value(e.type as ValueType), eq };
        }
      }
      case 'value':
        return { kind: 'value', type: this.value(e.type) };
    }
  }

  private externs(m: Map<string, Extern>): Map<string, Extern> {
    return new Map([...m].map(([name, e]) => [name, this.extern(e)]));
  }

  instance(t: InstanceType): InstanceType {
    if (this.empty) return t;
    const seen = this.memo.get(t);
    if (seen) return seen as InstanceType;
    const out: InstanceType = {
      ...t,
      exports: this.externs(t.exports),
      declared: t.declared.map((r) => this.resource(r)),
    };
    this.memo.set(t, out);
    return out;
  }

  component(t: ComponentType): ComponentType {
    if (this.empty) return t;
    const seen = this.memo.get(t);
    if (seen) return seen as ComponentType;
    const out: ComponentType = {
      ...t,
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
