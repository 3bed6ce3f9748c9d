import type * as bin from '../binary/ast.js';
import { limits } from '../binary/limits.js';
import { ComponentReader } from '../binary/read.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { WcomposeError } from '../diagnostics/error.js';
import type {
  AnyType, ComponentType, CoreModuleType, DefinedType, Extern, FuncType, InstanceType, ResourceAlias, ResourceType,
  ValueType,
} from './model.js';
import { isNamedNonValueType, isResource, isValueType, newResource } from './model.js';
import { Instantiation, matchResources } from './instantiate.js';
import { freshComponent, freshInstance, Substitution } from './substitute.js';
import { typeInfo } from './type-info.js';

/**
 * Decodes a component's binary into the type model: its imports and exports, with every index resolved the way the
 * spec's validation builds index spaces (types, funcs, instances, components, core types, modules, values), through
 * type definitions, export and outer aliases, instantiations and canonical lifts. Core modules are never looked into.
 */
export function decodeComponent(bytes: Uint8Array): ComponentType {
  return decodeComponentReader(ComponentReader.open(bytes), undefined);
}

type LazyComponent = ComponentType | (() => ComponentType);

/**
 * How many items the index spaces an outer alias can reach held when a nested scope began: a nested component or
 * type sees only what its enclosing component defined before it (a nested component decoded later, on demand, must
 * not see its own definition or anything after it).
 */
interface Visible {
  types: number;
  coreTypes: number;
  components: number;
  modules: number;
}

/** One scope of index spaces: a component definition, or a component/instance type declarator. */
class Scope {
  readonly types: AnyType[] = [];
  readonly coreTypes: (bin.CoreType | undefined)[] = [];
  readonly funcs: FuncType[] = [];
  readonly instances: InstanceType[] = [];
  readonly components: LazyComponent[] = [];
  readonly modules: CoreModuleType[] = [];
  readonly values: ValueType[] = [];
  readonly imports = new Map<string, Extern>();
  readonly exports = new Map<string, Extern>();
  /** Resources created in this scope (fresh imports, `sub resource` declarations, resource definitions). */
  readonly declared: ResourceType[] = [];
  // WIT naming metadata (see `ResourceAlias` in model.ts):
  /** The alias a resource at a type index is reached through, when it is not the resource's own identity. */
  readonly typeAliases = new Map<number, ResourceAlias>();
  /** Imports and exports in binary order, and the attributes of those names that carry any. */
  readonly order: { kind: 'import' | 'export'; name: string }[] = [];
  readonly importAttributes = new Map<string, bin.NameAttribute[]>();
  readonly exportAttributes = new Map<string, bin.NameAttribute[]>();

  /** How many scopes enclose this one. */
  readonly depth: number;
  /** What of the parent's index spaces this scope can reach (see `Visible`). */
  private readonly visible: Visible | undefined;

  /** `visible` defaults to everything the parent holds now (a type declaration is read where it is defined). */
  constructor(readonly parent: Scope | undefined, readonly offset: () => number, visible = parent?.reachable()) {
    this.depth = parent === undefined ? 0 : parent.depth + 1;
    if (this.depth > limits.nesting) {
      this.fail('WC1014', `components and type declarations are nested more than ${limits.nesting} deep`);
    }
    this.visible = visible;
  }

  /** What a scope nested here, now, can reach of this one's index spaces. */
  reachable(): Visible {
    return { types: this.types.length, coreTypes: this.coreTypes.length, components: this.components.length, modules: this.modules.length };
  }

  fail(code: DiagnosticCode, message: string): never {
    throw new WcomposeError(code, message, { offset: this.offset() });
  }

  /** Refuses a type wasm-tools refuses: nested too deep, or too large (see `typeInfo`). */
  checkType(t: AnyType, what: string): void {
    const info = typeInfo(t);
    if (info.size >= limits.typeSize) {
      this.fail('WC1012', `${what} is too large: its effective type size reaches the limit of ${limits.typeSize}`);
    }
    const max = isValueType(t) ? limits.valueTypeDepth : limits.typeDepth;
    if (info.depth > max) this.fail('WC1011', `type nesting is too deep: ${what} nests ${info.depth} levels (at most ${max})`);
  }

