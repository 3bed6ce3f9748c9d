import type { NameAttribute } from '../binary/ast.js';
import { childSlots, childTypes } from '../types/children.js';
import { WcomposeError } from '../diagnostics/error.js';
import type {
  ComponentType, DefinedType, Extern, FuncType, InstanceType, ResourceAlias, ResourceType, TypeRef, ValueType,
} from '../types/model.js';
import { isNamedNonValueType, isResource } from '../types/model.js';

/**
 * A component's world as WIT sees it, built from the type model the way wit-parser decodes a component binary
 * (`wit_parser::decoding`, as bundled in jco's `componentWit`), so that printing it gives the same text.
 *
 * The essentials (scratch/wit-printing-notes.md §2): imports and exports are visited in binary order; instance
 * externs become interfaces (ID names: a foreign package's interface, printed by path; labels: an inline interface;
 * `(implements "…")`: a label for a foreign interface); a type export becomes a named `TypeDef` that is either an
 * alias of an already-known type (a `use` when that type is another interface's) or a fresh definition; any other
 * type that a function or definition reaches gets an anonymous `TypeDef` the first time. Types are keyed by the
 * model's identities, including the naming metadata (`aliasOf`, `ResourceAlias`) the decoder records.
 */

/** Who owns a named type: an interface, or the world itself. */
export type Owner = WitInterface | typeof WORLD;

/** The world as an owner of types (world-level `type` imports). */
export const WORLD = Symbol('world');

export interface TypeDef {
  /** Undefined for an anonymous type (one only ever written inline). */
  name: string | undefined;
  owner: Owner | undefined;
  kind: TypeDefKind;
  externalId: string | undefined;
}

export type TypeDefKind =
  /** `type name = other;`, or a `use` when `of` is another interface's. */
  | { kind: 'alias'; of: TypeDef }
  | { kind: 'resource' }
  /** An own or borrow handle of `resource`; `type` is the model's handle. */
  | { kind: 'handle'; type: Extract<DefinedType, { kind: 'own' | 'borrow' }>; resource: TypeDef }
  /** Any other structure, the model's type: its parts were converted when it was (they are found by identity). */
  | { kind: 'def'; type: Exclude<ValueType, string> };

export interface PackageName {
  namespace: string;
  name: string;
  version: string | undefined;
}

export interface WitInterface {
  /** Undefined for an inline interface (`import label: interface { … }`). */
  name: string | undefined;
  /** The foreign package the interface is in; undefined for an inline interface, which is the root package's. */
  package: PackageName | undefined;
  types: Map<string, TypeDef>;
  functions: Map<string, WitFunction>;
}

export interface WitFunction {
  /** The full extern name, e.g. `[method]r.get`. */
  name: string;
  kind: 'freestanding' | 'constructor' | 'method' | 'static';
  async: boolean;
  /** For constructors, methods and statics: the resource, which the owner declares under the name in `name`. */
  resource: TypeDef | undefined;
  type: FuncType;
  externalId: string | undefined;
}

export type WorldItem =
  | { kind: 'interface'; label: string | undefined; iface: WitInterface; externalId: string | undefined }
  | { kind: 'function'; func: WitFunction }
  | { kind: 'type'; name: string; def: TypeDef };

export interface WitWorld {
  imports: WorldItem[];
  exports: WorldItem[];
  /** Interfaces of the package `root:component` (the printed package), in order of first reference. */
  rootInterfaces: WitInterface[];
  /** The type every value type of the model (or resource, by alias) was converted to. */
  types: TypeTable;
}

/** The root package's name, which jco's decoder gives every component (and merges same-named imports into). */
export const ROOT_PACKAGE: PackageName = { namespace: 'root', name: 'component', version: undefined };

export function isRootPackage(p: PackageName | undefined): boolean {
  return p === undefined || (p.namespace === ROOT_PACKAGE.namespace && p.name === ROOT_PACKAGE.name && p.version === undefined);
}

/** `TypeRef`s as keys: defined types by object, resources by (resource, alias). */
export class TypeTable {
  private readonly defined = new Map<object, TypeDef>();
  private readonly resources = new Map<ResourceType, Map<ResourceAlias | undefined, TypeDef>>();

  get(ref: TypeRef): TypeDef | undefined {
    if (typeof ref.type === 'string') return undefined;
    if (isResource(ref.type)) return this.resources.get(ref.type)?.get(ref.alias);
    return this.defined.get(ref.type);
  }

