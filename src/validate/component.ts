import type * as bin from '../binary/ast.js';
import { ComponentReader, type SectionHeader } from '../binary/read.js';
import { sameSignature, validateCanon } from './canon.js';
import type { CoreCodeCheck } from './core-code.js';
import { readCoreModule } from './core-module.js';
import { aliasOf, defineSimple, entityOfExternType, newResource, valType } from './define.js';
import { ValidationError } from './error.js';
import { checkExtern, registerNamedTypes } from './extern.js';
import { Scope } from './scope.js';
import { entityMismatch } from './subtype.js';
import { pairResources, substituteEntity, type ResourceMap } from './substitute.js';
import {
  combine, entityInfo, entityKindName, type AnyT, type ComponentT, type ValT, type CoreKind, type CoreTypeT, type Entity,
  type InstanceT, type ModuleT, type ResourceT,
} from './types.js';

/** wasm-tools' limits on counts (crates/wasmparser/src/limits.rs). */
const MAX_MODULES = 1000;
const MAX_COMPONENTS = 1000;
const MAX_INSTANCES = 1000;
const MAX_TYPES = 1_000_000;
const MAX_FUNCS = 1_000_000;

/**
 * A nested component the caller has validated already (an input embedded verbatim in a composed output): its type,
 * looked up by the byte offset of its payload instead of being walked again.
 */
export type KnownComponents = ReadonlyMap<number, ComponentT>;

/**
 * Validates a component's component layer and returns its type (imports and exports). `coreCode`, when given, checks
 * the code of each embedded core module (inputs: see `core-code.ts`), in nested components too.
 */
export function validateReader(reader: ComponentReader, parent: Scope | undefined, known?: KnownComponents, coreCode?: CoreCodeCheck): ComponentT {
  const scope = new Scope('component', parent);
  for (const header of reader.headers) {
    scope.offset = header.offset;
    if (header.kind === 'coreModule') {
      if (scope.modules.length >= MAX_MODULES) scope.fail('WC1013', `modules count exceeds limit of ${MAX_MODULES}`);
      scope.modules.push(readCoreModule(reader.bytes, header.start, header.end));
      coreCode?.(header.start, header.end, scope.modules.length - 1, parent === undefined ? undefined : reader.start);
      continue;
    }
    if (header.kind === 'component') {
      if (scope.components.length >= MAX_COMPONENTS) scope.fail('WC1013', `components count exceeds limit of ${MAX_COMPONENTS}`);
      const cached = known?.get(header.start);
      scope.components.push(cached ?? validateReader(reader.nested(header), scope, known, coreCode));
      continue;
    }
    const section = reader.section(header);
    validateSection(scope, section, header);
  }
  for (const [i, v] of scope.values.entries()) {
    if (!v.used) throw new ValidationError('WC1114', `value ${i} is never used`, reader.end);
  }
  return { k: 'component', imports: scope.imports, exports: scope.exports, info: infoOf([...scope.imports.values(), ...scope.exports.values()], scope) };
}

/**
 * Instance and component types nest through aliases as well as syntax: their depth is bounded as wasmparser's
 * `TypeInfo` bounds it (7 bits), which also bounds every walk the validator makes over them.
 */
const MAX_INSTANCE_DEPTH = 126;

export function infoOf(entities: readonly Entity[], scope: Scope): { size: number; depth: number; borrow: boolean } {
  const info = combine(entities.map(entityInfo));
  if (info === undefined) scope.fail('WC1012', 'effective type size exceeds the limit of 1000000');
  if (info.depth > MAX_INSTANCE_DEPTH) {
    scope.fail('WC1011', `type nesting is too deep (${info.depth} levels, at most ${MAX_INSTANCE_DEPTH})`);
  }
  return info;
}

/** Items of a section are validated one by one; the offset in errors is the section's (items carry no offsets). */
function validateSection(scope: Scope, section: bin.Section, header: SectionHeader): void {
  switch (section.kind) {
    case 'custom':
    case 'coreModule':
    case 'component':
      return;
    case 'coreType':
      for (const t of section.items) addCoreType(scope, t);
      return;
    case 'type':
      for (const t of section.items) {
        if (scope.types.length + scope.coreTypes.length >= MAX_TYPES) scope.fail('WC1013', `types count exceeds limit of ${MAX_TYPES}`);
        scope.types.push(defineType(scope, t));
      }
      return;
    case 'coreInstance':
      for (const i of section.items) addCoreInstance(scope, i);
      return;
    case 'instance':
      for (const i of section.items) addInstance(scope, i);
      return;
    case 'alias':
      for (const a of section.items) addAlias(scope, a);
      return;
    case 'canon':
      for (const c of section.items) validateCanon(scope, c);
      return;
    case 'start':
      validateStart(scope, section.start);
      return;
    case 'import':
      for (const i of section.items) addImport(scope, i.name, i.type);
      return;
    case 'export':
      for (const e of section.items) addExport(scope, e);
      return;
    case 'value':
      for (const v of section.items) scope.values.push({ type: valType(scope, v.type), used: false });
      return;
  }
  void header;
}