  /** Refuses index spaces larger than wasm-tools allows (checked after each section or declaration). */
  checkCounts(): void {
    const check = (n: number, max: number, what: string): void => {
      if (n > max) this.fail('WC1013', `${n} ${what} are more than the ${max} a component may define`);
    };
    check(this.types.length, limits.types, 'types');
    check(this.funcs.length, limits.funcs, 'functions');
    check(this.components.length, limits.components, 'components');
    check(this.instances.length, limits.instances, 'instances');
    check(this.modules.length, limits.modules, 'core modules');
    check(this.values.length, limits.values, 'values');
    check(this.coreTypes.length, limits.types, 'core types');
  }

  at<T>(space: readonly T[], index: number, what: string): T {
    const item = space[index];
    if (item === undefined) this.fail('WC2001', `${what} index ${index} is out of range (${space.length} defined)`);
    return item;
  }

  type(index: number): AnyType {
    return this.at(this.types, index, 'type');
  }

  valueType(t: bin.ValType): ValueType {
    if (typeof t === 'string') return t;
    const type = this.type(t);
    if (!isValueType(type)) this.fail('WC2002', `type index ${t} is a ${type.kind} type, not a value type`);
    return type;
  }

  resource(index: number): ResourceType {
    const type = this.type(index);
    if (typeof type === 'string' || type.kind !== 'resource') {
      this.fail('WC2002', `type index ${index} is not a resource type`);
    }
    return type;
  }

  funcType(index: number): FuncType {
    const type = this.type(index);
    if (typeof type === 'string' || type.kind !== 'func') this.fail('WC2002', `type index ${index} is not a function type`);
    return type;
  }

  instanceType(index: number): InstanceType {
    const type = this.type(index);
    if (typeof type === 'string' || type.kind !== 'instance') this.fail('WC2002', `type index ${index} is not an instance type`);
    return type;
  }

  componentType(index: number): ComponentType {
    const type = this.type(index);
    if (typeof type === 'string' || type.kind !== 'component') this.fail('WC2002', `type index ${index} is not a component type`);
    return type;
  }

  component(index: number): ComponentType {
    const c = this.at(this.components, index, 'component');
    if (typeof c !== 'function') return c;
    // Nested components are decoded on demand. The ones before this one are decoded first, in order: a component can
    // use an earlier one (through an outer alias), and decoding them one after the other keeps the recursion as deep
    // as the nesting, not as long as a chain of siblings.
    for (let i = 0; i <= index; i++) {
      const lazy = this.components[i];
      if (typeof lazy !== 'function') continue;
      this.components[i] = () => this.fail('WC2001', `component ${i} refers to itself`);
      this.components[i] = lazy();
    }
    return this.components[index] as ComponentType;
  }

  /**
   * The scope `count` levels out, and how much of it is visible from here. The count is bounded by the scopes that
   * exist before anything is walked (a count near 2³² must not loop that many times).
   */
  outer(count: number): { scope: Scope; visible: Visible | undefined } {
    if (count > this.depth) {
      this.fail('WC2001', `outer alias count ${count} reaches past the outermost scope (${this.depth} enclose this one)`);
    }
    let inner: Scope | undefined;
    let scope: Scope | undefined;
    for (let i = 0; i < count; i++) {
      inner = scope ?? this;
      scope = inner.parent!;
    }
    return scope === undefined ? { scope: this, visible: undefined } : { scope, visible: inner!.visible };
  }

  /** The item a `sortidx` names, as an extern. */
  item(s: bin.SortIdx): Extern {
    switch (s.sort) {
      case 'func':
        return { kind: 'func', type: this.at(this.funcs, s.index, 'function') };
      case 'instance':
        return { kind: 'instance', type: this.at(this.instances, s.index, 'instance') };
      case 'component':
        return { kind: 'component', type: this.component(s.index) };
      case 'value':
        return { kind: 'value', type: this.at(this.values, s.index, 'value') };
      case 'type': {
        const type = this.type(s.index);
        // A function, instance or component type can be named too (components may; WIT cannot say it).
        if (isNamedNonValueType(type)) return { kind: 'type', type };
        const alias = this.typeAliases.get(s.index);
        return alias === undefined ? { kind: 'type', type } : { kind: 'type', type, alias };
      }
      default:
        if (s.sort.core === 'module') return { kind: 'module', type: this.at(this.modules, s.index, 'core module') };
        return this.fail('WC2002', `a core ${s.sort.core} cannot be an import, export or instantiation argument`);
    }
  }

