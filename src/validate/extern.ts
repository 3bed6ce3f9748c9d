import type * as bin from '../binary/ast.js';
import { isSemver, NameError, parseExternName, type ExternNameInfo } from './names.js';
import { ResourceNames, type Scope } from './scope.js';
import type { AnyT, DefinedT, Entity, FuncT, ResourceT, ValT } from './types.js';

type Position = 'import' | 'export';

export interface ExternOptions {
  /** Uniqueness keys of the names so far (default: the scope's imports or exports). */
  keys?: Map<string, string>;
  /** A bag of exports (`(instance (export …))`): no index space, no resource names known. */
  bag?: boolean;
}

/**
 * The checks wasmparser's `validate_extern` makes on an import or export: the name's grammar, which name forms an
 * export may take, the name attributes, `[constructor]`/`[method]`/`[static]` against the resources named here, and
 * uniqueness. Records the entity under its name in the scope (except in a bag of exports).
 */
export function checkExtern(scope: Scope, name: bin.ExternName, entity: Entity, position: Position, options: ExternOptions = {}): void {
  let parsed: ExternNameInfo;
  try {
    parsed = parseExternName(name.name);
  } catch (e) {
    if (!(e instanceof NameError)) throw e;
    scope.fail('WC1104', `${position} name \`${name.name}\` is not a valid extern name: ${e.message}`);
  }
  if (position === 'export' && (parsed.kind === 'dependency' || parsed.kind === 'url' || parsed.kind === 'hash')) {
    scope.fail('WC1104', `name \`${name.name}\` is not a valid export name`);
  }
  let suffix: string | undefined;
  for (const a of name.attributes ?? []) {
    if (a.kind === 'implements') {
      if (parsed.kind !== 'label') scope.fail('WC1104', `name \`${name.name}\` is not valid with \`implements\``);
      if (entity.kind !== 'instance') scope.fail('WC1104', 'only instances can have an `implements`');
      let target: ExternNameInfo | undefined;
      try {
        target = parseExternName(a.interface);
      } catch {
        target = undefined;
      }
      if (target?.kind !== 'interface') scope.fail('WC1104', `name \`${a.interface}\` must be an interface`);
    } else if (a.kind === 'versionsuffix') {
      if (entity.kind !== 'instance') scope.fail('WC1104', 'only instances can have an `versionsuffix`');
      suffix = a.suffix;
    }
  }
  const context = options.bag === true
    ? new ResourceNames()
    : position === 'import' ? scope.importedResources : scope.exportedResources;
  checkResourceFunc(scope, name.name, parsed, entity, context, suffix);

  const keys = options.keys ?? (position === 'import' ? scope.importKeys : scope.exportKeys);
  const prev = keys.get(parsed.key);
  if (prev !== undefined) scope.fail('WC1105', `${position} name \`${name.name}\` conflicts with previous name \`${prev}\``);
  keys.set(parsed.key, name.name);
  if (options.bag !== true) (position === 'import' ? scope.imports : scope.exports).set(name.name, entity);
}

function checkResourceFunc(
  scope: Scope, raw: string, parsed: ExternNameInfo, entity: Entity, context: ResourceNames, suffix: string | undefined,
): void {
  const fail = (why: string): never => scope.fail('WC1106', `name \`${raw}\` is not valid: ${why}`);
  const func = (): FuncT => {
    if (entity.kind !== 'func') fail('item is not a func');
    return (entity as { type: FuncT }).type;
  };
  const named = (r: ResourceT, expected: string): void => {
    const name = context.byResource.get(r);
    if (name === undefined) fail('resource used in function does not have a name in this context');
    if (name !== expected) fail(`function does not match expected resource name \`${name}\``);
  };
  switch (parsed.kind) {
    case 'interface':
      if (parsed.version !== undefined && !isSemver(parsed.version + (suffix ?? ''))) {
        scope.fail('WC1104', `name \`${raw}\` is not valid: invalid interface version \`${parsed.version}${suffix ?? ''}\``);
      }
      return;
    case 'constructor': {
      const f = func();
      if (f.async) fail('constructor function cannot be async');
      if (f.result === undefined) return fail('function should return one value');
      const r = ownedResource(f.result);
      if (r === undefined) fail('function should return `(own $T)` or `(result (own $T))`');
      named(r!, parsed.resource!);
      return;
    }
    case 'method': {
      const f = func();
      const first = f.params[0];
      if (first === undefined) fail('function should have at least one argument');
      if (first!.name !== 'self') fail('function should have a first argument called `self`');
      const t = first!.type;
      if (typeof t === 'string' || t.kind !== 'borrow') fail('function should take a first argument of `(borrow $T)`');
      named((t as DefinedT).resource!, parsed.resource!);
      return;
    }
    case 'static':
      func();
      if (!context.all.has(parsed.resource!)) fail('static resource name is not known in this context');
      return;
    default:
      return;
  }
}