// ───────────────────────────── types ─────────────────────────────

/** Any type definition; component and instance types open a scope of their own (declarators). */
export function defineType(scope: Scope, t: bin.TypeDef): AnyT {
  if (t.kind === 'component') return componentType(scope, t.decls);
  if (t.kind === 'instance') return instanceType(scope, t.decls);
  return defineSimple(scope, t);
}

function addImport(scope: Scope, name: bin.ExternName, type: bin.ExternType): void {
  const entity = freshImport(entityOfExternType(scope, type, 'import'));
  pushEntity(scope, entity);
  if (!registerNamedTypes(scope, entity, 'import', name.name)) {
    scope.fail('WC1112', `${entityKindName(entity.kind)} not valid to be used as import: a type it uses is not imported before it`);
  }
  checkExtern(scope, name, entity, 'import');
}

/**
 * An imported instance with its own fresh resources: the resources its instance type declares (`(export "r" (type
 * (sub resource)))`, in nested instances too) stand for whatever the import will be, so each import of the type gets
 * new ones, as wasmparser's `prepare_instance_import` makes them. Without it, the type definition's resources would be
 * the import's, and a later use of the type (e.g. exporting the instance type itself) would count as named by the
 * import (fuzz finding plug #3016).
 */
function freshImport(entity: Entity): Entity {
  if (entity.kind !== 'instance') return entity;
  const declared: ResourceT[] = [];
  collectDeclared(entity.type, declared);
  if (declared.length === 0) return entity;
  const map: ResourceMap = new Map(declared.map((r) => [r.id, newResource(false)] as const));
  return substituteEntity(entity, map, new Map());
}

/** The resources an instance type declares (not aliases of others'), its nested instances' included. */
function collectDeclared(t: InstanceT, into: ResourceT[]): void {
  for (const e of t.exports.values()) {
    if (e.kind === 'type' && e.type.k === 'resource' && e.type.alias !== true) into.push(e.type);
    else if (e.kind === 'instance') collectDeclared(e.type, into);
  }
}

function declExport(scope: Scope, name: bin.ExternName, type: bin.ExternType): void {
  const entity = entityOfExternType(scope, type, 'export');
  pushEntity(scope, entity);
  if (!registerNamedTypes(scope, entity, 'export', name.name)) {
    scope.fail('WC1112', `${entityKindName(entity.kind)} not valid to be used as export: a type it uses is neither imported nor exported before it`);
  }
  checkExtern(scope, name, entity, 'export');
}

function declarator(scope: Scope, inner: Scope, decl: bin.ComponentDecl): void {
  inner.offset = scope.offset;
  switch (decl.kind) {
    case 'coreType':
      addCoreType(inner, decl.type);
      return;
    case 'type':
      if (inner.types.length + inner.coreTypes.length >= MAX_TYPES) inner.fail('WC1013', `types count exceeds limit of ${MAX_TYPES}`);
      inner.types.push(defineType(inner, decl.type));
      return;
    case 'alias':
      if (decl.alias.kind === 'core-export') inner.fail('WC1109', 'a type declaration cannot alias a core instance export');
      addAlias(inner, decl.alias);
      return;
    case 'import':
      addImport(inner, decl.name, decl.type);
      return;
    case 'export':
      declExport(inner, decl.name, decl.type);
      return;
  }
}

function componentType(scope: Scope, decls: readonly bin.ComponentDecl[]): ComponentT {
  const inner = new Scope('component type', scope);
  for (const d of decls) declarator(scope, inner, d);
  return { k: 'component', imports: inner.imports, exports: inner.exports, info: infoOf([...inner.imports.values(), ...inner.exports.values()], scope) };
}