  /** Sets the entry, returning the previous one. */
  set(ref: TypeRef, def: TypeDef): TypeDef | undefined {
    if (typeof ref.type === 'string') return undefined;
    const prev = this.get(ref);
    if (isResource(ref.type)) {
      let byAlias = this.resources.get(ref.type);
      if (byAlias === undefined) this.resources.set(ref.type, (byAlias = new Map()));
      byAlias.set(ref.alias, def);
    } else {
      this.defined.set(ref.type, def);
    }
    return prev;
  }
}

function fail(message: string): never {
  throw new WcomposeError('WC2003', `cannot represent this component in WIT: ${message}`, {
    hint: 'the component is valid, but its imports and exports have no WIT equivalent (jco and `wasm-tools component wit` refuse it too)',
  });
}

function externalId(attributes: NameAttribute[] | undefined): string | undefined {
  for (const a of attributes ?? []) if (a.kind === 'external-id') return a.id;
  return undefined;
}

function attribute<K extends NameAttribute['kind']>(
  attributes: NameAttribute[] | undefined,
  kind: K,
): Extract<NameAttribute, { kind: K }> | undefined {
  return attributes?.find((a): a is Extract<NameAttribute, { kind: K }> => a.kind === kind);
}

/** `ns:pkg/iface@version` (an interface ID), as wasmparser splits it; undefined for any other kind of name. */
export function parseInterfaceId(name: string): { package: PackageName; interface: string } | undefined {
  const m = /^([^:/@]+(?::[^:/@]+)*):([^:/@]+)\/([^@]+)(?:@(.+))?$/.exec(name);
  if (m === null || name.startsWith('[')) return undefined;
  const iface = m[3]!.split('/');
  return { package: { namespace: m[1]!, name: m[2]!, version: m[4] }, interface: iface[iface.length - 1]! };
}

/** The function kind a name gives, and the resource it is about (`[method]r.m` → method of `r`). */
function functionKind(name: string): { kind: WitFunction['kind']; resource: string | undefined } {
  const m = /^\[(constructor|method|static)\](.*)$/.exec(name);
  if (m === null) return { kind: 'freestanding', resource: undefined };
  const kind = m[1] as 'constructor' | 'method' | 'static';
  if (kind === 'constructor') return { kind, resource: m[2] };
  return { kind, resource: m[2]!.slice(0, m[2]!.indexOf('.')) };
}

/** The identity an extern of kind type *is* (its created identity). */
function created(e: Extract<Extern, { kind: 'type' }>): TypeRef {
  if (isNamedNonValueType(e.type)) fail(`a ${e.type.kind} type is imported or exported by name; WIT names only value types and resources`);
  return isResource(e.type) ? { type: e.type, alias: e.alias } : { type: e.type };
}

/** The identity it names: what an `eq` bound refers to, or itself. */
function referenced(e: Extract<Extern, { kind: 'type' }>): TypeRef {
  return e.eq ?? created(e);
}

/** The identity `ref` was made as an alias of, if it was made by a type name. */
function peel(ref: TypeRef): TypeRef | undefined {
  if (typeof ref.type === 'string') return undefined;
  if (isResource(ref.type)) return ref.alias === undefined ? undefined : { type: ref.type, alias: ref.alias.of };
  return ref.type.aliasOf === undefined ? undefined : { type: ref.type.aliasOf };
}

/** Builds the WIT world of a component type. Throws (WC2003) for what WIT cannot represent. */
export function buildWorld(component: ComponentType): WitWorld {
  return new WorldBuilder().build(component);
}

class WorldBuilder {
  private readonly types = new TypeTable();
  /** Foreign packages by `ns:pkg@version`, each with its interfaces by name, in order of first reference. */
  private readonly packages = new Map<string, Map<string, WitInterface>>();
  /** Resources declared fresh by each owner, by name (how resource functions find theirs). */
  private readonly resources = new Map<Owner, Map<string, TypeDef>>();
  private readonly imports: WorldItem[] = [];
  private readonly exports: WorldItem[] = [];

  build(component: ComponentType): WitWorld {
    const order = component.order ?? [
      ...[...component.imports.keys()].map((name) => ({ kind: 'import' as const, name })),
      ...[...component.exports.keys()].map((name) => ({ kind: 'export' as const, name })),
    ];
    for (const { kind, name } of order) {
      if (kind === 'import') {
        const e = component.imports.get(name);
        if (e !== undefined) this.importExtern(name, e, component.attributes?.imports.get(name));
      } else {
        const e = component.exports.get(name);
        if (e !== undefined) this.exportExtern(name, e, component.attributes?.exports.get(name));
      }
    }
    const root = this.packages.get('root:component');
    return {
      imports: this.imports,
      exports: this.exports,
      rootInterfaces: root === undefined ? [] : [...root.values()],
      types: this.types,
    };
  }

