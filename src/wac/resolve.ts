import { findCompatible } from '../check/names.js';
import { formatFinding, type Finding } from '../check/finding.js';
import { checkTarget } from '../check/target.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { isWcomposeError } from '../diagnostics/error.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type {
  ArgumentSpec, ComponentInput, CompositionSpec, DeclaredImport, ExportSpec, InstanceSpec, Plan,
} from '../graph/model.js';
import { plan as planGraph, type PlanOptions } from '../graph/plan.js';
import type { ComponentType, Extern, ResourceType } from '../types/model.js';
import { isResource } from '../types/model.js';
import { Substitution } from '../types/substitute.js';
import type * as ast from './ast.js';
import { WacError } from './error.js';
import { isSemver, isValidId, type Span } from './lexer.js';
import { witInterface, witWorld, type Package, type PackageResolver } from './packages.js';
import { parseWac } from './parser.js';
import { describeItem, pathText, TypeScope, type TypeContext, type TypeItem } from './types.js';

/**
 * Resolves a WAC document into a composition spec, with wac's meaning: explicit `import` statements by name and type,
 * one instance per `new` with exactly the arguments written (inferred, named, spread), the trailing `...` importing
 * what is left (implicit imports, merged across instantiations), no automatic plugging, and the exports the `export`
 * statements name. Every problem is a WC6xxx error at its line and column.
 */

/** What a name of the composition stands for. */
type Value =
  | { kind: 'instance'; instance: string; package: string; exports: Map<string, Extern> }
  | { kind: 'import'; name: string; extern: Extern; path: string | undefined }
  /** An export of an instance; `path`: an export of that instance export, at any depth (`i.a.b`). */
  | { kind: 'instance-export'; instance: string; export: string; path?: string[] | undefined; extern: Extern }
  | { kind: 'import-export'; import: string; export: string; path?: string[] | undefined; extern: Extern };

type Entry = { kind: 'value'; value: Value; span: Span } | { kind: 'type'; item: TypeItem; span: Span };

export interface ResolvedWac {
  document: ast.Document;
  spec: CompositionSpec;
  /** Plans the spec, with problems reported at their place in the document, and checks the `targets` world. */
  plan(options?: PlanOptions): Plan;
}

export async function resolveWac(source: string, file: string, packages: PackageResolver): Promise<ResolvedWac> {
  const document = parseWac(source, file);
  return new Resolver(source, file, packages, document).run();
}

function describeValue(v: Value): string {
  switch (v.kind) {
    case 'instance':
      return 'instance';
    case 'import':
      return `import of ${v.extern.kind === 'instance' ? 'an instance' : `a ${v.extern.kind}`}`;
    default:
      return v.extern.kind === 'instance' ? 'instance export' : `${v.extern.kind} export`;
  }
}

/** `ns:pkg/name@1.0.0` → `name`; a plain name is its own last part. */
function lastSegment(name: string): string {
  const slash = name.lastIndexOf('/');
  if (slash < 0) return name;
  const rest = name.slice(slash + 1);
  const at = rest.indexOf('@');
  return at < 0 ? rest : rest.slice(0, at);
}

