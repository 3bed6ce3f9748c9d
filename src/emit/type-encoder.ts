import type * as bin from '../binary/ast.js';
import { WcomposeError } from '../diagnostics/error.js';
import type {
  ComponentType, Extern, FuncType, InstanceType, NamedNonValueType, ResourceAlias, ResourceType, TypeExtern, ValueType,
} from '../types/model.js';
import { isNamedNonValueType, isResource, nameIdentity, typeBinding } from '../types/model.js';

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

  /**
   * A component type's scope is closed: what it uses is its own (its imports and exports declare every resource), and
   * an outer alias may not reach past it (wasmparser refuses outer aliases of resources across a component boundary).
   */
  protected get closed(): boolean {
    return false;
  }

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
      if (scope.closed) break;
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

  /**
   * The index of a resource reached through a name of it (`alias`, see `ResourceAlias`): that name's index where one
   * is in scope (so `own<headers>` stays a handle of `headers`, not of `fields`), else the nearest name it was made
   * from, else the resource's own.
   */
  resourceRef(r: ResourceType, alias: ResourceAlias | undefined): number {
    for (let a = alias; a !== undefined; a = a.of) {
      const index = this.provide(a);
      if (index !== undefined) return index;
    }
    return this.resource(r);
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
    // The copy a type name makes (model.ts `aliasOf`) is the same type: refer to the nearest name it was made from
    // that has an index (e.g. an imported interface's `use` of another's record stays an alias of that interface's
    // export instead of a second definition). The chain is as long as the `use`s are deep, and acyclic.
    for (let of = t.aliasOf; of !== undefined; of = of.aliasOf) {
      const original = this.provide(of);
      if (original !== undefined) return original;
    }
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
        return { kind: 'own', type: this.resourceRef(t.resource, t.alias) };
      case 'borrow':
        return { kind: 'borrow', type: this.resourceRef(t.resource, t.alias) };
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
    inner.declareAll(t, this.pendingDeclarations());
    const index = this.addType({ kind: 'instance', decls: inner.decls });
    this.indices.set(t, index);
    return index;
  }

  /**
   * Resources a component type declares that no import or export of it has declared yet (see ComponentTypeScope):
   * the first instance type to name one declares it. None outside a component type.
   */
  protected pendingDeclarations(): Set<ResourceType> | undefined {
    return undefined;
  }

  /** A component type (`(type (component (import …)* (export …)*))`), self-contained. */
  componentType(t: ComponentType): number {
    const known = this.indices.get(t);
    if (known !== undefined) return known;
    const inner = new ComponentTypeScope(this);
    inner.declareAll(t);
    const index = this.addType({ kind: 'component', decls: inner.decls });
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
        return this.typeExternType(e);
      case 'value':
        return { kind: 'value', bound: { kind: 'type', type: this.valType(e.type) } };
      case 'component':
        return { kind: 'component', type: this.componentType(e.type) };
      case 'module':
        throw new WcomposeError('WC2020', 'a core module import or export cannot be re-encoded in a type', {
          hint: 'a component that imports or exports a core module can be embedded, not imported (leave out --import-dependencies)',
        });
    }
  }

  /**
   * A type import or export as it binds its name (`typeBinding`): a resource's declaration is `(sub resource)`;
   * any other name is `(eq X)`, X the identity it names (another name of the resource, the export of the interface
   * a type is `use`d from, or the type's definition).
   */
  protected typeExternType(e: TypeExtern): bin.ExternType {
    if (isResource(e.type)) {
      if (typeBinding(e) === 'declares') return { kind: 'type', bound: { kind: 'sub-resource' } };
      const of = e.eq !== undefined && isResource(e.eq.type) ? e.eq : { type: e.type, alias: undefined };
      return { kind: 'type', bound: { kind: 'eq', type: this.resourceRef(of.type as ResourceType, of.alias) } };
    }
    if (isNamedNonValueType(e.type)) return { kind: 'type', bound: { kind: 'eq', type: this.namedNonValueType(e.type) } };
    return { kind: 'type', bound: { kind: 'eq', type: this.valTypeIndex(e.type) } };
  }

  /** A function or instance type named by a type import or export. */
  private namedNonValueType(t: NamedNonValueType): number {
    switch (t.kind) {
      case 'func':
        return this.funcType(t);
      case 'instance':
        return this.instanceType(t);
      case 'component':
        return this.componentType(t);
    }
  }

  private valTypeIndex(t: ValueType): number {
    if (typeof t === 'string') return this.addType({ kind: 'prim', type: t });
    return this.defined(t);
  }

  /**
   * Records the type index an import or export of a type introduced (`index`). Later uses of the type refer to that
   * index (as wit-component does), which keeps the names a printer recovers from the binary: references through a
   * resource's alias use the alias' index, and the resource's own index stays its declaration's (the first name
   * of it in this scope), never an alias'.
   */
  protected bindExported(e: Extern, index: number): void {
    if (e.kind !== 'type') return;
    const identity = nameIdentity(e);
    if (identity !== undefined) this.indices.set(identity, index);
    if (isResource(e.type) && !this.indices.has(e.type)) this.indices.set(e.type, index);
  }
}