  /** Adds an item to the index space of its sort (imports, exports and aliases all do this). */
  push(e: Extern): void {
    switch (e.kind) {
      case 'func':
        this.funcs.push(e.type);
        return;
      case 'instance':
        this.instances.push(e.type);
        return;
      case 'component':
        this.components.push(e.type);
        return;
      case 'module':
        this.modules.push(e.type);
        return;
      case 'type':
        if (e.alias !== undefined) this.typeAliases.set(this.types.length, e.alias);
        this.types.push(e.type);
        return;
      case 'value':
        this.values.push(e.type);
    }
  }

  /**
   * A type name (an `eq` bound, a component's type export): a new type identity aliasing `type`, reached through
   * `alias` (see `ResourceAlias` in model.ts). A resource stays the same type under a new alias token; a defined type
   * is copied (`aliasOf`), so that references through the name can be told apart from references to `type`.
   */
  namedType(type: ValueType | ResourceType, alias: ResourceAlias | undefined): Extern {
    if (isResource(type)) return { kind: 'type', type, alias: { of: alias }, eq: { type, alias } };
    if (typeof type === 'string') return { kind: 'type', type };
    return { kind: 'type', type: { ...type, aliasOf: type }, eq: { type } };
  }

  /** Records an import or export name's order and attributes (WIT naming metadata). */
  named(kind: 'import' | 'export', name: bin.ExternName): void {
    this.order.push({ kind, name: name.name });
    if (name.attributes?.length) (kind === 'import' ? this.importAttributes : this.exportAttributes).set(name.name, name.attributes);
  }

  /** The extern an `externtype` describes, with fresh resources where it declares them. */
  externType(t: bin.ExternType, name: string): Extern {
    switch (t.kind) {
      case 'module':
        return { kind: 'module', type: { kind: 'module', type: this.at(this.coreTypes, t.type, 'core type') } };
      case 'func':
        return { kind: 'func', type: this.funcType(t.type) };
      case 'value':
        if (t.bound.kind === 'eq') return { kind: 'value', type: this.at(this.values, t.bound.value, 'value') };
        return { kind: 'value', type: this.valueType(t.bound.type) };
      case 'type': {
        if (t.bound.kind === 'sub-resource') {
          const r = newResource(name);
          this.declared.push(r);
          return { kind: 'type', type: r };
        }
        const type = this.type(t.bound.type);
        if (isNamedNonValueType(type)) return { kind: 'type', type };
        return this.namedType(type, this.typeAliases.get(t.bound.type));
      }
      case 'component': {
        const type = freshComponent(this.componentType(t.type));
        this.declared.push(...type.declared);
        return { kind: 'component', type };
      }
      case 'instance': {
        const type = freshInstance(this.instanceType(t.type));
        this.declared.push(...type.declared);
        return { kind: 'instance', type };
      }
    }
  }

  alias(a: bin.Alias): void {
    switch (a.kind) {
      case 'export': {
        const instance = this.at(this.instances, a.instance, 'instance');
        const item = instance.exports.get(a.name);
        if (item === undefined) this.fail('WC2001', `instance ${a.instance} has no export named "${a.name}"`);
        this.push(item);
        return;
      }
      case 'core-export':
        // Core items (funcs, memories, …) never reach a component's type; only core types and modules matter.
        if (typeof a.sort === 'object' && a.sort.core === 'module') this.modules.push({ kind: 'module', type: undefined });
        if (typeof a.sort === 'object' && a.sort.core === 'type') this.coreTypes.push(undefined);
        return;
      case 'outer': {
        const { scope, visible } = this.outer(a.count);
        const reach = (space: keyof Visible, what: string): void => {
          const n = visible?.[space] ?? scope[space].length;
          if (a.index >= n) this.fail('WC2001', `outer alias: ${what} index ${a.index} is out of range (${n} defined before this scope)`);
        };
        if (a.sort === 'type') {
          reach('types', 'type');
          const alias = scope.typeAliases.get(a.index);
          if (alias !== undefined) this.typeAliases.set(this.types.length, alias);
          this.types.push(scope.type(a.index));
        } else if (a.sort === 'component') {
          reach('components', 'component');
          this.components.push(scope.component(a.index));
        } else if (typeof a.sort === 'object' && a.sort.core === 'type') {
          reach('coreTypes', 'core type');
          this.coreTypes.push(scope.at(scope.coreTypes, a.index, 'core type'));
        } else if (typeof a.sort === 'object' && a.sort.core === 'module') {
          reach('modules', 'core module');
          this.modules.push(scope.at(scope.modules, a.index, 'core module'));
        } else {
          this.fail('WC2002', 'outer aliases may only refer to types, components and core modules');
        }
      }
    }
  }