function instanceType(scope: Scope, decls: readonly bin.InstanceDecl[]): InstanceT {
  const inner = new Scope('instance type', scope);
  for (const d of decls) declarator(scope, inner, d);
  return { k: 'instance', exports: inner.exports, info: infoOf([...inner.exports.values()], scope) };
}

// ───────────────────────────── core types and instances ─────────────────────────────

function addCoreType(scope: Scope, t: bin.CoreType): void {
  if (scope.types.length + scope.coreTypes.length >= MAX_TYPES) scope.fail('WC1013', `types count exceeds limit of ${MAX_TYPES}`);
  switch (t.kind) {
    case 'rec':
      for (const s of t.types) scope.coreTypes.push(s.type.kind === 'func' ? { k: 'func' } : { k: 'other' });
      return;
    case 'sub':
      scope.coreTypes.push(t.type.type.kind === 'func' ? { k: 'func' } : { k: 'other' });
      return;
    case 'module':
      scope.coreTypes.push(moduleType(scope, t.decls));
      return;
  }
}

/** A core module type: its imports and exports, its own type index space checked for bounds. */
function moduleType(scope: Scope, decls: readonly bin.CoreModuleDecl[]): ModuleT {
  let types = 0;
  const imports: { module: string; name: string; kind: CoreKind }[] = [];
  const exports = new Map<string, CoreKind>();
  const importKeys = new Set<string>();
  const checkType = (index: number): void => {
    if (index >= types) scope.fail('WC1101', `unknown type ${index}: type index out of bounds`);
  };
  for (const d of decls) {
    switch (d.kind) {
      case 'type':
        types += d.type.kind === 'rec' ? d.type.types.length : 1;
        break;
      case 'alias': {
        const outer = scope.outer(d.count - 1);
        const t = outer.coreTypes[d.index];
        if (d.count === 0 || t === undefined) scope.fail('WC1109', `invalid outer alias of core type ${d.index}`);
        if (t.k === 'module') scope.fail('WC1102', 'a core module type cannot be aliased into a core module type');
        types++;
        break;
      }
      case 'import': {
        const type = d.import.type;
        if (type.kind === 'func' || type.kind === 'tag') checkType(type.type);
        const key = `${d.import.module}\u0000${d.import.name}`;
        if (importKeys.has(key)) scope.fail('WC1105', `duplicate import name \`${d.import.module}::${d.import.name}\` already defined`);
        importKeys.add(key);
        imports.push({ module: d.import.module, name: d.import.name, kind: type.kind });
        break;
      }
      case 'export':
        if (d.type.kind === 'func' || d.type.kind === 'tag') checkType(d.type.type);
        if (exports.has(d.name)) scope.fail('WC1105', `duplicate export name \`${d.name}\` already defined`);
        exports.set(d.name, d.type.kind);
        break;
    }
  }
  return { k: 'module', imports, exports };
}

const MAX_CORE_ITEMS = 1_000_000;

function pushCore(scope: Scope, kind: CoreKind | 'type' | 'module' | 'instance', sig?: string): void {
  switch (kind) {
    case 'func':
      if (scope.coreFuncs.length >= MAX_CORE_ITEMS) scope.fail('WC1013', 'core functions count exceeds limit');
      scope.coreFuncs.push(sig);
      return;
    case 'table':
      scope.coreTables++;
      return;
    case 'memory':
      scope.coreMemories++;
      return;
    case 'global':
      scope.coreGlobals++;
      return;
    case 'tag':
      scope.coreTags++;
      return;
    default:
      return;
  }
}

function checkInstanceCount(scope: Scope): void {
  if (scope.instances.length + scope.coreInstances.length >= MAX_INSTANCES) {
    scope.fail('WC1013', `instances count exceeds limit of ${MAX_INSTANCES}`);
  }
}

export function coreSortCount(scope: Scope, sort: bin.CoreSort): number {
  switch (sort) {
    case 'func':
      return scope.coreFuncs.length;
    case 'table':
      return scope.coreTables;
    case 'memory':
      return scope.coreMemories;
    case 'global':
      return scope.coreGlobals;
    case 'tag':
      return scope.coreTags;
    case 'type':
      return scope.coreTypes.length;
    case 'module':
      return scope.modules.length;
    case 'instance':
      return scope.coreInstances.length;
  }
}