/** The type index space inside `(type (instance …))`. */
export class InstanceTypeScope extends TypeScope {
  readonly decls: bin.InstanceDecl[] = [];
  private pending: Set<ResourceType> | undefined;

  protected override pendingDeclarations(): Set<ResourceType> | undefined {
    return this.pending;
  }

  /** Whether the enclosing component type has a name of `r` already (then this instance refers to it). */
  private parentProvides(r: ResourceType): boolean {
    return this.parent instanceof ComponentTypeScope && this.parent.has(r);
  }

  protected addType(t: bin.TypeDef): number {
    this.decls.push({ kind: 'type', type: t });
    return this.typeCount++;
  }

  protected addOuterAlias(count: number, index: number): number {
    this.decls.push({ kind: 'alias', alias: { kind: 'outer', sort: 'type', count, index } });
    return this.typeCount++;
  }

  /**
   * `pending`: in a component type, the resources it declares that no earlier import or export declared; the first
   * name of one here declares it (and takes it off the set).
   */
  declareAll(t: InstanceType, pending?: Set<ResourceType>): void {
    const declares = new Set(t.declared);
    for (const [, e] of t.exports) {
      if (e.kind === 'type' && isResource(e.type) && pending?.has(e.type) === true) declares.add(e.type);
    }
    this.pending = pending;
    // Each declared resource is declared once, by its owner (`typeBinding`), before any other name of it.
    const owner = new Map<ResourceType, string>();
    for (const [name, e] of t.exports) {
      if (e.kind === 'type' && isResource(e.type) && declares.has(e.type) && typeBinding(e) === 'declares' && !owner.has(e.type)) {
        owner.set(e.type, name);
      }
    }
    const done = new Set<string>();
    const declare = (name: string, e: Extern): void => {
      if (done.has(name)) return;
      done.add(name);
      if (e.kind === 'type' && isResource(e.type) && !this.indices.has(e.type)) {
        const first = owner.get(e.type);
        if (first !== undefined && first !== name) declare(first, t.exports.get(first)!);
      }
      const type = this.exportType(e, declares);
      this.decls.push({ kind: 'export', name: { name, form: 0 }, type });
      if (e.kind === 'type') this.bindExported(e, this.typeCount++);
    };
    for (const [name, e] of t.exports) declare(name, e);
  }

  private exportType(e: Extern, declares: ReadonlySet<ResourceType>): bin.ExternType {
    if (e.kind === 'type' && isResource(e.type)) {
      // The declaration of a resource this instance declares is `(sub resource)`; every other name of a resource
      // (an alias, a `use` of another interface's) is `(eq …)` of the name it was made from.
      const declaration = declares.has(e.type) && !this.indices.has(e.type) && (this.pending === undefined || this.pending.has(e.type) || !this.parentProvides(e.type));
      if (declaration) {
        this.pending?.delete(e.type);
        return { kind: 'type', bound: { kind: 'sub-resource' } };
      }
      const of = e.eq !== undefined && isResource(e.eq.type) ? { r: e.eq.type, alias: e.eq.alias } : { r: e.type, alias: undefined };
      return { kind: 'type', bound: { kind: 'eq', type: this.resourceRef(of.r, of.alias) } };
    }
    return this.externType(e);
  }
}