  typeDef(t: bin.TypeDef): AnyType {
    switch (t.kind) {
      case 'func':
        return {
          kind: 'func',
          async: t.async,
          params: t.params.map((p) => ({ name: p.name, type: this.valueType(p.type) })),
          result: t.result === undefined ? undefined : this.valueType(t.result),
        };
      case 'instance': {
        const inner = new Scope(this, this.offset);
        for (const d of t.decls) inner.instanceDecl(d);
        inner.checkCounts();
        const instance: InstanceType = { kind: 'instance', exports: inner.exports, declared: inner.declared };
        if (inner.exportAttributes.size > 0) instance.attributes = inner.exportAttributes;
        return instance;
      }
      case 'component': {
        const inner = new Scope(this, this.offset);
        for (const d of t.decls) {
          if (d.kind === 'import') {
            const e = inner.externType(d.type, d.name.name);
            inner.imports.set(d.name.name, e);
            inner.named('import', d.name);
            inner.push(e);
          } else {
            inner.instanceDecl(d);
          }
        }
        inner.checkCounts();
        return inner.asComponentType();
      }
      case 'resource': {
        const r = newResource(`resource${this.types.length}`, true);
        this.declared.push(r);
        return r;
      }
      default:
        return this.defValType(t);
    }
  }

  /** A type definition, refused if wasm-tools would refuse it (too deep, too large). */
  definedType(t: bin.TypeDef): AnyType {
    const type = this.typeDef(t);
    this.checkType(type, `type ${this.types.length}`);
    return type;
  }

  private defValType(t: bin.DefValType): DefinedType {
    const v = (x: bin.ValType): ValueType => this.valueType(x);
    const opt = (x: bin.ValType | undefined): ValueType | undefined => (x === undefined ? undefined : v(x));
    switch (t.kind) {
      case 'prim':
        return { kind: 'alias', type: t.type };
      case 'record':
        return { kind: 'record', fields: t.fields.map((f) => ({ name: f.name, type: v(f.type) })) };
      case 'variant':
        return { kind: 'variant', cases: t.cases.map((c) => ({ name: c.name, type: opt(c.type) })) };
      case 'list':
        return { kind: 'list', element: v(t.element), length: undefined };
      case 'fixed-list':
        return { kind: 'list', element: v(t.element), length: t.length };
      case 'tuple':
        return { kind: 'tuple', types: t.types.map(v) };
      case 'flags':
        return { kind: 'flags', names: t.names };
      case 'enum':
        return { kind: 'enum', names: t.names };
      case 'option':
        return { kind: 'option', type: v(t.type) };
      case 'result':
        return { kind: 'result', ok: opt(t.ok), err: opt(t.err) };
      case 'own':
      case 'borrow': {
        const alias = this.typeAliases.get(t.type);
        const resource = this.resource(t.type);
        return alias === undefined ? { kind: t.kind, resource } : { kind: t.kind, resource, alias };
      }
      case 'stream':
        return { kind: 'stream', element: opt(t.element) };
      case 'future':
        return { kind: 'future', element: opt(t.element) };
      case 'map':
        return { kind: 'map', key: v(t.key), value: v(t.value) };
    }
  }

  instanceDecl(d: bin.InstanceDecl): void {
    switch (d.kind) {
      case 'coreType':
        this.coreTypes.push(d.type);
        return;
      case 'type':
        this.types.push(this.definedType(d.type));
        return;
      case 'alias':
        this.alias(d.alias);
        return;
      case 'export': {
        const e = this.externType(d.type, d.name.name);
        this.exports.set(d.name.name, e);
        this.named('export', d.name);
        this.push(e);
      }
    }
  }

  /** This scope's imports and exports as a component type. */
  asComponentType(): ComponentType {
    const t: ComponentType = { kind: 'component', imports: this.imports, exports: this.exports, declared: this.declared };
    t.order = this.order;
    if (this.importAttributes.size > 0 || this.exportAttributes.size > 0) {
      t.attributes = { imports: this.importAttributes, exports: this.exportAttributes };
    }
    return t;
  }

