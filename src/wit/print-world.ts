import type { ComponentType, ResourceAlias, ResourceType, ValueType } from '../types/model.js';
import { isResource } from '../types/model.js';
import { witIdent, witType, type TypeNamer } from './print-type.js';
import {
  buildWorld, isRootPackage, type Owner, type PackageName, type TypeDef, type WitFunction, type WitInterface, type WitWorld, WORLD,
  type WorldItem,
} from './world-model.js';

/**
 * A component's world as WIT text, exactly as wit-component's printer writes it for jco's `componentWit` (and
 * `wasm-tools component wit`): `package root:component;`, the root package's interfaces, then `world root { … }`,
 * with the same item order, blank lines and `%` escapes (scratch/wit-printing-notes.md §1, §3–§6).
 *
 * Throws a WC2003 diagnostic for components WIT cannot represent (e.g. a top-level type export).
 */
export function printWorld(t: ComponentType): string {
  return new WorldPrinter(buildWorld(t)).print();
}

/**
 * `printWorld`, followed by the foreign packages the world uses (as far as the component declares them), each as a
 * nested `package ns:name@version { … }` block: one self-contained WIT file that wit-parser (and so jco) can read
 * back, where `printWorld`'s text alone refers to packages it does not define.
 */
export function printWorldWithDependencies(t: ComponentType): string {
  return new WorldPrinter(buildWorld(t)).print({ dependencies: true });
}

/** Text output with wit-component's indentation rules: two spaces per level, added lazily at a line's start. */
class Output {
  private text = '';
  private depth = 0;
  private needsIndent = false;

  /** Text on the current line (indented first if the line is new). */
  str(s: string): void {
    if (this.needsIndent) {
      this.text += '  '.repeat(this.depth);
      this.needsIndent = false;
    }
    this.text += s;
  }

  newline(): void {
    this.text += '\n';
    this.needsIndent = true;
  }

  semicolon(): void {
    this.str(';');
    this.newline();
  }

  /** ` {`, a new line, one level deeper. */
  indentStart(): void {
    this.text += ' {';
    this.depth++;
    this.newline();
  }

  /** `}` one level out, and a new line. */
  indentEnd(): void {
    this.depth = Math.max(0, this.depth - 1);
    this.str('}');
    this.newline();
  }

  toString(): string {
    return this.text;
  }
}

/** `@external-id("…")` escaping: a few characters verbatim, the usual escapes, `\u{…}` for the rest. */
function externalIdLiteral(id: string): string {
  let out = '';
  for (const c of id) {
    if (/[A-Za-z0-9\-_./: ]/.test(c)) out += c;
    else if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else out += `\\u{${c.codePointAt(0)!.toString(16)}}`;
  }
  return `"${out}"`;
}

class WorldPrinter {
  private readonly out = new Output();
  /** Whether the current block has printed an item, so the next one is preceded by a blank line. */
  private anyItems = false;
  private readonly namer: TypeNamer;

  constructor(private readonly world: WitWorld) {
    this.namer = (t: Exclude<ValueType, string> | ResourceType, alias?: ResourceAlias) => {
      const name = this.world.types.get(isResource(t) ? { type: t, alias } : { type: t })?.name;
      return name === undefined ? undefined : witIdent(name);
    };
  }

  /** The package whose interfaces are being printed, when it is a foreign one (its own interfaces by short name). */
  private currentPackage: PackageName | undefined;

  print(options: { dependencies?: boolean } = {}): string {
    this.out.str('package root:component');
    this.out.semicolon();
    this.out.newline();
    for (const iface of this.world.rootInterfaces) {
      this.out.str(`interface ${witIdent(iface.name!)}`);
      this.out.indentStart();
      this.printInterface(iface);
      this.out.indentEnd();
      this.out.newline();
    }
    this.out.str('world root');
    this.out.indentStart();
    this.printWorldBody();
    this.out.indentEnd();
    if (options.dependencies) this.printDependencies();
    return this.out.toString();
  }

