import type * as bin from '../binary/ast.js';
import type { Extern, FuncType, InstanceType, ResourceType, ValueType } from '../types/model.js';
import { isResource } from '../types/model.js';

/**
 * Re-encodes model types as binary type definitions. A scope is a type index space: the composed component's own,
 * or an instance type being declared. Each scope remembers which model objects it already has an index for, so a
 * type is defined once and shared, and a resource is referred to, never redefined: inside an instance type, a
 * resource the instance does not declare itself is reached through an outer alias to the component's index for it
 * (that is how `use` between imported interfaces is encoded).
 */
export abstract class TypeScope {
  protected readonly indices = new Map<object, number>();
  protected typeCount = 0;

  constructor(readonly parent: TypeScope | undefined) {}

  /** Appends a type definition and returns its index. */
  protected abstract addType(t: bin.TypeDef): number;
  /** Appends an outer alias of a type and returns its index. */
  protected abstract addOuterAlias(count: number, index: number): number;

  /** The index of a model object in this scope, if it has one. */
  lookup(t: object): number | undefined {
    return this.indices.get(t);
  }

  /**
   * An index for `t` in an enclosing scope, made available here. Component scopes override this to create aliases
   * of the imported instances' exports on demand.
   */
  protected provide(t: object): number | undefined {
    const own = this.indices.get(t);
    if (own !== undefined) return own;
    let depth = 0;
    for (let scope = this.parent; scope; scope = scope.parent) {
      depth++;
      const index = scope.provideHere(t);
      if (index !== undefined) {
        const local = this.addOuterAlias(depth, index);
        this.indices.set(t, local);
        return local;
      }
    }
    return undefined;
  }

  /** Gives an index for `t` in this very scope if it has or can make one without defining it. */
  protected provideHere(t: object): number | undefined {
    return this.indices.get(t);
  }

  resource(r: ResourceType): number {
    const index = this.provide(r);
    if (index === undefined) {
      throw new Error(`resource "${r.name}" is used by a type but no import or export in scope declares it`);
    }
    return index;
  }

  valType(t: ValueType): bin.ValType {
    if (typeof t === 'string') return t;
    return this.defined(t);
  }

  private opt(t: ValueType | undefined): bin.ValType | undefined {
    return t === undefined ? undefined : this.valType(t);
  }

  /** The index of a defined value type, defining it (and what it uses) if this scope cannot reach one. */
  defined(t: Exclude<ValueType, string>): number {
    const known = this.provide(t);
    if (known !== undefined) return known;
    // The copy a type name makes (model.ts `aliasOf`) is the same type: refer to the original where it has an index
    // (e.g. an imported interface's `use` of another's record stays an alias instead of a second definition).
    const original = t.aliasOf === undefined ? undefined : this.provide(t.aliasOf);
    if (original !== undefined) return original;
    const def = this.defValType(t);
    const index = this.addType(def);
    this.indices.set(t, index);
    return index;
  }

  private defValType(t: Exclude<ValueType, string>): bin.DefValType {
    switch (t.kind) {
      case 'alias':
        return { kind: 'prim', type: t.type };
      case 'record':
        return { kind: 'record', fields: t.fields.map((f) => ({ name: f.name, type: this.valType(f.type) })) };
      case 'variant':
        return { kind: 'variant', cases: t.cases.map((c) => ({ name: c.name, type: this.opt(c.type) })) };
      case 'list':
        return t.length === undefined
          ? { kind: 'list', element: this.valType(t.element) }
          : { kind: 'fixed-list', element: this.valType(t.element), length: t.length };
      case 'tuple':
        return { kind: 'tuple', types: t.types.map((x) => this.valType(x)) };
      case 'flags':
        return { kind: 'flags', names: t.names };
      case 'enum':
        return { kind: 'enum', names: t.names };
      case 'option':
        return { kind: 'option', type: this.valType(t.type) };
      case 'result':
        return { kind: 'result', ok: this.opt(t.ok), err: this.opt(t.err) };
      case 'own':
        return { kind: 'own', type: this.resource(t.resource) };
      case 'borrow':
        return { kind: 'borrow', type: this.resource(t.resource) };
      case 'stream':
        return { kind: 'stream', element: this.opt(t.element) };
      case 'future':
        return { kind: 'future', element: this.opt(t.element) };
      case 'map':
        return { kind: 'map', key: this.valType(t.key), value: this.valType(t.value) };
    }
  }

  funcType(f: FuncType): number {
    const known = this.indices.get(f);
    if (known !== undefined) return known;
    const def: bin.FuncType = {
      kind: 'func',
      async: f.async,
      params: f.params.map((p) => ({ name: p.name, type: this.valType(p.type) })),
      result: this.opt(f.result),
    };
    const index = this.addType(def);
    this.indices.set(f, index);
    return index;
  }

  instanceType(t: InstanceType): number {
    const known = this.indices.get(t);
    if (known !== undefined) return known;
    const inner = new InstanceTypeScope(this);
    inner.declareAll(t);
    const index = this.addType({ kind: 'instance', decls: inner.decls });
    this.indices.set(t, index);
    return index;
  }

  /** The extern type of an import or export, defining the types it needs. */
  externType(e: Extern): bin.ExternType {
    switch (e.kind) {
      case 'func':
        return { kind: 'func', type: this.funcType(e.type) };
      case 'instance':
        return { kind: 'instance', type: this.instanceType(e.type) };
      case 'type':
        if (isResource(e.type)) return { kind: 'type', bound: { kind: 'sub-resource' } };
        return { kind: 'type', bound: { kind: 'eq', type: this.valTypeIndex(e.type) } };
      case 'value':
        return { kind: 'value', bound: { kind: 'type', type: this.valType(e.type) } };
      case 'component':
      case 'module':
        throw new Error(`re-encoding ${e.kind} types is not supported`);
    }
  }

  private valTypeIndex(t: ValueType): number {
    if (typeof t === 'string') return this.addType({ kind: 'prim', type: t });
    return this.defined(t);
  }

  /**
   * Accounts for the type index an import or export of a type introduces. Later uses of the type refer to that
   * index (as wit-component does), which keeps the names a printer recovers from the binary.
   */
  protected bindExported(e: Extern): void {
    if (e.kind !== 'type') return;
    const index = this.typeCount++;
    if (typeof e.type !== 'string') this.indices.set(e.type, index);
  }
}

/** The type index space inside `(type (instance …))`. */
export class InstanceTypeScope extends TypeScope {
  readonly decls: bin.InstanceDecl[] = [];

  protected addType(t: bin.TypeDef): number {
    this.decls.push({ kind: 'type', type: t });
    return this.typeCount++;
  }

  protected addOuterAlias(count: number, index: number): number {
    this.decls.push({ kind: 'alias', alias: { kind: 'outer', sort: 'type', count, index } });
    return this.typeCount++;
  }

  declareAll(t: InstanceType): void {
    const declares = new Set(t.declared);
    for (const [name, e] of t.exports) {
      const type = this.exportType(e, declares);
      this.decls.push({ kind: 'export', name: { name, form: 0 }, type });
      this.bindExported(e);
    }
  }

  private exportType(e: Extern, declares: ReadonlySet<ResourceType>): bin.ExternType {
    if (e.kind === 'type' && isResource(e.type) && !declares.has(e.type)) {
      // A resource from elsewhere (a `use`): re-exported as equal to the outer one.
      return { kind: 'type', bound: { kind: 'eq', type: this.resource(e.type) } };
    }
    return this.externType(e);
  }
}
