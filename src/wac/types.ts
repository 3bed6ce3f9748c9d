import type { PrimValType } from '../binary/ast.js';
import type { ComponentType, DefinedType, Extern, FuncType, InstanceType, ResourceType, ValueType } from '../types/model.js';
import { isNamedNonValueType, newResource } from '../types/model.js';
import type * as ast from './ast.js';

/**
 * WAC type statements (`interface`, `world`, `resource`, `record`, `variant`, `flags`, `enum`, `type`) turned into
 * wcompose's type model, so imports declared with them are encoded, checked and merged like any other type. WAC is
 * evaluated top down: a name is usable after its declaration.
 */

/** What a name in a scope stands for, as far as types go. */
export type TypeItem =
  | { kind: 'interface'; type: InstanceType; name: string }
  | { kind: 'world'; type: ComponentType; name: string }
  | { kind: 'value'; type: ValueType }
  | { kind: 'resource'; type: ResourceType }
  | { kind: 'func'; type: FuncType };

export function describeItem(item: TypeItem): string {
  switch (item.kind) {
    case 'interface':
      return 'interface';
    case 'world':
      return 'world';
    case 'value':
      return 'value type';
    case 'resource':
      return 'resource';
    case 'func':
      return 'function type';
  }
}

/** How the builder reports a problem at a place in the document, and looks names up outside what it declares. */
export interface TypeContext {
  fail(span: ast.Ident['span'], message: string, code?: 'WC6002' | 'WC6003' | 'WC6006' | 'WC6020'): never;
  /** A name of the document (declared before), or undefined. */
  lookup(name: string): TypeItem | undefined;
  /** The interface a `use` or `include` names by package path (a WIT package in the deps). */
  packageItem(path: ast.PackagePath): Promise<TypeItem>;
}

const primitive: Record<string, PrimValType> = {
  u8: 'u8', s8: 's8', u16: 'u16', s16: 's16', u32: 'u32', s32: 's32', u64: 'u64', s64: 's64',
  f32: 'f32', f64: 'f64', float32: 'f32', float64: 'f64', char: 'char', bool: 'bool', string: 'string',
};

/** A scope of type names: its own declarations, then the enclosing one's. */
export class TypeScope {
  private readonly own = new Map<string, TypeItem>();
  /**
   * Set in an interface's scope: hears of named types from outside the interface that its items use, so the
   * interface exports them too (an imported instance's functions may only use types the instance names).
   */
  private outer: ((name: string, t: ValueType | ResourceType) => void) | undefined;

  constructor(private readonly ctx: TypeContext, private readonly parent?: TypeScope) {}

  private fromOutside(name: string, item: TypeItem): void {
    if (this.outer === undefined || this.own.has(name)) return;
    if (item.kind === 'resource') this.outer(name, item.type);
    else if (item.kind === 'value' && typeof item.type !== 'string' && ['record', 'variant', 'enum', 'flags'].includes(item.type.kind)) this.outer(name, item.type);
  }

  get(name: string): TypeItem | undefined {
    return this.own.get(name) ?? this.parent?.get(name) ?? (this.parent === undefined ? this.ctx.lookup(name) : undefined);
  }

  define(id: ast.Ident, item: TypeItem, what = 'type'): void {
    if (this.own.has(id.name)) this.ctx.fail(id.span, `${what} \`${id.name}\` is already defined`, 'WC6003');
    this.own.set(id.name, item);
  }

  // ---- value and function types ----------------------------------------------------------------------------------