function addCoreInstance(scope: Scope, inst: bin.CoreInstance): void {
  checkInstanceCount(scope);
  if (inst.kind === 'instantiate') {
    const module = scope.at(scope.modules, inst.module, 'module');
    const args = new Map<string, Map<string, CoreKind> | undefined>();
    const sigs = new Map<string, Map<string, string> | undefined>();
    for (const a of inst.args) {
      if (args.has(a.name)) scope.fail('WC1108', `duplicate module instantiation argument named \`${a.name}\``);
      const arg = scope.at(scope.coreInstances, a.instance, 'core instance');
      args.set(a.name, arg.exports);
      sigs.set(a.name, arg.funcSigs);
    }
    for (const imp of module.imports ?? []) {
      if (!args.has(imp.module)) scope.fail('WC1108', `missing module instantiation argument named \`${imp.module}\``);
      const provided = args.get(imp.module);
      if (provided === undefined) continue;
      const kind = provided.get(imp.name);
      if (kind === undefined) {
        scope.fail('WC1108', `module instantiation argument \`${imp.module}\` does not export an item named \`${imp.name}\``);
      }
      if (kind !== imp.kind) {
        scope.fail('WC1108', `module instantiation argument \`${imp.module}\` exports \`${imp.name}\` as a ${kind}, but the module imports a ${imp.kind}`);
      }
      const sig = sigs.get(imp.module)?.get(imp.name);
      if (imp.sig !== undefined && sig !== undefined && !sameSignature(imp.sig, sig)) {
        scope.fail('WC1108', `type mismatch for export \`${imp.name}\` of module instantiation argument \`${imp.module}\`: expected (${imp.sig}), found (${sig})`);
      }
    }
    scope.coreInstances.push({ exports: module.exports, funcSigs: module.funcSigs });
    return;
  }
  const exports = new Map<string, CoreKind>();
  const funcSigs = new Map<string, string>();
  for (const e of inst.exports) {
    if (e.sort === 'type' || e.sort === 'module' || e.sort === 'instance') {
      scope.fail('WC1102', `a core instance cannot export a core ${e.sort}`);
    }
    scope.inBounds(coreSortCount(scope, e.sort), e.index, `core ${e.sort}`);
    if (exports.has(e.name)) scope.fail('WC1105', `export name \`${e.name}\` already exported`);
    exports.set(e.name, e.sort);
    const sig = e.sort === 'func' ? scope.coreFuncs[e.index] : undefined;
    if (sig !== undefined) funcSigs.set(e.name, sig);
  }
  scope.coreInstances.push({ exports, funcSigs });
}

// ───────────────────────────── instances ─────────────────────────────

/** The entity a `sortidx` names in this scope (values are marked used). */
export function entityAt(scope: Scope, item: bin.SortIdx): Entity {
  const sort = item.sort;
  if (typeof sort === 'object') {
    if (sort.core !== 'module') scope.fail('WC1102', `a core ${sort.core} cannot be used here`);
    return { kind: 'module', type: scope.at(scope.modules, item.index, 'module') };
  }
  switch (sort) {
    case 'func':
      return { kind: 'func', type: scope.at(scope.funcs, item.index, 'function') };
    case 'value': {
      const v = scope.at(scope.values, item.index, 'value');
      if (v.used) scope.fail('WC1114', `value ${item.index} cannot be used more than once`);
      v.used = true;
      return { kind: 'value', type: v.type };
    }
    case 'type':
      return { kind: 'type', type: scope.type(item.index) };
    case 'component':
      return { kind: 'component', type: scope.at(scope.components, item.index, 'component') };
    case 'instance':
      return { kind: 'instance', type: scope.at(scope.instances, item.index, 'instance') };
  }
}

/** Adds an entity to its index space (imports, exports and aliases all define a new index). */
export function pushEntity(scope: Scope, e: Entity): void {
  switch (e.kind) {
    case 'module':
      if (scope.modules.length >= MAX_MODULES) scope.fail('WC1013', `modules count exceeds limit of ${MAX_MODULES}`);
      scope.modules.push(e.type);
      return;
    case 'func':
      if (scope.funcs.length >= MAX_FUNCS) scope.fail('WC1013', `functions count exceeds limit of ${MAX_FUNCS}`);
      scope.funcs.push(e.type);
      return;
    case 'value':
      scope.values.push({ type: e.type, used: false });
      return;
    case 'type':
      if (scope.types.length + scope.coreTypes.length >= MAX_TYPES) scope.fail('WC1013', `types count exceeds limit of ${MAX_TYPES}`);
      scope.types.push(e.type);
      return;
    case 'component':
      if (scope.components.length >= MAX_COMPONENTS) scope.fail('WC1013', `components count exceeds limit of ${MAX_COMPONENTS}`);
      scope.components.push(e.type);
      return;
    case 'instance':
      checkInstanceCount(scope);
      scope.instances.push(e.type);
      return;
  }
}