  /** The foreign interfaces the world reaches (its items, and the owners of the types they `use`), by package. */
  private printDependencies(): void {
    const packages = new Map<string, { name: PackageName; interfaces: WitInterface[] }>();
    const seen = new Set<WitInterface>();
    const visit = (iface: WitInterface): void => {
      if (seen.has(iface)) return;
      seen.add(iface);
      for (const def of iface.types.values()) {
        if (def.kind.kind === 'alias' && def.kind.of.owner !== undefined && def.kind.of.owner !== WORLD) visit(def.kind.of.owner);
      }
      if (isRootPackage(iface.package)) return;
      const p = iface.package!;
      const key = packageKey(p);
      let entry = packages.get(key);
      if (entry === undefined) packages.set(key, (entry = { name: p, interfaces: [] }));
      entry.interfaces.push(iface);
    };
    for (const iface of this.world.rootInterfaces) visit(iface);
    for (const item of [...this.world.imports, ...this.world.exports]) {
      if (item.kind === 'interface') visit(item.iface);
      else if (item.kind === 'type' && item.def.kind.kind === 'alias' && item.def.kind.of.owner !== undefined && item.def.kind.of.owner !== WORLD) {
        visit(item.def.kind.of.owner);
      }
    }
    for (const { name, interfaces } of packages.values()) {
      this.out.newline();
      this.out.str(`package ${packageKey(name)}`);
      this.out.indentStart();
      this.currentPackage = name;
      for (const [i, iface] of interfaces.entries()) {
        if (i > 0) this.out.newline();
        this.out.str(`interface ${witIdent(iface.name!)}`);
        this.out.indentStart();
        this.printInterface(iface);
        this.out.indentEnd();
      }
      this.currentPackage = undefined;
      this.out.indentEnd();
    }
  }

  private newItem(): void {
    if (this.anyItems) this.out.newline();
    this.anyItems = true;
  }

  private externalId(id: string | undefined): void {
    if (id === undefined) return;
    this.out.str(`@external-id(${externalIdLiteral(id)})`);
    this.out.newline();
  }

  // ───────────────────────────── types ─────────────────────────────

  /** A reference to a value type: its name if it has one, its structure otherwise. */
  private typeName(t: ValueType): string {
    return witType(t, this.namer);
  }

  /** A reference to a TypeDef (the target of an alias). */
  private defName(def: TypeDef): string {
    if (def.name !== undefined) return witIdent(def.name);
    switch (def.kind.kind) {
      case 'def':
      case 'handle':
        return this.typeName(def.kind.type);
      case 'alias':
        return this.defName(def.kind.of);
      case 'resource':
        throw new Error('an unnamed resource');
    }
  }

  /** A type's structure, not its own name (its parts by name). */
  private structure(t: Exclude<ValueType, string>): string {
    return witType(t, (x, alias) => (x === t ? undefined : this.namer(x, alias)));
  }

  /** `printTypes`: `use` lines for aliases of other interfaces' types, then declarations (notes §4.1). */
  private printTypes(owner: Owner, types: Iterable<[string, TypeDef]>, resourceFuncs: Map<TypeDef, WitFunction[]>): void {
    const declare: TypeDef[] = [];
    const uses: { owner: Owner; first: TypeDef; names: [string, string][] }[] = [];
    for (const [name, def] of types) {
      if (def.kind.kind === 'alias') {
        const other = def.kind.of;
        if (other.owner !== undefined && other.owner !== owner) {
          if (other.name === undefined) throw new Error('cannot import an unnamed type');
          const last = uses[uses.length - 1];
          if (last !== undefined && last.owner === other.owner && last.first.externalId === def.externalId) {
            last.names.push([name, other.name]);
          } else {
            uses.push({ owner: other.owner, first: def, names: [[name, other.name]] });
          }
          continue;
        }
      }
      declare.push(def);
    }
    for (const use of uses) {
      this.anyItems = true;
      this.externalId(use.first.externalId);
      if (use.owner === WORLD) throw new Error(`cannot \`use\` the world-level type \`${use.names[0]![1]}\``);
      const items = use.names.map(([mine, theirs]) => (mine === theirs ? witIdent(mine) : `${witIdent(theirs)} as ${witIdent(mine)}`));
      this.out.str(`use ${this.interfacePath(use.owner)}.{${items.join(', ')}}`);
      this.out.semicolon();
    }
    for (const def of declare) {
      this.newItem();
      this.externalId(def.externalId);
      if (def.kind.kind === 'resource') this.printResource(def, resourceFuncs.get(def) ?? []);
      else this.declareType(def);
    }
  }