  valueType(t: ast.TypeAst): ValueType {
    switch (t.kind) {
      case 'prim':
        return primitive[t.name]!;
      case 'tuple':
        return { kind: 'tuple', types: t.types.map((x) => this.valueType(x)) };
      case 'list':
        return { kind: 'list', element: this.valueType(t.element), length: undefined };
      case 'option':
        return { kind: 'option', type: this.valueType(t.type) };
      case 'result':
        return { kind: 'result', ok: t.ok && this.valueType(t.ok), err: t.err && this.valueType(t.err) };
      case 'stream':
        return { kind: 'stream', element: t.element && this.valueType(t.element) };
      case 'future':
        return { kind: 'future', element: t.element && this.valueType(t.element) };
      case 'borrow':
      case 'own':
        return { kind: t.kind, resource: this.resource(t.type) };
      case 'ref': {
        const item = this.get(t.id.name);
        if (item === undefined) this.ctx.fail(t.id.span, `undefined name \`${t.id.name}\``, 'WC6002');
        this.fromOutside(t.id.name, item);
        if (item.kind === 'value') return item.type;
        if (item.kind === 'resource') return { kind: 'own', resource: item.type };
        return this.ctx.fail(t.id.span, `\`${t.id.name}\` (${describeItem(item)}) cannot be used as a value type`, 'WC6006');
      }
    }
  }

  private resource(t: ast.TypeAst): ResourceType {
    if (t.kind === 'ref') {
      const item = this.get(t.id.name);
      if (item === undefined) this.ctx.fail(t.id.span, `undefined name \`${t.id.name}\``, 'WC6002');
      this.fromOutside(t.id.name, item);
      if (item.kind === 'resource') return item.type;
      return this.ctx.fail(t.id.span, `\`${t.id.name}\` (${describeItem(item)}) is not a resource type`, 'WC6006');
    }
    return this.ctx.fail(t.span, 'a handle (`borrow<…>`, `own<…>`) takes a resource type', 'WC6006');
  }

  funcType(f: ast.FuncTypeAst, kind = 'function', self?: ResourceType): FuncType {
    const params: FuncType['params'] = self === undefined ? [] : [{ name: 'self', type: { kind: 'borrow', resource: self } }];
    const seen = new Set(params.map((p) => p.name));
    for (const p of f.params) {
      if (seen.has(p.id.name)) this.ctx.fail(p.id.span, `duplicate ${kind} parameter \`${p.id.name}\``, 'WC6020');
      seen.add(p.id.name);
      params.push({ name: p.id.name, type: this.valueType(p.type) });
    }
    let result: ValueType | undefined;
    if (f.results.kind === 'scalar') {
      result = this.valueType(f.results.type);
      if (containsBorrow(result, 0)) this.ctx.fail(f.results.type.span, 'function result cannot recursively contain a borrow type', 'WC6020');
    } else if (f.results.kind === 'named') {
      if (f.results.results.length > 0) {
        this.ctx.fail(f.results.results[0]!.id.span, 'named results are not part of the component model any more: return one type (e.g. a tuple or a record)', 'WC6020');
      }
    }
    return { kind: 'func', async: false, params, result };
  }

  // ---- declarations ----------------------------------------------------------------------------------------------

  /** A `variant`, `record`, `flags`, `enum` or `type` declaration: defines its name here. */
  typeDecl(d: ast.TypeDecl): TypeItem {
    let item: TypeItem;
    const unique = (ids: ast.Ident[], what: string): string[] => {
      const seen = new Set<string>();
      for (const i of ids) {
        if (seen.has(i.name)) this.ctx.fail(i.span, `duplicate ${what} \`${i.name}\` for ${d.kind} type \`${d.id.name}\``, 'WC6020');
        seen.add(i.name);
      }
      return ids.map((i) => i.name);
    };
    switch (d.kind) {
      case 'variant':
        unique(d.cases.map((c) => c.id), 'case');
        item = { kind: 'value', type: { kind: 'variant', cases: d.cases.map((c) => ({ name: c.id.name, type: c.type && this.valueType(c.type) })) } };
        break;
      case 'record':
        unique(d.fields.map((f) => f.id), 'field');
        item = { kind: 'value', type: { kind: 'record', fields: d.fields.map((f) => ({ name: f.id.name, type: this.valueType(f.type) })) } };
        break;
      case 'flags':
        item = { kind: 'value', type: { kind: 'flags', names: unique(d.names, 'flag') } };
        break;
      case 'enum':
        item = { kind: 'value', type: { kind: 'enum', names: unique(d.names, 'case') } };
        break;
      case 'type-alias':
        item = this.alias(d);
        break;
    }
    this.define(d.id, item);
    return item;
  }