const interfaceName = /^%?[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*(?::%?[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*)+(?:\/%?[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*)+(?:@(.+))?$/;

/** A valid import or export name: a kebab-case name, or an interface name with an optional version. */
export function isValidExternName(name: string): boolean {
  if (isValidId(name)) return true;
  const m = interfaceName.exec(name);
  return m !== null && (m[1] === undefined || isSemver(m[1]));
}

class Resolver {
  private readonly names = new Map<string, Entry>();
  private readonly components = new Map<string, ComponentInput>();
  private readonly instances: InstanceSpec[] = [];
  private readonly exports: ExportSpec[] = [];
  private readonly exported = new Set<string>();
  private readonly declared = new Map<string, DeclaredImport & { span: Span | undefined }>();
  /** Implicit imports (by `...`): name → the span of the fill and the package instantiated. */
  private readonly implicit = new Map<string, { span: Span; package: string }>();
  /** Where each argument was given: `instance\0import` → span (fills point at the `...`). */
  private readonly argSpans = new Map<string, { span: Span; fill: boolean; package: string }>();
  private readonly root: TypeScope;
  private readonly instanceCount = new Map<string, number>();

  constructor(
    private readonly source: string,
    private readonly file: string,
    private readonly packages: PackageResolver,
    private readonly document: ast.Document,
  ) {
    const ctx: TypeContext = {
      fail: (span, message, code = 'WC6020') => this.fail(code, span, message),
      lookup: (name) => {
        const e = this.names.get(name);
        return e?.kind === 'type' ? e.item : undefined;
      },
      packageItem: (path) => this.packageItem(path),
    };
    this.root = new TypeScope(ctx);
  }

  private fail(code: DiagnosticCode, span: Span, message: string, label?: string): never {
    throw new WacError(code, message, { file: this.file, source: this.source, span }, label);
  }

  async run(): Promise<ResolvedWac> {
    for (const s of this.document.statements) await this.statement(s);
    const spec: CompositionSpec = {
      components: [...this.components.values()],
      instances: this.instances,
      exports: this.exports,
      imports: 'allow',
      autoPlug: false,
      source: this.file,
      declaredImports: [...this.declared.values()].map((d) => ({ name: d.name, extern: d.extern })),
    };
    const target = this.document.targets === undefined ? undefined : await this.targetWorld(this.document.targets);
    return { document: this.document, spec, plan: (options) => this.plan(spec, target, options) };
  }

  // ---- names -----------------------------------------------------------------------------------------------------

  private define(id: ast.Ident, entry: Entry): void {
    if (this.names.has(id.name)) this.fail('WC6003', id.span, `\`${id.name}\` is already defined`, 'redefined here');
    this.names.set(id.name, entry);
  }

  private value(id: ast.Ident): Value {
    const e = this.names.get(id.name);
    if (e === undefined) {
      const known = [...this.names].filter(([, x]) => x.kind === 'value').map(([n]) => n);
      this.fail('WC6002', id.span, `undefined name \`${id.name}\`${didYouMean(id.name, known)}`);
    }
    if (e.kind !== 'value') this.fail('WC6006', id.span, `\`${id.name}\` (${describeItem(e.item)}) is a type, not a value`);
    return e.value;
  }

  // ---- statements ------------------------------------------------------------------------------------------------

  private async statement(s: ast.Statement): Promise<void> {
    switch (s.kind) {
      case 'import':
        return this.importStatement(s);
      case 'let': {
        const value = await this.expr(s.expr, s.id.name);
        this.define(s.id, { kind: 'value', value, span: s.id.span });
        return;
      }
      case 'export':
        return this.exportStatement(s);
      case 'interface': {
        if (this.names.has(s.id.name)) this.fail('WC6003', s.id.span, `\`${s.id.name}\` is already defined`);
        const type = await this.root.interfaceType(s.items);
        this.define(s.id, { kind: 'type', item: { kind: 'interface', type, name: s.id.name }, span: s.id.span });
        return;
      }
      case 'world': {
        if (this.names.has(s.id.name)) this.fail('WC6003', s.id.span, `\`${s.id.name}\` is already defined`);
        const type = await this.root.worldType(s);
        this.define(s.id, { kind: 'type', item: { kind: 'world', type, name: s.id.name }, span: s.id.span });
        return;
      }
      default: {
        if (this.names.has(s.id.name)) this.fail('WC6003', s.id.span, `\`${s.id.name}\` is already defined`);
        const item = this.root.typeDecl(s);
        this.define(s.id, { kind: 'type', item, span: s.id.span });
      }
    }
  }

  private async importStatement(s: ast.ImportStatement): Promise<void> {
    let extern: Extern;
    let name: string;
    let path: string | undefined;
    const t = s.type;
    switch (t.kind) {
      case 'path': {
        const found = await this.importByPath(t.path);
        extern = found.extern;
        name = found.name;
        path = found.name;
        break;
      }
      case 'func':
        extern = { kind: 'func', type: this.root.funcType(t.func) };
        name = s.id.name;
        break;
      case 'inline-interface':
        extern = { kind: 'instance', type: await this.root.interfaceType(t.items) };
        name = s.id.name;
        break;
      case 'ident': {
        const e = this.names.get(t.id.name);
        if (e === undefined) this.fail('WC6002', t.id.span, `undefined name \`${t.id.name}\``);
        if (e.kind !== 'type' || (e.item.kind !== 'interface' && e.item.kind !== 'func' && e.item.kind !== 'world')) {
          const what = e.kind === 'type' ? describeItem(e.item) : describeValue(e.value);
          this.fail('WC6006', t.id.span, `\`${t.id.name}\` (${what}) is not an interface, a world or a function type`);
        }
        // A world is the type of a component import.
        extern = e.item.kind === 'interface' ? { kind: 'instance', type: e.item.type } : e.item.kind === 'world' ? { kind: 'component', type: e.item.type } : { kind: 'func', type: e.item.type };
        name = s.id.name;
        break;
      }
    }
    if (s.as !== undefined) {
      if (!isValidExternName(s.as.name)) this.fail('WC6021', s.as.span, `import name \`${s.as.name}\` is not valid`);
      name = s.as.name;
    }
    const span = s.as?.span ?? s.id.span;
    const existing = this.declared.get(name);
    if (existing !== undefined && existing.span !== undefined) this.fail('WC6003', span, `duplicate import \`${name}\``, 'imported twice');
    const implicit = this.implicit.get(name);
    if (implicit !== undefined) {
      this.fail('WC6016', span, `import \`${name}\` conflicts with an item that was implicitly imported by an instantiation of \`${implicit.package}\``);
    }
    if (existing !== undefined) {
      // Imported before as a dependency of another interface: this statement names that same import.
      existing.span = span;
      extern = existing.extern;
    } else this.declared.set(name, { name, extern, span });
    this.define(s.id, { kind: 'value', value: { kind: 'import', name, extern, path }, span: s.id.span });
  }

  /** `import x: ns:pkg/item;` — an interface of a WIT package (with the interfaces it uses), or a component's export. */
  private async importByPath(p: ast.PackagePath): Promise<{ name: string; extern: Extern }> {
    const pkg = await this.package(p.package, p.version, p.packageSpan);
    const item = p.segments.join('/');
    if (pkg.kind === 'component') {
      const exports = [...pkg.input.type.exports.keys()];
      const name = exports.find((n) => n === item) ?? exports.find((n) => lastSegment(n) === item);
      if (name === undefined) this.fail('WC6005', p.span, `package \`${p.package}\` has no export named \`${item}\`${didYouMean(item, exports)}`);
      return { name, extern: pkg.input.type.exports.get(name)! };
    }
    if (!pkg.interfaces.has(item) && pkg.worlds.has(item)) {
      // A world as an import's type: a component of that type is imported (wac's `promote`).
      const world = await this.wit(() => witWorld(pkg, p.package, item), p.span);
      return { name: `${p.package}/${item}${pkg.version === undefined ? '' : `@${pkg.version}`}`, extern: { kind: 'component', type: world } };
    }
    if (!pkg.interfaces.has(item)) {
      this.fail('WC6005', p.span, `package \`${p.package}\` has no interface or world named \`${item}\`${didYouMean(item, [...pkg.interfaces, ...pkg.worlds])}`);
    }
    const probe = await this.wit(() => witInterface(pkg, p.package, item), p.span);
    // The interfaces it uses are imported too, once: a type from another interface is reached through its import.
    const pairs = new Map<ResourceType, ResourceType>();
    for (const d of probe.dependencies) {
      const known = this.declared.get(d.name);
      if (known !== undefined) pairResources(d.extern, known.extern, pairs);
    }
    const sub = new Substitution(pairs);
    for (const d of probe.dependencies) {
      if (!this.declared.has(d.name)) this.declared.set(d.name, { name: d.name, extern: sub.extern(d.extern), span: undefined });
    }
    const known = this.declared.get(probe.name);
    return { name: probe.name, extern: known?.extern ?? sub.extern(probe.extern) };
  }

  private async wit<T>(f: () => Promise<T>, span: Span): Promise<T> {
    try {
      return await f();
    } catch (e) {
      if (!isWcomposeError(e)) throw e;
      return this.fail(e.code, span, `${e.message}${e.file === undefined ? '' : ` (in ${e.file})`}`);
    }
  }

  private async package(name: string, version: string | undefined, span: Span): Promise<Package> {
    let lookup;
    try {
      lookup = await this.packages.find(name, version);
    } catch (e) {
      if (!isWcomposeError(e)) throw e;
      return this.fail(e.code, span, `package \`${name}\`: ${e.message}${e.file === undefined ? '' : ` (${e.file})`}`);
    }
    if ('tried' in lookup) {
      const key = version === undefined ? name : `${name}@${version}`;
      throw new WacError('WC6004', `unknown package \`${key}\` (tried ${lookup.tried.join(', ')})`, {
        file: this.file, source: this.source, span,
      }, `unknown package \`${key}\``);
    }
    return lookup.found;
  }

  /** An interface or world named by package path, for `use` and `include` in type statements. */
  private async packageItem(p: ast.PackagePath): Promise<TypeItem> {
    const pkg = await this.package(p.package, p.version, p.packageSpan);
    const item = p.segments.join('/');
    if (pkg.kind === 'wit' && pkg.worlds.has(item)) {
      const type = await this.wit(() => witWorld(pkg, p.package, item), p.span);
      return { kind: 'world', type, name: pathText(p) };
    }
    const { extern, name } = await this.importByPath(p);
    if (extern.kind !== 'instance') this.fail('WC6006', p.span, `\`${pathText(p)}\` is not an interface`);
    return { kind: 'interface', type: extern.type, name };
  }

  private async targetWorld(p: ast.PackagePath): Promise<{ world: ComponentType; name: string; span: Span }> {
    const pkg = await this.package(p.package, p.version, p.packageSpan);
    const item = p.segments.join('/');
    if (pkg.kind !== 'wit') this.fail('WC6018', p.span, `\`${pathText(p)}\`: package \`${p.package}\` is a component, not a WIT package with worlds`);
    if (!pkg.worlds.has(item)) {
      if (pkg.interfaces.has(item)) this.fail('WC6018', p.span, `\`${pathText(p)}\` (interface) is not a world`);
      this.fail('WC6005', p.span, `package \`${p.package}\` has no world named \`${item}\`${didYouMean(item, pkg.worlds)}`);
    }
    const world = await this.wit(() => witWorld(pkg, p.package, item), p.span);
    return { world, name: pathText(p), span: p.span };
  }

  // ---- expressions -----------------------------------------------------------------------------------------------

  private async expr(e: ast.Expr, letName?: string): Promise<Value> {
    let v = await this.primary(e.primary, e.postfix.length === 0 ? letName : undefined);
    for (const p of e.postfix) v = this.access(v, p);
    return v;
  }

  private async primary(p: ast.PrimaryExpr, letName: string | undefined): Promise<Value> {
    switch (p.kind) {
      case 'ident':
        return this.value(p.id);
      case 'nested':
        return this.expr(p.expr, letName);
      case 'new':
        return this.instantiate(p, letName);
    }
  }

  /** The exports of an instance-like value (an instance export too), or undefined when it is not one. */
  private exportsOf(v: Value): Map<string, Extern> | undefined {
    if (v.kind === 'instance') return v.exports;
    if (v.extern.kind === 'instance') return v.extern.type.exports;
    return undefined;
  }

  private access(v: Value, p: ast.PostfixExpr): Value {
    const exports = this.exportsOf(v);
    const what = p.kind === 'access' ? 'an access' : 'a named access';
    if (exports === undefined) this.fail('WC6006', p.span, `an instance is required to perform ${what} (this is a ${describeValue(v)})`);
    const names = [...exports.keys()];
    let name: string | undefined;
    if (p.kind === 'access') {
      const byPath = names.filter((n) => n.includes('/') && lastSegment(n) === p.id.name);
      name = byPath.length === 1 ? byPath[0]! : names.includes(p.id.name) ? p.id.name : undefined;
      if (name === undefined) this.fail('WC6013', p.id.span, `the instance has no export named \`${p.id.name}\`${didYouMean(p.id.name, names)}`);
    } else {
      name = names.includes(p.name.name) ? p.name.name : findCompatible(p.name.name, names);
      if (name === undefined) this.fail('WC6013', p.name.span, `the instance has no export named \`${p.name.name}\`${didYouMean(p.name.name, names)}`);
    }
    return member(v, name, exports.get(name)!);
  }

  private instanceName(pkg: string, letName: string | undefined): string {
    if (letName !== undefined) return letName;
    // Not a WAC identifier (it has a `:`), so it cannot collide with a `let` name.
    const n = (this.instanceCount.get(pkg) ?? 0) + 1;
    this.instanceCount.set(pkg, n);
    return n === 1 ? pkg : `${pkg}#${n}`;
  }

  private async instantiate(n: Extract<ast.PrimaryExpr, { kind: 'new' }>, letName: string | undefined): Promise<Value> {
    const key = n.package.version === undefined ? n.package.name : `${n.package.name}@${n.package.version}`;
    if (key === this.document.package.name || n.package.name === this.document.package.name) {
      this.fail('WC6006', n.package.span, `cannot instantiate the package being defined (\`${n.package.name}\`)`);
    }
    const pkg = await this.package(n.package.name, n.package.version, n.package.span);
    if (pkg.kind !== 'component') this.fail('WC6006', n.package.span, `package \`${key}\` is a WIT package, not a component: it cannot be instantiated`);
    this.components.set(pkg.key, pkg.input);
    const type = pkg.input.type;
    const imports = [...type.imports.keys()];
    const name = this.instanceName(key, letName);
    const args: Record<string, ArgumentSpec> = {};
    const given = new Map<string, Span>();
    const spreads: { id: ast.Ident; span: Span; value: Value }[] = [];
    let fill: Span | undefined;

    const bind = (arg: string, value: Value, span: Span): void => {
      if (given.has(arg)) this.fail('WC6008', span, `duplicate instantiation argument \`${arg}\``, `duplicate argument \`${arg}\``);
      if (!type.imports.has(arg)) {
        this.fail('WC6007', span, `component \`${key}\` has no import named \`${arg}\`${didYouMean(arg, imports)}`);
      }
      given.set(arg, span);
      args[arg] = argumentOf(value);
      this.argSpans.set(`${name}\u0000${arg}`, { span, fill: false, package: key });
    };
    /** The import a kebab name stands for: the one import whose path ends with it, else the name itself. */
    const byLastSegment = (id: string): string => {
      const matches = imports.filter((i) => i.includes('/') && lastSegment(i) === id);
      return matches.length === 1 ? matches[0]! : id;
    };

    for (const [i, a] of n.args.entries()) {
      if (fill !== undefined) this.fail('WC6010', fill, 'implicit import argument `...` must be the last argument', 'must be last argument');
      switch (a.kind) {
        case 'fill':
          fill = a.span;
          if (i !== n.args.length - 1) this.fail('WC6010', a.span, 'implicit import argument `...` must be the last argument', 'must be last argument');
          break;
        case 'inferred': {
          const value = this.value(a.id);
          bind(this.inferName(a.id.name, value, imports, byLastSegment), value, a.id.span);
          break;
        }
        case 'named': {
          const value = await this.expr(a.expr);
          bind(a.name.quoted ? a.name.name : byLastSegment(a.name.name), value, a.name.span);
          break;
        }
        case 'spread': {
          const value = this.value(a.id);
          if (this.exportsOf(value) === undefined) {
            this.fail('WC6006', a.id.span, `\`${a.id.name}\` (${describeValue(value)}) is not an instance: only an instance's exports can be spread`);
          }
          spreads.push({ id: a.id, span: a.span, value });
        }
      }
    }
    // Spreads fill what is still open, in order, after the inferred and named arguments.
    for (const s of spreads) {
      const exports = [...this.exportsOf(s.value)!.keys()];
      let matched = 0;
      for (const imp of imports) {
        if (given.has(imp)) continue;
        const e = exports.includes(imp) ? imp : findCompatible(imp, exports);
        if (e === undefined) continue;
        bind(imp, member(s.value, e, this.exportsOf(s.value)!.get(e)!), s.id.span);
        matched++;
      }
      if (matched === 0) this.fail('WC6011', s.id.span, 'the instance has no matching exports for the remaining unsatisfied arguments', 'no matching exports for the instance');
    }
    for (const imp of imports) {
      if (given.has(imp)) continue;
      if (fill === undefined) {
        this.fail('WC6009', n.package.span, `missing instantiation argument \`${imp}\` for package \`${key}\``, `missing argument \`${imp}\``);
      }
      const declared = this.declared.get(imp);
      if (declared !== undefined && declared.span === undefined) {
        // Imported already as a dependency of an imported interface: the fill uses that import.
        args[imp] = { import: imp };
        this.argSpans.set(`${name}\u0000${imp}`, { span: fill, fill: true, package: key });
        continue;
      }
      if (declared?.span !== undefined) {
        this.fail('WC6016', fill, `import \`${imp}\` conflicts with an item that was implicitly imported by an instantiation of \`${key}\` (\`import\` declares it too): pass it explicitly`);
      }
      if (!this.implicit.has(imp)) this.implicit.set(imp, { span: fill, package: key });
      this.argSpans.set(`${name}\u0000${imp}`, { span: fill, fill: true, package: key });
    }
    this.instances.push({ name, component: pkg.key, with: args });
    return { kind: 'instance', instance: name, package: key, exports: type.exports };
  }

  private inferName(id: string, value: Value, imports: string[], byLastSegment: (id: string) => string): string {
    // 1. An instance with a package path (an interface import, or an export named by one) → that path.
    const last = value.kind === 'instance-export' || value.kind === 'import-export' ? lastName(value) : undefined;
    const path = value.kind === 'import' ? value.path : last?.includes('/') === true ? last : undefined;
    if (path !== undefined) {
      const found = findCompatible(path, imports);
      if (found !== undefined) return found;
    }
    // 2. An explicit import or an access → its name, when the component imports that name.
    const own = value.kind === 'import' ? value.name : last;
    if (own !== undefined && imports.includes(own)) return own;
    // 3. The one import whose path ends with the local name; 4. the local name.
    return byLastSegment(id);
  }

  private exportStatement(s: ast.ExportStatement): Promise<void> | void {
    return this.expr(s.expr).then((value) => {
      if (s.spread !== undefined) {
        const exports = this.exportsOf(value);
        if (exports === undefined) this.fail('WC6006', s.expr.span, `an instance is required to perform a spread export (this is a ${describeValue(value)})`);
        let added = 0;
        for (const [name, e] of exports) {
          if (this.exported.has(name)) continue;
          this.exported.add(name);
          this.exports.push(exportOf(member(value, name, e), name));
          added++;
        }
        if (added === 0) {
          this.fail('WC6022', s.spread, exports.size === 0 ? 'the instance has no exports to spread' : 'every export of the instance is already exported: the spread exports nothing');
        }
        return;
      }
      let name: string;
      if (s.as !== undefined) {
        name = s.as.name;
        if (!isValidExternName(name)) this.fail('WC6021', s.as.span, `export name \`${name}\` is not valid`);
      } else if (value.kind === 'instance') {
        return this.fail('WC6015', s.expr.span, 'export statement requires an `as` clause as the export name cannot be inferred');
      } else name = value.kind === 'import' ? value.name : lastName(value);
      if (this.exported.has(name)) this.fail('WC6014', s.as?.span ?? s.expr.span, `duplicate export \`${name}\``, 'exported twice');
      this.exported.add(name);
      this.exports.push(exportOf(value, name));
    });
  }

  // ---- planning --------------------------------------------------------------------------------------------------

  private plan(spec: CompositionSpec, target: { world: ComponentType; name: string; span: Span } | undefined, options: PlanOptions = {}): Plan {
    const p = planGraph(spec, {
      checker: options.checker,
      onLinkProblems: (where, problems, link) => {
        // `check` hears of every problem (it reports them all); otherwise the first is an error at its place.
        if (options.onLinkProblems !== undefined) options.onLinkProblems(where, problems, link);
        else this.linkProblem(problems, link);
      },
    });
    if (target !== undefined) {
      const composed: ComponentType = {
        kind: 'component',
        imports: new Map(p.imports.map((i) => [i.name, i.extern])),
        exports: new Map(p.exports.map((e) => [e.name, e.extern])),
        declared: [],
      };
      const findings = checkTarget(composed, target.world);
      if (findings.length > 0) {
        const [first, ...more] = findings;
        const rest = more.length === 0 ? '' : ` (and ${more.length} more: ${more.map(formatFinding).join('; ')})`;
        this.fail('WC6019', target.span, `the composition does not target world \`${target.name}\`: ${formatFinding(first!)}${rest}`, 'target world');
      }
    }
    return p;
  }

  private linkProblem(problems: Finding[], link: { instance: string; name: string }): never {
    const at = this.argSpans.get(`${link.instance}\u0000${link.name}`);
    const chain = problems.map(formatFinding).join('; ');
    const span = at?.span ?? this.document.package.span;
    if (at?.fill === true) {
      this.fail('WC6017', span, `implicit import \`${link.name}\` of \`${at.package}\` cannot be merged with the other instantiations' import of it: ${chain}`, 'implicit import');
    }
    return this.fail('WC6012', span, `mismatched instantiation argument \`${link.name}\`: ${chain}`, `mismatched argument \`${link.name}\``);
  }
}

function argumentOf(v: Value): ArgumentSpec {
  switch (v.kind) {
    case 'instance':
      return { instance: v.instance, whole: true };
    case 'instance-export':
      return { instance: v.instance, export: v.export, ...(v.path === undefined ? {} : { path: v.path }) };
    case 'import':
      return { import: v.name };
    case 'import-export':
      return { import: v.import, export: v.export, ...(v.path === undefined ? {} : { path: v.path }) };
  }
}

/** The export of an exported value under `as`. */
function exportOf(v: Value, as: string): ExportSpec {
  switch (v.kind) {
    case 'instance':
      return { instance: v.instance, whole: true, as };
    case 'instance-export':
      return { instance: v.instance, export: v.export, as, ...(v.path === undefined ? {} : { path: v.path }) };
    case 'import':
      return { import: v.name, as };
    case 'import-export':
      return { import: v.import, export: v.export, as, ...(v.path === undefined ? {} : { path: v.path }) };
  }
}

/**
 * Export `name` (of type `extern`) of an instance-like value: of an instance or an import, its export; of an instance
 * export (or an import's), an export inside it (wac: an alias of the instance export, then of its export).
 */
function member(v: Value, name: string, extern: Extern): Value {
  switch (v.kind) {
    case 'instance':
      return { kind: 'instance-export', instance: v.instance, export: name, extern };
    case 'import':
      return { kind: 'import-export', import: v.name, export: name, extern };
    default:
      return { ...v, path: [...(v.path ?? []), name], extern };
  }
}

/** The name an instance export is known by: the last step of its path. */
function lastName(v: Extract<Value, { kind: 'instance-export' | 'import-export' }>): string {
  return v.path?.[v.path.length - 1] ?? v.export;
}

/** Pairs the resources `e` exports with those `onto` exports under the same names. */
function pairResources(e: Extern, onto: Extern, into: Map<ResourceType, ResourceType>): void {
  if (e.kind !== 'instance' || onto.kind !== 'instance') return;
  for (const [name, x] of e.type.exports) {
    const y = onto.type.exports.get(name);
    if (x.kind === 'type' && y?.kind === 'type' && typeof x.type !== 'string' && typeof y.type !== 'string' && isResource(x.type) && isResource(y.type)) {
      into.set(x.type, y.type);
    }
  }
}