function ownedResource(t: ValT): ResourceT | undefined {
  if (typeof t === 'string') return undefined;
  if (t.kind === 'own') return t.resource;
  if (t.kind === 'result' && t.ok !== undefined && typeof t.ok !== 'string' && t.ok.kind === 'own') return t.ok.resource;
  return undefined;
}

// ───────────────────────────── types used by imports and exports must be named ─────────────────────────────

/**
 * wasmparser's `validate_and_register_named_types`: registers a top-level resource's name, and (in components and
 * component types) checks that every type an import or export refers to was itself imported or exported before it,
 * then records the types this one makes available.
 */
export function registerNamedTypes(scope: Scope, entity: Entity, position: Position, toplevel: string | undefined): boolean {
  if (toplevel !== undefined && entity.kind === 'type' && entity.type.k === 'resource') {
    (position === 'import' ? scope.importedResources : scope.exportedResources).register(toplevel, entity.type);
  }
  if (scope.kind === 'instance type') return true;
  const set = position === 'import' ? scope.importedTypes : scope.exportedTypes;
  switch (entity.kind) {
    case 'type': {
      if (!allNamed(entity.type, set)) return false;
      // Resources are named per alias (the object at a type index), as wasmparser names `AliasableResourceId`s.
      if (position === 'import') scope.importedTypes.add(entity.type);
      scope.exportedTypes.add(entity.type);
      return true;
    }
    case 'instance':
      for (const e of entity.type.exports.values()) if (!registerNamedTypes(scope, e, position, undefined)) return false;
      return true;
    case 'func':
      return namedInFunc(entity.type, set);
    case 'value':
      return namedVal(entity.type, set);
    case 'component':
    case 'module':
      return true;
  }
}

function allNamed(t: AnyT, set: ReadonlySet<object>): boolean {
  switch (t.k) {
    case 'resource':
    case 'component':
      return true;
    case 'defined':
      return namedInDefined(t, set);
    case 'func':
      return namedInFunc(t, set);
    case 'instance':
      for (const e of t.exports.values()) {
        const ok = e.kind === 'func' ? namedInFunc(e.type, set)
          : e.kind === 'type' ? allNamed(e.type, set)
            : e.kind === 'value' ? typeof e.type === 'string' || namedInDefined(e.type, set)
              : e.kind === 'instance' ? allNamed(e.type, set)
                : true;
        if (!ok) return false;
      }
      return true;
  }
}

function namedInFunc(f: FuncT, set: ReadonlySet<object>): boolean {
  return f.params.every((p) => namedVal(p.type, set)) && (f.result === undefined || namedVal(f.result, set));
}

function namedInDefined(d: DefinedT, set: ReadonlySet<object>): boolean {
  switch (d.kind) {
    case 'prim':
    case 'flags':
    case 'enum':
      return true;
    case 'own':
    case 'borrow':
      return set.has(d.resource!);
    default:
      return d.parts.every((p) => namedVal(p, set));
  }
}

function namedVal(t: ValT, set: ReadonlySet<object>): boolean {
  if (typeof t === 'string') return true;
  switch (t.kind) {
    case 'prim':
      return true;
    case 'flags':
    case 'enum':
    case 'record':
    case 'variant':
      return set.has(t);
    case 'own':
    case 'borrow':
      return set.has(t.resource!);
    default:
      return t.parts.every((p) => namedVal(p, set));
  }
}