  private alias(d: Extract<ast.TypeDecl, { kind: 'type-alias' }>): TypeItem {
    if (d.type.kind === 'func') return { kind: 'func', type: this.funcType(d.type.func) };
    const t = d.type.type;
    if (t.kind === 'ref') {
      const item = this.get(t.id.name);
      if (item === undefined) this.ctx.fail(t.id.span, `undefined name \`${t.id.name}\``, 'WC6002');
      if (item.kind === 'resource' || item.kind === 'func') return item;
      if (item.kind !== 'value') this.ctx.fail(t.id.span, `\`${t.id.name}\` (${describeItem(item)}) cannot be used in a type alias`, 'WC6006');
    }
    const target = this.valueType(t);
    // A name for a type is a new identity with the same structure (model.ts `aliasOf`).
    const type: DefinedType = typeof target === 'string' ? { kind: 'alias', type: target } : { ...target, aliasOf: target };
    return { kind: 'value', type };
  }

  /** A resource and its functions, as an interface (or world) exports them. */
  resourceDecl(d: ast.ResourceDecl, exports: Map<string, Extern>, declared: ResourceType[]): void {
    const r = newResource(d.id.name);
    declared.push(r);
    this.define(d.id, { kind: 'resource', type: r });
    exports.set(d.id.name, { kind: 'type', type: r });
    let constructor = false;
    const methods = new Set<string>();
    for (const item of d.items) {
      if (item.kind === 'constructor') {
        if (constructor) this.ctx.fail(item.span, `duplicate constructor for resource \`${d.id.name}\``, 'WC6020');
        constructor = true;
        const f = this.funcType({ params: item.params, results: { kind: 'none' }, span: item.span }, 'constructor');
        exports.set(`[constructor]${d.id.name}`, { kind: 'func', type: { ...f, result: { kind: 'own', resource: r } } });
      } else {
        if (methods.has(item.id.name)) this.ctx.fail(item.id.span, `duplicate method \`${item.id.name}\` for resource \`${d.id.name}\``, 'WC6020');
        methods.add(item.id.name);
        const name = `[${item.static ? 'static' : 'method'}]${d.id.name}.${item.id.name}`;
        exports.set(name, { kind: 'func', type: this.funcType(item.func, 'function', item.static ? undefined : r) });
      }
    }
  }

  /** The items of an interface (declared or inline): an instance type. */
  async interfaceType(items: ast.InterfaceItem[]): Promise<InstanceType> {
    const scope = new TypeScope(this.ctx, this);
    const exports = new Map<string, Extern>();
    const declared: ResourceType[] = [];
    const exported = (id: ast.Ident): void => {
      if (exports.has(id.name)) this.ctx.fail(id.span, `duplicate interface export \`${id.name}\``, 'WC6003');
    };
    scope.outer = (name, t): void => {
      if (exports.has(name)) return;
      exports.set(name, { kind: 'type', type: t });
      // A resource declared outside any interface: this interface is where the composition's import names it.
      if (typeof t !== 'string' && t.kind === 'resource') declared.push(t);
    };
    for (const item of items) {
      switch (item.kind) {
        case 'use':
          await scope.use(item, (id, t) => {
            exported(id);
            exports.set(id.name, { kind: 'type', type: t });
          });
          break;
        case 'resource':
          exported(item.id);
          scope.resourceDecl(item, exports, declared);
          break;
        case 'func-export': {
          exported(item.id);
          let type: FuncType;
          if (item.func.kind === 'func') type = scope.funcType(item.func.func);
          else {
            const found = scope.get(item.func.id.name);
            if (found === undefined) this.ctx.fail(item.func.id.span, `undefined name \`${item.func.id.name}\``, 'WC6002');
            if (found.kind !== 'func') this.ctx.fail(item.func.id.span, `\`${item.func.id.name}\` (${describeItem(found)}) is not a function type`, 'WC6006');
            type = found.type;
          }
          exports.set(item.id.name, { kind: 'func', type });
          break;
        }
        default: {
          exported(item.id);
          const t = scope.typeDecl(item);
          if (t.kind === 'value' || t.kind === 'resource') exports.set(item.id.name, { kind: 'type', type: t.type });
          else if (t.kind === 'func') this.ctx.fail(item.id.span, 'a function type alias cannot be exported by an interface: declare a function instead', 'WC6006');
        }
      }
    }
    return { kind: 'instance', exports, declared };
  }