  private declareType(def: TypeDef): void {
    const name = witIdent(def.name!);
    const kind = def.kind;
    switch (kind.kind) {
      case 'alias':
        this.out.str(`type ${name} = ${this.defName(kind.of)}`);
        this.out.semicolon();
        return;
      case 'handle': {
        // A handle is written out in full, `own<r>` included: `type a = r` is an alias, which is encoded differently.
        const r = witIdent(kind.resource.name ?? '');
        this.out.str(`type ${name} = ${kind.type.kind}<${r}>`);
        this.out.semicolon();
        return;
      }
      case 'resource':
        throw new Error('resources are declared by printResource');
      case 'def':
        break;
    }
    const t = kind.type;
    const block = (keyword: string, lines: string[]): void => {
      this.out.str(`${keyword} ${name}`);
      this.out.indentStart();
      for (const line of lines) {
        this.out.str(`${line},`);
        this.out.newline();
      }
      this.out.indentEnd();
    };
    switch (t.kind) {
      case 'record':
        block('record', t.fields.map((f) => `${witIdent(f.name)}: ${this.typeName(f.type)}`));
        return;
      case 'variant':
        block('variant', t.cases.map((c) => (c.type === undefined ? witIdent(c.name) : `${witIdent(c.name)}(${this.typeName(c.type)})`)));
        return;
      case 'enum':
        block('enum', t.names.map(witIdent));
        return;
      case 'flags':
        block('flags', t.names.map(witIdent));
        return;
      default:
        this.out.str(`type ${name} = ${this.structure(t)}`);
        this.out.semicolon();
    }
  }

  private printResource(def: TypeDef, funcs: WitFunction[]): void {
    this.out.str(`resource ${witIdent(def.name!)}`);
    if (funcs.length === 0) {
      this.out.semicolon();
      return;
    }
    this.out.indentStart();
    for (const f of funcs) {
      this.externalId(f.externalId);
      if (f.kind === 'method') this.out.str(`${witIdent(itemName(f))}: `);
      else if (f.kind === 'static') this.out.str(`${witIdent(itemName(f))}: static `);
      this.out.str(this.functionSignature(f));
      this.out.semicolon();
    }
    this.out.indentEnd();
  }

  // ───────────────────────────── functions ─────────────────────────────

  /** `[async ]func(…)[ -> R]`, or `constructor(…)[ -> R]`. */
  private functionSignature(f: WitFunction): string {
    const params = f.type.params.slice(f.kind === 'method' ? 1 : 0);
    const list = params.map((p) => `${witIdent(p.name)}: ${this.typeName(p.type)}`).join(', ');
    const head = f.kind === 'constructor' ? `constructor(${list})` : `${f.async ? 'async ' : ''}func(${list})`;
    const result = f.type.result;
    if (result === undefined || this.isConstructorShorthand(f)) return head;
    return `${head} -> ${this.typeName(result)}`;
  }

  /** A constructor whose result is an own handle of its own resource prints no result. */
  private isConstructorShorthand(f: WitFunction): boolean {
    if (f.kind !== 'constructor' || f.type.result === undefined || typeof f.type.result === 'string') return false;
    const def = this.world.types.get({ type: f.type.result });
    return def?.kind.kind === 'handle' && def.kind.type.kind === 'own' && def.kind.resource === f.resource;
  }

