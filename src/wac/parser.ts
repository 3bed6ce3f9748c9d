import type * as ast from './ast.js';
import { WacError } from './error.js';
import { tokenize, type Span, type Token } from './lexer.js';

/** How deeply types and expressions may nest: untrusted documents never drive unbounded recursion. */
export const maxNesting = 100;

const primitives = new Set([
  'u8', 's8', 'u16', 's16', 'u32', 's32', 'u64', 's64', 'f32', 'f64', 'float32', 'float64', 'char', 'bool', 'string',
]);

/** Parses a WAC document (wac's grammar, LANGUAGE.md) into its syntax tree; problems are WC6001 with a position. */
export function parseWac(source: string, file: string): ast.Document {
  return new Parser(tokenize(source, file), source, file).document();
}

class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[], private readonly source: string, private readonly file: string) {}

  // ---- tokens ----------------------------------------------------------------------------------------------------

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.at + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.at++;
    return t;
  }

  private is(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return (t.kind === 'punct' || t.kind === 'keyword') && t.text === text;
  }

  private eat(text: string): Token | undefined {
    return this.is(text) ? this.next() : undefined;
  }

  private describe(t: Token): string {
    switch (t.kind) {
      case 'eof':
        return 'end of file';
      case 'id':
        return `identifier \`${t.text}\``;
      case 'keyword':
        return `keyword \`${t.text}\``;
      case 'string':
        return `string "${t.text}"`;
      case 'version':
        return `version \`@${t.text}\``;
      case 'punct':
        return `\`${t.text}\``;
    }
  }

  private fail(t: Token, expected: string): never {
    throw new WacError('WC6001', `expected ${expected}, found ${this.describe(t)}`, {
      file: this.file,
      source: this.source,
      span: t.span,
    }, `expected ${expected}`);
  }

  private expect(text: string): Token {
    const t = this.peek();
    if (!this.is(text)) this.fail(t, `\`${text}\``);
    return this.next();
  }

  private ident(what = 'an identifier'): ast.Ident {
    const t = this.peek();
    if (t.kind !== 'id') this.fail(t, what);
    this.next();
    return { name: t.text, span: t.span };
  }

  /** An identifier where keywords are also fine as names (package path segments). */
  private word(what: string): ast.Ident {
    const t = this.peek();
    if (t.kind !== 'id' && t.kind !== 'keyword') this.fail(t, what);
    this.next();
    return { name: t.text, span: t.span };
  }

  private name(what: string): ast.Name {
    const t = this.peek();
    if (t.kind === 'string') {
      this.next();
      return { name: t.text, span: t.span, quoted: true };
    }
    const id = this.ident(what);
    return { ...id, quoted: false };
  }

  private from(start: Span): Span {
    const prev = this.tokens[Math.max(0, this.at - 1)]!.span;
    return { offset: start.offset, line: start.line, column: start.column, length: prev.offset + prev.length - start.offset };
  }

  private nest<T>(at: Token, f: () => T): T {
    if (++this.depth > maxNesting) {
      throw new WacError('WC6001', `nesting deeper than ${maxNesting} levels`, { file: this.file, source: this.source, span: at.span });
    }
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  /** `item (',' item)* ','?` up to `close` (not consumed); `min` items at least. */
  private list<T>(close: string, item: () => T, what: string, min = 0): T[] {
    const out: T[] = [];
    while (!this.is(close)) {
      out.push(item());
      if (!this.eat(',')) break;
    }
    if (out.length < min) this.fail(this.peek(), what);
    return out;
  }

  // ---- document --------------------------------------------------------------------------------------------------

  document(): ast.Document {
    const first = this.peek();
    if (!this.is('package')) this.fail(first, 'a `package` declaration');
    this.next();
    const pkg = this.packageName();
    let targets: ast.PackagePath | undefined;
    if (this.eat('targets')) targets = this.packagePath();
    this.expect(';');
    const statements: ast.Statement[] = [];
    while (this.peek().kind !== 'eof') statements.push(this.statement());
    return { package: pkg, targets, statements };
  }

  private packageName(): ast.PackageName {
    const start = this.peek().span;
    const parts = [this.word('a package name (`namespace:name`)').name];
    this.expect(':');
    parts.push(this.word('a package name').name);
    while (this.is(':')) {
      this.next();
      parts.push(this.word('a package name').name);
    }
    const version = this.peek().kind === 'version' ? this.next().text : undefined;
    return { name: parts.join(':'), version, span: this.from(start) };
  }

  private packagePath(): ast.PackagePath {
    const start = this.peek().span;
    const parts = [this.word('a package path (`namespace:name/item`)').name];
    this.expect(':');
    parts.push(this.word('a package name').name);
    while (this.is(':')) {
      this.next();
      parts.push(this.word('a package name').name);
    }
    const packageSpan = this.from(start);
    if (!this.is('/')) this.fail(this.peek(), '`/` and an item name (a package path is `namespace:name/item`)');
    const segments: string[] = [];
    while (this.eat('/')) segments.push(this.word('an item name').name);
    const version = this.peek().kind === 'version' ? this.next().text : undefined;
    return { package: parts.join(':'), segments, version, span: this.from(start), packageSpan };
  }

  /** Whether the next tokens start a package path (`id ':'`) rather than a plain identifier. */
  private atPath(named = false): boolean {
    const word = (t: Token): boolean => t.kind === 'id' || t.kind === 'keyword';
    if (!word(this.peek()) || !this.is(':', 1)) return false;
    // In a world, `name: type` is a named item: a path is `ns:name/…` or `ns:name:…`.
    return !named || (word(this.peek(2)) && (this.is('/', 3) || this.is(':', 3)));
  }

  private statement(): ast.Statement {
    const t = this.peek();
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'import':
          return this.importStatement();
        case 'let':
          return this.letStatement();
        case 'export':
          return this.exportStatement();
        case 'interface':
          return this.interfaceDecl();
        case 'world':
          return this.worldDecl();
        case 'package':
          this.fail(t, 'a statement (a document has one `package` declaration, at its start)');
      }
      const decl = this.typeDecl();
      if (decl !== undefined) return decl;
    }
    return this.fail(t, 'a statement (`import`, `let`, `export`, `interface`, `world`, or a type declaration)');
  }

  private importStatement(): ast.ImportStatement {
    const start = this.next().span;
    const id = this.ident('the local name of the import');
    const as = this.eat('as') ? this.name('an import name') : undefined;
    this.expect(':');
    let type: ast.ImportType;
    if (this.is('func')) type = { kind: 'func', func: this.funcType() };
    else if (this.is('interface')) {
      const s = this.next().span;
      type = { kind: 'inline-interface', items: this.interfaceBody(), span: this.from(s) };
    } else if (this.atPath()) type = { kind: 'path', path: this.packagePath() };
    else type = { kind: 'ident', id: this.ident('a package path, `func`, `interface` or a type name') };
    this.expect(';');
    return { kind: 'import', id, as, type, span: this.from(start) };
  }

  private letStatement(): ast.LetStatement {
    this.next();
    const id = this.ident('the name to bind');
    this.expect('=');
    const expr = this.expr();
    this.expect(';');
    return { kind: 'let', id, expr };
  }

  private exportStatement(): ast.ExportStatement {
    const start = this.next().span;
    const expr = this.expr();
    let spread: Span | undefined;
    let as: ast.Name | undefined;
    const dots = this.eat('...');
    if (dots) spread = dots.span;
    else if (this.eat('as')) as = this.name('an export name');
    if (spread && this.is('as')) this.fail(this.peek(), '`;` (a spread export takes its names from the instance; `as` cannot rename them)');
    this.expect(';');
    return { kind: 'export', expr, spread, as, span: this.from(start) };
  }

  // ---- expressions -----------------------------------------------------------------------------------------------

  private expr(): ast.Expr {
    const t = this.peek();
    return this.nest(t, () => {
      const primary = this.primary();
      const postfix: ast.PostfixExpr[] = [];
      for (;;) {
        if (this.is('.') ) {
          const s = this.next().span;
          postfix.push({ kind: 'access', id: this.ident('an export name after `.`'), span: this.from(s) });
        } else if (this.is('[')) {
          const s = this.next().span;
          const t2 = this.peek();
          if (t2.kind !== 'string') this.fail(t2, 'a string (the export name)');
          this.next();
          this.expect(']');
          postfix.push({ kind: 'named-access', name: { name: t2.text, span: t2.span, quoted: true }, span: this.from(s) });
        } else break;
      }
      return { primary, postfix, span: this.from(t.span) };
    });
  }

  private primary(): ast.PrimaryExpr {
    const t = this.peek();
    if (this.is('new')) {
      this.next();
      const pkg = this.packageName();
      this.expect('{');
      const args: ast.InstantiationArg[] = [];
      while (!this.is('}')) {
        args.push(this.instantiationArg());
        if (!this.eat(',')) break;
      }
      this.expect('}');
      return { kind: 'new', package: pkg, args, span: this.from(t.span) };
    }
    if (this.is('(')) {
      this.next();
      const expr = this.expr();
      this.expect(')');
      return { kind: 'nested', expr, span: this.from(t.span) };
    }
    if (t.kind === 'id') return { kind: 'ident', id: this.ident() };
    return this.fail(t, 'an expression (`new`, a name, or `(`)');
  }

  private instantiationArg(): ast.InstantiationArg {
    const t = this.peek();
    if (this.is('...')) {
      this.next();
      if (this.peek().kind === 'id') {
        const id = this.ident();
        return { kind: 'spread', id, span: this.from(t.span) };
      }
      return { kind: 'fill', span: t.span };
    }
    if (t.kind === 'string' || (t.kind === 'id' && this.is(':', 1))) {
      const name = this.name('an argument name');
      this.expect(':');
      return { kind: 'named', name, expr: this.expr() };
    }
    if (t.kind === 'id') return { kind: 'inferred', id: this.ident() };
    return this.fail(t, 'an instantiation argument (a name, `name: expr`, `...name` or `...`)');
  }

  // ---- types -----------------------------------------------------------------------------------------------------

  private interfaceDecl(): ast.InterfaceDecl {
    this.next();
    const id = this.ident('the interface name');
    return { kind: 'interface', id, items: this.interfaceBody() };
  }

  private interfaceBody(): ast.InterfaceItem[] {
    this.expect('{');
    const items: ast.InterfaceItem[] = [];
    while (!this.is('}')) {
      const t = this.peek();
      if (this.is('use')) items.push(this.use());
      else if (t.kind === 'id') {
        const id = this.ident();
        this.expect(':');
        const func = this.is('func') ? { kind: 'func' as const, func: this.funcType() } : { kind: 'ident' as const, id: this.ident('`func` or a function type name') };
        this.expect(';');
        items.push({ kind: 'func-export', id, func });
      } else {
        const decl = this.itemTypeDecl();
        if (decl === undefined) this.fail(t, 'an interface item (`use`, a type declaration, or `name: func(…)`)');
        items.push(decl!);
      }
    }
    this.expect('}');
    return items;
  }

  private use(): ast.UseItem {
    const start = this.next().span;
    const path = this.atPath() ? { kind: 'path' as const, path: this.packagePath() } : { kind: 'ident' as const, id: this.ident('an interface') };
    this.expect('.');
    this.expect('{');
    const items = this.list('}', () => {
      const id = this.ident('a type name');
      return { id, as: this.eat('as') ? this.ident('a new name') : undefined };
    }, 'a type name', 1);
    this.expect('}');
    this.expect(';');
    return { kind: 'use', path, items, span: this.from(start) };
  }

  private worldDecl(): ast.WorldDecl {
    this.next();
    const id = this.ident('the world name');
    this.expect('{');
    const items: ast.WorldItem[] = [];
    while (!this.is('}')) {
      const t = this.peek();
      if (this.is('use')) items.push(this.use());
      else if (this.is('import') || this.is('export')) {
        const s = this.next();
        const kind = s.text === 'import' ? 'world-import' as const : 'world-export' as const;
        let item: ast.WorldItemPath;
        if (this.atPath(true)) item = { kind: 'path', path: this.packagePath() };
        else {
          const id = this.ident('an import or export');
          if (this.eat(':')) {
            let type: ast.ExternTypeAst;
            if (this.is('func')) type = { kind: 'func', func: this.funcType() };
            else if (this.is('interface')) {
              const is = this.next().span;
              type = { kind: 'inline-interface', items: this.interfaceBody(), span: this.from(is) };
            } else type = { kind: 'ident', id: this.ident('`func`, `interface` or an interface name') };
            item = { kind: 'named', id, type };
          } else item = { kind: 'ident', id };
        }
        this.expect(';');
        items.push({ kind, item, span: this.from(s.span) });
      } else if (this.is('include')) {
        const s = this.next().span;
        const world = this.atPath() ? { kind: 'path' as const, path: this.packagePath() } : { kind: 'ident' as const, id: this.ident('a world') };
        let withItems: { id: Ident; as: Ident }[] = [];
        if (this.eat('with')) {
          this.expect('{');
          withItems = this.list('}', () => {
            const id = this.ident('a name');
            this.expect('as');
            return { id, as: this.ident('a new name') };
          }, 'a `name as other` item', 1);
          this.expect('}');
        }
        this.expect(';');
        items.push({ kind: 'include', world, with: withItems, span: this.from(s) });
      } else {
        const decl = this.itemTypeDecl();
        if (decl === undefined) this.fail(t, 'a world item (`import`, `export`, `include`, `use`, or a type declaration)');
        items.push(decl!);
      }
    }
    this.expect('}');
    return { kind: 'world', id, items };
  }

  private itemTypeDecl(): ast.ItemTypeDecl | undefined {
    if (this.is('resource')) return this.resource();
    return this.typeDecl();
  }

  private resource(): ast.ResourceDecl {
    this.next();
    const id = this.ident('the resource name');
    const items: ast.ResourceItem[] = [];
    if (this.eat(';')) return { kind: 'resource', id, items };
    this.expect('{');
    while (!this.is('}')) {
      const t = this.peek();
      if (this.is('constructor')) {
        this.next();
        const params = this.paramList();
        this.expect(';');
        items.push({ kind: 'constructor', params, span: this.from(t.span) });
      } else {
        const mid = this.ident('`constructor` or a method name');
        this.expect(':');
        const isStatic = this.eat('static') !== undefined;
        const func = this.funcType();
        this.expect(';');
        items.push({ kind: 'method', id: mid, static: isStatic, func });
      }
    }
    this.expect('}');
    return { kind: 'resource', id, items };
  }

  private typeDecl(): ast.TypeDecl | undefined {
    const t = this.peek();
    if (t.kind !== 'keyword') return undefined;
    switch (t.text) {
      case 'variant': {
        this.next();
        const id = this.ident('the variant name');
        this.expect('{');
        const cases = this.list('}', () => {
          const cid = this.ident('a case name');
          let type: ast.TypeAst | undefined;
          if (this.eat('(')) {
            type = this.type();
            this.expect(')');
          }
          return { id: cid, type };
        }, 'at least one case', 1);
        this.expect('}');
        return { kind: 'variant', id, cases };
      }
      case 'record': {
        this.next();
        const id = this.ident('the record name');
        this.expect('{');
        const fields = this.list('}', () => this.namedType(), 'at least one field', 1);
        this.expect('}');
        return { kind: 'record', id, fields };
      }
      case 'flags':
      case 'enum': {
        this.next();
        const id = this.ident(`the ${t.text} name`);
        this.expect('{');
        const names = this.list('}', () => this.ident(t.text === 'enum' ? 'a case name' : 'a flag name'), t.text === 'enum' ? 'at least one case' : 'at least one flag', 1);
        this.expect('}');
        return { kind: t.text, id, names };
      }
      case 'type': {
        this.next();
        const id = this.ident('the type name');
        this.expect('=');
        const type = this.is('func') ? { kind: 'func' as const, func: this.funcType() } : { kind: 'type' as const, type: this.type() };
        this.expect(';');
        return { kind: 'type-alias', id, type };
      }
    }
    return undefined;
  }

  private namedType(): ast.NamedTypeAst {
    const id = this.ident('a name');
    this.expect(':');
    return { id, type: this.type() };
  }

  private paramList(): ast.NamedTypeAst[] {
    this.expect('(');
    const params = this.list(')', () => this.namedType(), 'a parameter');
    this.expect(')');
    return params;
  }

  private funcType(): ast.FuncTypeAst {
    const start = this.expect('func').span;
    const params = this.paramList();
    let results: ast.FuncTypeAst['results'] = { kind: 'none' };
    if (this.eat('->')) {
      if (this.is('(')) {
        this.next();
        const named = this.list(')', () => this.namedType(), 'a result');
        this.expect(')');
        results = { kind: 'named', results: named };
      } else results = { kind: 'scalar', type: this.type() };
    }
    return { params, results, span: this.from(start) };
  }

  private type(): ast.TypeAst {
    const t = this.peek();
    return this.nest(t, () => this.typeInner(t));
  }

  private typeInner(t: Token): ast.TypeAst {
    if (t.kind === 'id') {
      const id = this.ident();
      return { kind: 'ref', id, span: id.span };
    }
    if (t.kind !== 'keyword') return this.fail(t, 'a type');
    if (primitives.has(t.text)) {
      this.next();
      return { kind: 'prim', name: t.text, span: t.span };
    }
    const angle = <T>(f: () => T): T => {
      this.expect('<');
      const x = f();
      this.expect('>');
      return x;
    };
    switch (t.text) {
      case 'tuple': {
        this.next();
        const types = angle(() => this.list('>', () => this.type(), 'at least one type', 1));
        return { kind: 'tuple', types, span: this.from(t.span) };
      }
      case 'list':
        this.next();
        return { kind: 'list', element: angle(() => this.type()), span: this.from(t.span) };
      case 'option':
        this.next();
        return { kind: 'option', type: angle(() => this.type()), span: this.from(t.span) };
      case 'borrow':
        this.next();
        return { kind: 'borrow', type: angle(() => this.type()), span: this.from(t.span) };
      case 'own':
        this.next();
        return { kind: 'own', type: angle(() => this.type()), span: this.from(t.span) };
      case 'stream':
      case 'future': {
        this.next();
        const element = this.is('<') ? angle(() => this.type()) : undefined;
        return { kind: t.text, element, span: this.from(t.span) };
      }
      case 'result': {
        this.next();
        if (!this.is('<')) return { kind: 'result', ok: undefined, err: undefined, span: t.span };
        return angle(() => {
          if (this.eat('_')) {
            this.expect(',');
            return { kind: 'result' as const, ok: undefined, err: this.type(), span: this.from(t.span) };
          }
          const ok = this.type();
          const err = this.eat(',') ? this.type() : undefined;
          return { kind: 'result' as const, ok, err, span: this.from(t.span) };
        });
      }
    }
    return this.fail(t, 'a type');
  }
}

type Ident = ast.Ident;