  /** `use iface.{a, b as c};`: the types of another interface, by the same identity. */
  async use(u: ast.UseItem, onType: (id: ast.Ident, t: ValueType | ResourceType) => void): Promise<void> {
    let from: TypeItem;
    if (u.path.kind === 'ident') {
      const found = this.get(u.path.id.name);
      if (found === undefined) this.ctx.fail(u.path.id.span, `undefined name \`${u.path.id.name}\``, 'WC6002');
      from = found;
    } else from = await this.ctx.packageItem(u.path.path);
    const span = u.path.kind === 'ident' ? u.path.id.span : u.path.path.span;
    if (from.kind !== 'interface') this.ctx.fail(span, `\`${u.path.kind === 'ident' ? u.path.id.name : pathText(u.path.path)}\` (${describeItem(from)}) is not an interface`, 'WC6006');
    for (const { id, as } of u.items) {
      const e = from.type.exports.get(id.name);
      if (e === undefined || e.kind !== 'type') {
        this.ctx.fail(id.span, `a type named \`${id.name}\` is not defined in interface \`${from.name}\``, 'WC6002');
      }
      const t = e.type;
      // A component may export a function, instance or component type by name; WIT cannot `use` one.
      if (isNamedNonValueType(t)) this.ctx.fail(id.span, `\`${id.name}\` in interface \`${from.name}\` is a ${t.kind} type, not a value type`, 'WC6006');
      const local = as ?? id;
      this.define(local, typeof t !== 'string' && t.kind === 'resource' ? { kind: 'resource', type: t } : { kind: 'value', type: t as ValueType }, 'type');
      onType(local, t);
    }
  }

  /** A world's imports and exports: a component type. */
  async worldType(d: ast.WorldDecl): Promise<ComponentType> {
    const scope = new TypeScope(this.ctx, this);
    const imports = new Map<string, Extern>();
    const exports = new Map<string, Extern>();
    const declared: ResourceType[] = [];
    const add = (into: Map<string, Extern>, kind: string, name: string, e: Extern, span: ast.Ident['span']): void => {
      if (into.has(name)) this.ctx.fail(span, `${kind} \`${name}\` conflicts with existing ${kind} of the same name in world \`${d.id.name}\``, 'WC6003');
      into.set(name, e);
    };
    for (const item of d.items) {
      switch (item.kind) {
        case 'use':
          await scope.use(item, (id, t) => imports.set(id.name, { kind: 'type', type: t }));
          break;
        case 'resource':
          scope.resourceDecl(item, imports, declared);
          break;
        case 'world-import':
        case 'world-export': {
          const kind = item.kind === 'world-import' ? 'import' : 'export';
          const into = kind === 'import' ? imports : exports;
          const { name, extern } = await scope.worldItem(item.item, kind);
          add(into, kind, name, extern, item.span);
          break;
        }
        case 'include': {
          let from: TypeItem;
          if (item.world.kind === 'ident') {
            const found = scope.get(item.world.id.name);
            if (found === undefined) this.ctx.fail(item.world.id.span, `undefined name \`${item.world.id.name}\``, 'WC6002');
            from = found;
          } else from = await this.ctx.packageItem(item.world.path);
          const span = item.world.kind === 'ident' ? item.world.id.span : item.world.path.span;
          if (from.kind !== 'world') this.ctx.fail(span, `\`${from.kind === 'interface' ? from.name : '…'}\` (${describeItem(from)}) is not a world`, 'WC6006');
          const renames = new Map<string, ast.Ident>();
          for (const w of item.with) {
            if (renames.has(w.id.name)) this.ctx.fail(w.id.span, `duplicate \`${w.id.name}\` in world include \`with\` clause`, 'WC6003');
            if (!from.type.imports.has(w.id.name) && !from.type.exports.has(w.id.name)) {
              this.ctx.fail(w.id.span, `world \`${from.name}\` does not have an import or export named \`${w.id.name}\``, 'WC6002');
            }
            renames.set(w.id.name, w.as);
          }
          for (const [kind, src, into] of [['import', from.type.imports, imports], ['export', from.type.exports, exports]] as const) {
            for (const [name, e] of src) {
              const renamed = renames.get(name);
              const target = renamed?.name ?? name;
              const existing = into.get(target);
              if (existing !== undefined && existing !== e) {
                this.ctx.fail(renamed?.span ?? span, `${kind} \`${target}\` from world \`${from.name}\` conflicts with ${kind} of the same name in world \`${d.id.name}\``, 'WC6003');
              }
              into.set(target, e);
            }
          }
          declared.push(...from.type.declared);
          break;
        }
        default: {
          const t = scope.typeDecl(item);
          if (t.kind === 'value' || t.kind === 'resource') imports.set(item.id.name, { kind: 'type', type: t.type });
        }
      }
    }
    return { kind: 'component', imports, exports, declared };
  }