  private importExtern(name: string, e: Extern, attributes: NameAttribute[] | undefined): void {
    switch (e.kind) {
      case 'instance':
        this.imports.push(this.worldInstance(name, e.type, attributes));
        return;
      case 'func':
        this.imports.push({ kind: 'function', func: this.convertFunction(name, e.type, WORLD, externalId(attributes)) });
        return;
      case 'type':
        this.imports.push({ kind: 'type', name, def: this.registerTypeExport(name, e, WORLD, externalId(attributes)) });
        return;
      default:
        // Modules, components and values are not part of a world.
        return;
    }
  }

  private exportExtern(name: string, e: Extern, attributes: NameAttribute[] | undefined): void {
    switch (e.kind) {
      case 'func':
        this.exports.push({ kind: 'function', func: this.convertFunction(name, e.type, WORLD, externalId(attributes)) });
        return;
      case 'instance':
        this.exports.push(this.worldInstance(name, e.type, attributes));
        return;
      default:
        fail(`export "${name}" is a ${e.kind}; a world can only export functions and interfaces`);
    }
  }

  /** An instance import or export: an interface by ID, a foreign interface under a label, or an inline one. */
  private worldInstance(name: string, t: InstanceType, attributes: NameAttribute[] | undefined): WorldItem {
    const id = externalId(attributes);
    const implementsName = attribute(attributes, 'implements')?.interface;
    const suffix = attribute(attributes, 'versionsuffix')?.suffix;
    if (implementsName !== undefined) {
      return { kind: 'interface', label: name, iface: this.registerImport(implementsName, t, suffix), externalId: id };
    }
    if (parseInterfaceId(name) !== undefined) {
      return { kind: 'interface', label: undefined, iface: this.registerImport(name, t, suffix), externalId: id };
    }
    if (!/^[a-z0-9-]+$/i.test(name)) fail(`cannot use "${name}" as an interface name`);
    return { kind: 'interface', label: name, iface: this.registerInterface(t), externalId: id };
  }

  /** A foreign interface (created on first use), filled in with what this instance type has that it lacks. */
  private registerImport(name: string, t: InstanceType, versionSuffix: string | undefined): WitInterface {
    const id = parseInterfaceId(name);
    if (id === undefined) fail(`"${name}" is not an interface name`);
    const version = id.package.version === undefined ? undefined : id.package.version + (versionSuffix ?? '');
    const pkg: PackageName = { ...id.package, version };
    const key = `${pkg.namespace}:${pkg.name}${version === undefined ? '' : `@${version}`}`;
    let interfaces = this.packages.get(key);
    if (interfaces === undefined) this.packages.set(key, (interfaces = new Map()));
    let iface = interfaces.get(id.interface);
    if (iface === undefined) {
      iface = { name: id.interface, package: pkg, types: new Map(), functions: new Map() };
      interfaces.set(id.interface, iface);
    }
    for (const [n, e] of t.exports) {
      const attrs = t.attributes?.get(n);
      if (e.kind === 'type') {
        const existing = iface.types.get(n);
        if (existing !== undefined) {
          // The interface was reached before: unify this instance's view of the type with the known one.
          const ref = referenced(e);
          if (!isResource(ref.type) && typeof ref.type !== 'string') this.registrarDefined(existing, ref.type);
          if (this.types.set(created(e), existing) !== undefined) fail(`the type \`${n}\` appears more than once`);
        } else {
          iface.types.set(n, this.registerTypeExport(n, e, iface, externalId(attrs)));
        }
      } else if (e.kind === 'func') {
        if (!iface.functions.has(n)) iface.functions.set(n, this.convertFunction(n, e.type, iface, externalId(attrs)));
      } else {
        fail(`instance export "${n}" is a ${e.kind}; an interface can only have types and functions`);
      }
    }
    return iface;
  }

  /** An inline interface: the instance type's exports, in order. */
  private registerInterface(t: InstanceType): WitInterface {
    const iface: WitInterface = { name: undefined, package: undefined, types: new Map(), functions: new Map() };
    for (const [n, e] of t.exports) {
      const id = externalId(t.attributes?.get(n));
      if (e.kind === 'type') iface.types.set(n, this.registerTypeExport(n, e, iface, id));
      else if (e.kind === 'func') iface.functions.set(n, this.convertFunction(n, e.type, iface, id));
      else fail(`instance export "${n}" is a ${e.kind}; an interface can only have types and functions`);
    }
    return iface;
  }