function addInstance(scope: Scope, inst: bin.Instance): void {
  checkInstanceCount(scope);
  if (inst.kind === 'instantiate') {
    const component = scope.at(scope.components, inst.component, 'component');
    const args = new Map<string, Entity>();
    const resources: ResourceMap = new Map();
    for (const a of inst.args) {
      const e = entityAt(scope, a.item);
      if (args.has(a.name)) scope.fail('WC1108', `instantiation argument \`${a.name}\` conflicts with previous argument \`${a.name}\``);
      args.set(a.name, e);
    }
    // Imports are checked in order: the resources of earlier ones are paired with the arguments' first, so later
    // imports that use them are compared in terms of the arguments' resources.
    const memo = new Map<object, AnyT>();
    for (const [name, want] of component.imports) {
      const got = args.get(name);
      if (got === undefined) scope.fail('WC1108', `missing import named \`${name}\``);
      // The import's own abstract resources (`sub resource`) are bound to the argument's first.
      const paired = resources.size;
      pairResources(want, got, resources);
      if (resources.size !== paired) memo.clear();
      const why = entityMismatch(got, substituteEntity(want, resources, memo));
      if (why !== undefined) scope.fail('WC1108', `type mismatch for import \`${name}\`: ${why}`);
    }
    // The instance's exports speak of the arguments' resources where they speak of the component's imported ones.
    const exports = new Map([...component.exports].map(([n, e]) => [n, substituteEntity(e, resources, memo)] as const));
    scope.instances.push({ k: 'instance', exports, info: component.info });
    return;
  }
  const exports = new Map<string, Entity>();
  const keys = new Map<string, string>();
  for (const e of inst.exports) {
    const entity = entityAt(scope, e.item);
    checkBagExport(scope, e.name, entity, keys);
    exports.set(e.name.name, entity);
  }
  scope.instances.push({ k: 'instance', exports, info: infoOf([...exports.values()], scope) });
}

function checkBagExport(scope: Scope, name: bin.ExternName, entity: Entity, keys: Map<string, string>): void {
  // A bag of exports introduces no indices, so no resource names are known in it: names are only checked for form
  // and uniqueness (as wasmparser does with an empty name context).
  checkExtern(scope, name, entity, 'export', { keys, bag: true });
}

// ───────────────────────────── aliases ─────────────────────────────

function addAlias(scope: Scope, a: bin.Alias): void {
  switch (a.kind) {
    case 'export': {
      const inst = scope.at(scope.instances, a.instance, 'instance');
      const e = inst.exports.get(a.name);
      if (e === undefined) scope.fail('WC1109', `instance ${a.instance} has no export named \`${a.name}\``);
      const want = sortName(a.sort);
      if (want !== e.kind) scope.fail('WC1109', `export \`${a.name}\` for instance ${a.instance} is not a ${entityKindName(want as Entity['kind'])}`);
      pushEntity(scope, e);
      return;
    }
    case 'core-export': {
      const sort = a.sort;
      if (typeof sort !== 'object' || sort.core === 'type' || sort.core === 'module' || sort.core === 'instance') {
        scope.fail('WC1109', 'a core export alias must be of a core function, table, memory, global or tag');
      }
      const inst = scope.at(scope.coreInstances, a.instance, 'core instance');
      if (inst.exports !== undefined) {
        const kind = inst.exports.get(a.name);
        if (kind === undefined) scope.fail('WC1109', `core instance ${a.instance} has no export named \`${a.name}\``);
        if (kind !== sort.core) scope.fail('WC1109', `export \`${a.name}\` of core instance ${a.instance} is a ${kind}, not a ${sort.core}`);
      }
      pushCore(scope, sort.core, sort.core === 'func' ? inst.funcSigs?.get(a.name) : undefined);
      return;
    }
    case 'outer': {
      const outer = scope.outer(a.count);
      const sort = a.sort;
      if (typeof sort === 'object') {
        if (sort.core === 'module') {
          scope.modules.push(outer.at(outer.modules, a.index, 'module'));
          return;
        }
        if (sort.core === 'type') {
          scope.coreTypes.push(outerCoreType(scope, outer, a.index));
          return;
        }
        scope.fail('WC1109', `an outer alias cannot refer to a core ${sort.core}`);
      }
      if (sort === 'component') {
        scope.components.push(outer.at(outer.components, a.index, 'component'));
        return;
      }
      if (sort === 'type') {
        const t = outer.type(a.index);
        // Crossing into another component (the scope just inside the target is a component, not a type): the type
        // may not refer to resources, so each component stays a closed unit.
        if (a.count > 0 && scope.outer(a.count - 1).kind === 'component' && mentionsResource(t, 0)) {
          scope.fail('WC1109', 'cannot alias outer type which transitively refers to resources not defined in the current component');
        }
        scope.types.push(t);
        return;
      }
      scope.fail('WC1109', `an outer alias cannot refer to a ${sort}: only types, modules and components`);
    }
  }
}