  private async worldItem(p: ast.WorldItemPath, kind: string): Promise<{ name: string; extern: Extern }> {
    if (p.kind === 'path') {
      const item = await this.ctx.packageItem(p.path);
      if (item.kind !== 'interface') this.ctx.fail(p.path.span, `\`${pathText(p.path)}\` (${describeItem(item)}) is not an interface`, 'WC6006');
      return { name: item.name, extern: { kind: 'instance', type: item.type } };
    }
    if (p.kind === 'ident') {
      const item = this.get(p.id.name);
      if (item === undefined) this.ctx.fail(p.id.span, `undefined name \`${p.id.name}\``, 'WC6002');
      if (item.kind !== 'interface') this.ctx.fail(p.id.span, `\`${p.id.name}\` (${describeItem(item)}) is not an interface`, 'WC6006');
      return { name: p.id.name, extern: { kind: 'instance', type: item.type } };
    }
    const t = p.type;
    if (t.kind === 'func') return { name: p.id.name, extern: { kind: 'func', type: this.funcType(t.func) } };
    if (t.kind === 'inline-interface') return { name: p.id.name, extern: { kind: 'instance', type: await this.interfaceType(t.items) } };
    const item = this.get(t.id.name);
    if (item === undefined) this.ctx.fail(t.id.span, `undefined name \`${t.id.name}\``, 'WC6002');
    if (item.kind === 'interface') return { name: p.id.name, extern: { kind: 'instance', type: item.type } };
    if (item.kind === 'func') return { name: p.id.name, extern: { kind: 'func', type: item.type } };
    return this.ctx.fail(t.id.span, `\`${t.id.name}\` (${describeItem(item)}) is not a function type or interface (world ${kind})`, 'WC6006');
  }
}

function containsBorrow(t: ValueType, depth: number): boolean {
  if (typeof t === 'string' || depth > 100) return false;
  switch (t.kind) {
    case 'borrow':
      return true;
    case 'record':
      return t.fields.some((f) => containsBorrow(f.type, depth + 1));
    case 'variant':
      return t.cases.some((c) => c.type !== undefined && containsBorrow(c.type, depth + 1));
    case 'tuple':
      return t.types.some((x) => containsBorrow(x, depth + 1));
    case 'list':
      return containsBorrow(t.element, depth + 1);
    case 'option':
      return containsBorrow(t.type, depth + 1);
    case 'result':
      return (t.ok !== undefined && containsBorrow(t.ok, depth + 1)) || (t.err !== undefined && containsBorrow(t.err, depth + 1));
    default:
      return false;
  }
}

export function pathText(p: ast.PackagePath): string {
  return `${p.package}/${p.segments.join('/')}${p.version === undefined ? '' : `@${p.version}`}`;
}