  // ───────────────────────────── interfaces and the world ─────────────────────────────

  private interfacePath(iface: WitInterface): string {
    const current = this.currentPackage;
    if (current !== undefined && iface.package !== undefined && packageKey(current) === packageKey(iface.package)) {
      return witIdent(iface.name!);
    }
    if (isRootPackage(iface.package)) {
      if (iface.name === undefined) throw new Error('cannot refer to an inline interface by path');
      return witIdent(iface.name);
    }
    const p = iface.package!;
    const version = p.version === undefined ? '' : `@${p.version}`;
    return `${witIdent(p.namespace)}:${witIdent(p.name)}/${witIdent(iface.name!)}${version}`;
  }

  private printInterface(iface: WitInterface): void {
    const saved = this.anyItems;
    this.anyItems = false;
    const resourceFuncs = new Map<TypeDef, WitFunction[]>();
    const freestanding: WitFunction[] = [];
    for (const f of iface.functions.values()) {
      if (f.resource !== undefined) push(resourceFuncs, f.resource, f);
      else freestanding.push(f);
    }
    this.printTypes(iface, iface.types, resourceFuncs);
    for (const f of freestanding) {
      this.newItem();
      this.externalId(f.externalId);
      this.out.str(`${witIdent(itemName(f))}: ${this.functionSignature(f)}`);
      this.out.semicolon();
    }
    this.anyItems = saved;
  }

  /** Interface imports, then world types (with their resources' functions), then function imports, then exports. */
  private printWorldBody(): void {
    const saved = this.anyItems;
    this.anyItems = false;
    const types: [string, TypeDef][] = [];
    const resourceFuncs = new Map<TypeDef, WitFunction[]>();
    const functions: WorldItem[] = [];
    for (const item of this.world.imports) {
      if (item.kind === 'type') {
        types.push([item.name, item.def]);
      } else if (item.kind === 'function') {
        if (item.func.resource !== undefined) push(resourceFuncs, item.func.resource, item.func);
        else functions.push(item);
      } else {
        this.printWorldItem(item, 'import');
        this.anyItems = true;
      }
    }
    this.printTypes(WORLD, types, resourceFuncs);
    for (const item of functions) {
      this.printWorldItem(item, 'import');
      this.anyItems = true;
    }
    if (this.world.exports.length > 0) this.newItem();
    for (const item of this.world.exports) this.printWorldItem(item, 'export');
    this.anyItems = saved;
  }

  private printWorldItem(item: WorldItem, keyword: 'import' | 'export'): void {
    switch (item.kind) {
      case 'interface':
        this.externalId(item.externalId);
        if (item.label === undefined) {
          this.out.str(`${keyword} ${this.interfacePath(item.iface)}`);
          this.out.semicolon();
        } else if (item.iface.name === undefined) {
          this.out.str(`${keyword} ${witIdent(item.label)}: interface`);
          this.out.indentStart();
          this.printInterface(item.iface);
          this.out.indentEnd();
        } else {
          this.out.str(`${keyword} ${witIdent(item.label)}: ${this.interfacePath(item.iface)}`);
          this.out.semicolon();
        }
        return;
      case 'function':
        this.externalId(item.func.externalId);
        this.out.str(`${keyword} ${witIdent(item.func.name)}: ${this.functionSignature(item.func)}`);
        this.out.semicolon();
        return;
      case 'type':
        throw new Error('world types are printed by printTypes');
    }
  }
}

/** The name a function is printed under: a method's or static's own name, `constructor`, or the whole name. */
function itemName(f: WitFunction): string {
  if (f.kind === 'constructor') return 'constructor';
  if (f.kind === 'freestanding') return f.name;
  return f.name.slice(f.name.indexOf('.') + 1);
}

/** `ns:name@version`, as a package is declared. */
function packageKey(p: PackageName): string {
  return `${witIdent(p.namespace)}:${witIdent(p.name)}${p.version === undefined ? '' : `@${p.version}`}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