/** Does a type refer to a resource (wasmparser's free variables, for outer aliases across components)? */
function mentionsResource(t: AnyT | ValT, depth: number): boolean {
  if (typeof t === 'string' || depth > MAX_DEPTH_WALK) return false;
  switch (t.k) {
    case 'resource':
      return true;
    case 'defined':
      return t.resource !== undefined || t.parts.some((p) => mentionsResource(p, depth + 1));
    case 'func':
      return t.params.some((p) => mentionsResource(p.type, depth + 1)) || (t.result !== undefined && mentionsResource(t.result, depth + 1));
    default:
      return false;
  }
}

/** Types nest at most 100 deep (checked when defined): a walk never needs to go further. */
const MAX_DEPTH_WALK = 200;

function outerCoreType(scope: Scope, outer: Scope, index: number): CoreTypeT {
  const t = outer.coreTypes[index];
  if (t === undefined) scope.fail('WC1101', `unknown core type ${index}: type index out of bounds`);
  return t;
}

function sortName(sort: bin.Sort): string {
  if (typeof sort === 'object') return sort.core === 'module' ? 'module' : `core ${sort.core}`;
  return sort;
}

// ───────────────────────────── exports and start ─────────────────────────────

function addExport(scope: Scope, e: bin.Export): void {
  let entity = entityAt(scope, e.item);
  if (e.type !== undefined) {
    const ascribed = entityOfExternType(scope, e.type, 'export');
    const why = entityMismatch(entity, ascribed);
    if (why !== undefined && !(ascribed.kind === 'type' && ascribed.type.k === 'resource' && entity.kind === 'type' && entity.type.k === 'resource')) {
      scope.fail('WC1102', `ascribed type of export \`${e.name.name}\` is not compatible with the item's type: ${why}`);
    }
    if (entity.kind === 'type' && ascribed.kind === 'type' && ascribed.type.k === 'resource' && entity.type.k !== 'resource') {
      scope.fail('WC1102', `export \`${e.name.name}\` is ascribed a resource type, but the item is not a resource`);
    }
    // The ascribed type is the export's type (its own/borrow name the resources as exported); a `(sub resource)`
    // ascription keeps the item's resource, whose identity later uses compare.
    if (!(ascribed.kind === 'type' && ascribed.type.k === 'resource')) entity = ascribed;
  }
  // Exporting a type creates a new name for it (and a new index): later uses must go through that name.
  if (entity.kind === 'type') entity = { kind: 'type', type: aliasOf(entity.type) };
  if (!registerNamedTypes(scope, entity, 'export', e.name.name)) {
    scope.fail('WC1112', `${entityKindName(entity.kind)} not valid to be used as export: a type it uses is neither imported nor exported before it`);
  }
  checkExtern(scope, e.name, entity, 'export');
  pushEntity(scope, entity);
}

function validateStart(scope: Scope, start: bin.Start): void {
  const f = scope.at(scope.funcs, start.func, 'function');
  if (f.params.length !== start.args.length) {
    scope.fail('WC1114', `component start function requires ${f.params.length} arguments but was given ${start.args.length}`);
  }
  for (const a of start.args) {
    const v = scope.at(scope.values, a, 'value');
    if (v.used) scope.fail('WC1114', `value ${a} cannot be used more than once`);
    v.used = true;
  }
  const results = f.result === undefined ? 0 : 1;
  if (results !== start.results) {
    scope.fail('WC1114', `component start function has a result count of ${results} but the function type has a result count of ${start.results}`);
  }
  for (let i = 0; i < start.results; i++) scope.values.push({ type: f.result ?? 'bool', used: false });
}