  /** `(instantiate c (with …))`: c's exports, with c's imported resources replaced by the arguments' own. */
  instantiate(componentIndex: number, args: { name: string; item: bin.SortIdx }[]): InstanceType {
    const inst = new Instantiation(this.component(componentIndex));
    for (const a of args) inst.supply(a.name, this.item(a.item));
    const { exports, fresh } = inst.exports();
    this.declared.push(...fresh);
    const instance: InstanceType = { kind: 'instance', exports, declared: [] };
    this.checkType(instance, `instance ${this.instances.length}`);
    return instance;
  }
}

function decodeComponentReader(reader: ComponentReader, parent: Scope | undefined, visible?: Visible): ComponentType {
  let offset = reader.start;
  const scope = new Scope(parent, () => offset, visible);
  for (const header of reader.headers) {
    offset = header.offset;
    switch (header.kind) {
      case 'custom':
        break;
      case 'coreModule':
        scope.modules.push({ kind: 'module', type: undefined });
        break;
      case 'component': {
        // Decoded only if something needs its type: most nested components are just instantiated.
        // It sees what the enclosing component defined before it, not itself nor what comes after.
        const reachable = scope.reachable();
        scope.components.push(() => decodeComponentReader(reader.nested(header), scope, reachable));
        break;
      }
      default:
        decodeSection(scope, reader.section(header));
    }
    scope.checkCounts();
  }
  const type = scope.asComponentType();
  scope.checkType(type, parent === undefined ? 'the component' : 'a nested component');
  return type;
}

function decodeSection(scope: Scope, section: bin.Section): void {
  switch (section.kind) {
    case 'coreType':
      scope.coreTypes.push(...section.items);
      return;
    case 'coreInstance':
      return; // core instances only feed core definitions, which are not typed here
    case 'type':
      for (const t of section.items) scope.types.push(scope.definedType(t));
      return;
    case 'alias':
      for (const a of section.items) scope.alias(a);
      return;
    case 'import':
      for (const i of section.items) {
        const e = scope.externType(i.type, i.name.name);
        scope.imports.set(i.name.name, e);
        scope.named('import', i.name);
        scope.push(e);
      }
      return;
    case 'export':
      for (const x of section.items) {
        const e = exportExtern(scope, x);
        scope.exports.set(x.name.name, e);
        scope.named('export', x.name);
        scope.push(e);
      }
      return;
    case 'instance':
      for (const i of section.items) {
        if (i.kind === 'instantiate') {
          scope.instances.push(scope.instantiate(i.component, i.args));
        } else {
          const exports = new Map(i.exports.map((e) => [e.name.name, scope.item(e.item)]));
          const instance: InstanceType = { kind: 'instance', exports, declared: [] };
          scope.checkType(instance, `instance ${scope.instances.length}`);
          scope.instances.push(instance);
        }
      }
      return;
    case 'canon':
      for (const c of section.items) {
        if (c.kind === 'lift') scope.funcs.push(scope.funcType(c.type));
        // Every other canonical definition makes a core function, which is not typed here.
      }
      return;
    case 'start':
      // 🪙 start results are values, whose types are the function's result.
      for (let i = 0; i < section.start.results; i++) {
        const f = scope.at(scope.funcs, section.start.func, 'function');
        if (f.result !== undefined) scope.values.push(f.result);
      }
      return;
    case 'value':
      for (const v of section.items) scope.values.push(scope.valueType(v.type));
      return;
    case 'custom':
    case 'coreModule':
    case 'component':
      return;
  }
}

/**
 * An export's type. With an ascribed type (as wit-component writes them, to name the types of an exported
 * interface), the ascription is what the outside sees, but its resources are the exported item's own.
 */
function exportExtern(scope: Scope, x: bin.Export): Extern {
  const actual = scope.item(x.item);
  if (x.type === undefined) {
    // A component's type export names the type: a new identity, as for an `eq` bound.
    if (actual.kind !== 'type' || isNamedNonValueType(actual.type)) return actual;
    return scope.namedType(actual.type, actual.alias);
  }
  const declaredBefore = scope.declared.length;
  const ascribed = scope.externType(x.type, x.name.name);
  const fresh = scope.declared.splice(declaredBefore);
  if (fresh.length === 0) return ascribed;
  const map = new Map<ResourceType, ResourceType>();
  matchResources(ascribed, actual, map);
  // A declared resource the item does not supply stays fresh (and declared).
  for (const r of fresh) if (!map.has(r)) scope.declared.push(r);
  return new Substitution(map).extern(ascribed);
}