/**
 * The index spaces inside `(type (component …))`: imports, then exports, in the component's order. Like the composed
 * component's own scope, a type that an instance import or export names is reached through an alias of that
 * instance's export (inside the component type), and instance types nested in it reach those through outer aliases.
 * Resources the component declares itself (its exported resources, `ComponentType.declared`) are declared by the
 * first export that names them, as wit-component writes a component's type.
 */
export class ComponentTypeScope extends TypeScope {
  readonly decls: bin.ComponentDecl[] = [];
  private instanceCount = 0;
  private readonly available = new Map<object, { instance: number; name: string }>();
  private pending = new Set<ResourceType>();

  protected override get closed(): boolean {
    return true;
  }

  protected addType(t: bin.TypeDef): number {
    this.decls.push({ kind: 'type', type: t });
    return this.typeCount++;
  }

  protected addOuterAlias(count: number, index: number): number {
    this.decls.push({ kind: 'alias', alias: { kind: 'outer', sort: 'type', count, index } });
    return this.typeCount++;
  }

  protected override provideHere(t: object): number | undefined {
    const own = this.indices.get(t);
    if (own !== undefined) return own;
    const source = this.available.get(t);
    if (source === undefined) return undefined;
    this.decls.push({ kind: 'alias', alias: { kind: 'export', sort: 'type', instance: source.instance, name: source.name } });
    const index = this.typeCount++;
    this.indices.set(t, index);
    return index;
  }

  protected override provide(t: object): number | undefined {
    return this.provideHere(t);
  }

  protected override pendingDeclarations(): Set<ResourceType> {
    return this.pending;
  }

  /** Whether this scope has, or can alias, a name of `t`. */
  has(t: object): boolean {
    return this.indices.has(t) || this.available.has(t);
  }

  declareAll(t: ComponentType): void {
    this.pending = new Set(t.declared);
    const all = [
      ...[...t.imports.keys()].map((name) => ({ kind: 'import' as const, name })),
      ...[...t.exports.keys()].map((name) => ({ kind: 'export' as const, name })),
    ];
    // The component's own order where it has one for every item (a type export may come before an import using it).
    const order = t.order !== undefined && t.order.length === all.length ? t.order : all;
    for (const { kind, name } of order) {
      const e = (kind === 'import' ? t.imports : t.exports).get(name);
      if (e === undefined) continue;
      const type = this.itemType(e);
      this.decls.push({ kind, name: { name, form: 0 }, type });
      if (e.kind === 'type') this.bindExported(e, this.typeCount++);
      if (e.kind === 'instance') registerInstanceTypes(this.available, this.instanceCount++, e.type);
    }
  }

  private itemType(e: Extern): bin.ExternType {
    if (e.kind === 'type' && isResource(e.type) && this.pending.has(e.type) && !this.has(e.type)) {
      this.pending.delete(e.type);
      return { kind: 'type', bound: { kind: 'sub-resource' } };
    }
    return this.externType(e);
  }
}

/**
 * Records the types an instance (imported, or exported in a component type) exports by name, so later types reach
 * them through an alias of its export: by the identity the export's name creates (a resource alias' token included),
 * and a resource also by itself, reached through its first name (its declaration, or the `use` that brings it).
 */
export function registerInstanceTypes(available: Map<object, { instance: number; name: string }>, instance: number, t: InstanceType): void {
  for (const [exportName, e] of t.exports) {
    if (e.kind !== 'type') continue;
    for (const key of [nameIdentity(e), isResource(e.type) ? e.type : undefined]) {
      if (key !== undefined && !available.has(key)) available.set(key, { instance, name: exportName });
    }
  }
}