  /** A named type: an alias of the first known identity along what it names, or a fresh definition. */
  private registerTypeExport(name: string, e: Extract<Extern, { kind: 'type' }>, owner: Owner, id: string | undefined): TypeDef {
    const target = referenced(e);
    const prev = this.findAlias(target);
    let kind: TypeDefKind;
    if (prev !== undefined) kind = { kind: 'alias', of: prev };
    else if (isResource(target.type)) kind = { kind: 'resource' };
    else if (typeof target.type === 'string') kind = { kind: 'def', type: { kind: 'alias', type: target.type } };
    else kind = this.convertDefined(target.type);
    const def: TypeDef = { name, owner, kind, externalId: id };
    if (kind.kind === 'resource') {
      let byName = this.resources.get(owner);
      if (byName === undefined) this.resources.set(owner, (byName = new Map()));
      if (byName.has(name)) fail(`the resource \`${name}\` is declared twice`);
      byName.set(name, def);
    }
    if (this.types.set(created(e), def) !== undefined) {
      fail(`the type \`${name}\` appears more than once (for example, when an imported instance is re-exported under a new name)`);
    }
    return def;
  }

  private findAlias(ref: TypeRef): TypeDef | undefined {
    for (let cur: TypeRef | undefined = ref; cur !== undefined; cur = peel(cur)) {
      const found = this.types.get(cur);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private convertFunction(name: string, f: FuncType, owner: Owner, id: string | undefined): WitFunction {
    for (const p of f.params) this.convertValType(p.type);
    if (f.result !== undefined) this.convertValType(f.result);
    const { kind, resource } = functionKind(name);
    let def: TypeDef | undefined;
    if (resource !== undefined) {
      def = this.resources.get(owner)?.get(resource);
      if (def === undefined) fail(`function "${name}" belongs to a resource \`${resource}\` declared in neither its interface nor the world`);
    }
    return { name, kind, async: f.async, resource: def, type: f, externalId: id };
  }

  /** A value type reference: the type it was converted to before, or a new anonymous one. */
  private convertValType(t: ValueType): void {
    if (typeof t === 'string' || this.types.get({ type: t }) !== undefined) return;
    const kind = this.convertDefined(t);
    if (kind.kind === 'def' && ['record', 'variant', 'enum', 'flags'].includes(kind.type.kind)) {
      fail(`an unnamed ${kind.type.kind} type`);
    }
    this.types.set({ type: t }, { name: undefined, owner: undefined, kind, externalId: undefined });
  }

  /** A type's definition, converting what it refers to. */
  private convertDefined(t: DefinedType): TypeDefKind {
    if (t.kind === 'own' || t.kind === 'borrow') {
      const resource = this.types.get({ type: t.resource, alias: t.alias });
      if (resource === undefined) fail(`a handle of the resource "${t.resource.name}", which no import or export names`);
      return { kind: 'handle', type: t, resource };
    }
    for (const child of childTypes(t)) this.convertValType(child);
    return { kind: 'def', type: t };
  }

  /**
   * wit-parser's `Registrar`: when an interface is reached again, the anonymous parts of this instance's view of a
   * type are mapped to the parts of the type already known, so both views share them.
   */
  private registrarDefined(known: TypeDef, t: DefinedType): void {
    if (t.kind === 'alias' || t.kind === 'enum' || t.kind === 'flags' || t.kind === 'own' || t.kind === 'borrow') return;
    if (known.kind.kind === 'alias') return;
    if (known.kind.kind !== 'def' || known.kind.type.kind !== t.kind) fail(`the type \`${known.name}\` differs between two views of its interface`);
    const knownSlots = childSlots(known.kind.type);
    const pairs = childSlots(t).map((mine, i) => [mine, knownSlots[i]] as const);
    for (const [mine, theirs] of pairs) {
      if (mine === undefined || typeof mine === 'string') continue;
      const def = theirs === undefined || typeof theirs === 'string' ? undefined : this.types.get({ type: theirs });
      if (def === undefined) fail(`the type \`${known.name}\` differs between two views of its interface`);
      if (this.types.set({ type: mine }, def) === undefined) this.registrarDefined(def, mine);
    }
  }
}
