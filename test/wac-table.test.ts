import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWcomposeError } from '../src/diagnostics/error.js';
import { PackageResolver, parseWac, resolveWac } from '../src/wac/index.js';
import { PROJECT_ROOT } from './support/paths.js';

/**
 * WAC sources and what wcompose makes of them: every production of wac's grammar, and every resolution error wac
 * defines, each at its line and column. `¦` marks where an error must point (it is removed from the source).
 * Packages come from fixtures/wac/deps (t:provider, t:consumer, … as .wat, t:iface as a WIT file) and wit/wasi-0.2.12.
 */
const deps = join(PROJECT_ROOT, 'fixtures', 'wac', 'deps');
const wasi = join(PROJECT_ROOT, 'wit', 'wasi-0.2.12');
const P = 'package test:comp;\n';

type Case = [name: string, mode: 'parse' | 'resolve', source: string, expected: 'ok' | `WC${number}`, message?: RegExp];

const cases: Case[] = [
  // ---- the grammar: documents that parse ------------------------------------------------------------------------
  ['package with a version', 'parse', 'package a:b@1.0.0;', 'ok'],
  ['package with nested namespaces', 'parse', 'package a:b:c;', 'ok'],
  ['package … targets …', 'parse', 'package a:b targets wasi:cli/command@0.2.12;', 'ok'],
  ['import by package path', 'parse', `${P}import a: t:iface/a;`, 'ok'],
  ['import … as name', 'parse', `${P}import a as b: t:iface/a;`, 'ok'],
  ['import … as "string"', 'parse', `${P}import a as "my:pkg/x@1.0.0": t:iface/a@0.1.0;`, 'ok'],
  ['import of a func type', 'parse', `${P}import f: func(a: u32, b: string) -> list<u8>;`, 'ok'],
  ['import of an inline interface', 'parse', `${P}import i: interface { f: func(); type t = u32; };`, 'ok'],
  ['import of a declared interface', 'parse', `${P}interface x { f: func(); }\nimport i: x;`, 'ok'],
  ['interface: use, resource, types, functions', 'parse', `${P}interface i {\n  use t:iface/r.{thing, thing as other};\n  resource res { constructor(a: u32); m: func() -> u32; s: static func(); }\n  record r { a: u32, b: string, }\n  variant v { a, b(u32) }\n  flags f { x, y }\n  enum e { x, y }\n  type a = u32;\n  type fty = func();\n  g: fty;\n  h: func(x: r) -> v;\n}`, 'ok'],
  ['resource without a body', 'parse', `${P}interface i { resource r; }`, 'ok'],
  ['world: imports, exports, include … with, use, types', 'parse', `${P}world w {\n  use t:iface/r.{thing};\n  import a: func();\n  import b: interface { f: func(); };\n  import t:iface/a;\n  export c: func() -> string;\n  include t:iface/w with { run as start };\n  record p { x: u32 }\n}`, 'ok'],
  ['every value type', 'parse', `${P}import f: func(a: u8, b: s8, c: u16, d: s16, e: u32, f: s32, g: u64, h: s64, i: f32, j: f64, k: char, l: bool, m: string, n: tuple<u8, string>, o: list<u8>, p: option<u8>, q: result, r: result<u8>, s: result<_, u8>, t: result<u8, string>);`, 'ok'],
  ['borrow and own handles', 'parse', `${P}interface i { resource r; f: func(a: borrow<r>, b: own<r>); }`, 'ok'],
  ['let with new, inferred, named, string-named, spread and fill arguments', 'parse', `${P}let x = new a:b { c, d: e, "f": g, ...h, ... };`, 'ok'],
  ['new with no arguments', 'parse', `${P}let x = new a:b {};`, 'ok'],
  ['access, named access, nested expressions', 'parse', `${P}let x = (new a:b { }).c["d"].e;`, 'ok'],
  ['export … as id, as "string", spread', 'parse', `${P}export x as y;\nexport x as "z";\nexport x...;`, 'ok'],
  ['line and nested block comments', 'parse', `// a\n/* outer /* inner */ still */ package a:b; // c`, 'ok'],
  ['%-escaped keyword as a name', 'parse', `${P}let %export = new a:b {};`, 'ok'],

  // ---- syntax errors ---------------------------------------------------------------------------------------------
  ['missing package declaration', 'parse', '¦let x = y;', 'WC6001', /expected a `package` declaration/],
  ['missing semicolon', 'parse', 'package a:b¦', 'WC6001', /expected `;`, found end of file/],
  ['second package declaration', 'parse', `${P}¦package a:c;`, 'WC6001'],
  ['empty record', 'parse', `${P}record r { ¦}`, 'WC6001', /at least one field/],
  ['empty variant', 'parse', `${P}variant v { ¦}`, 'WC6001', /at least one case/],
  ['empty flags', 'parse', `${P}flags f { ¦}`, 'WC6001', /at least one flag/],
  ['empty enum', 'parse', `${P}enum e { ¦}`, 'WC6001', /at least one case/],
  ['invalid semver', 'parse', 'package a:b¦@1.0;', 'WC6001', /not a valid semantic version/],
  ['invalid semver in a path', 'parse', `${P}import a: t:iface/a¦@x;`, 'WC6001', /not a valid semantic version/],
  ['invalid identifier', 'parse', `${P}let ¦aB = y;`, 'WC6001', /not a valid identifier/],
  ['unterminated string', 'parse', `${P}export x as ¦"abc`, 'WC6001', /unterminated string/],
  ['unterminated block comment', 'parse', `${P}¦/* never closed`, 'WC6001', /unterminated block comment/],
  ['unexpected character', 'parse', `${P}let x = ¦$;`, 'WC6001', /unexpected character/],
  ['a package path needs an item', 'parse', `${P}import a: t:iface¦;`, 'WC6001', /`\/` and an item name/],
  ['spread export with as', 'parse', `${P}export x... ¦as y;`, 'WC6001', /cannot rename/],
  ['nesting bound', 'parse', `${P}let x = ${'('.repeat(100)}¦${'('.repeat(10)}y${')'.repeat(110)};`, 'WC6001', /nesting deeper than 100/],
  ['list nested beyond the bound', 'parse', `${P}import f: func(a: ${'list<'.repeat(100)}¦u8${'>'.repeat(100)});`, 'WC6001', /nesting deeper/],

  // ---- resolution: what composes -------------------------------------------------------------------------------
  ['fill imports what is left', 'resolve', `${P}let c = new t:consumer { ... };\nexport c.run;`, 'ok'],
  ['explicit import passed by inferred name (package path)', 'resolve', `${P}import a: t:iface/a;\nlet c = new t:consumer { a };\nexport c.run;`, 'ok'],
  ['named argument by the last segment of a path', 'resolve', `${P}let p = new t:provider {};\nlet c = new t:consumer { a: p["t:iface/a@0.1.0"] };\nexport c.run;`, 'ok'],
  ['named argument as a string', 'resolve', `${P}let p = new t:provider {};\nlet c = new t:consumer { "t:iface/a@0.1.0": p.a };\nexport c.run;`, 'ok'],
  ['spread argument', 'resolve', `${P}let p = new t:provider {};\nlet c = new t:two { ...p };\nexport c.out;`, 'ok'],
  ['spread of an imported instance', 'resolve', `${P}import i: interface { g: func(); };\nlet c = new t:two { ...i, ... };\nexport c.out;`, 'ok'],
  ['func import passed by inferred name', 'resolve', `${P}import g: func();\nlet c = new t:two { g, ... };\nexport c.out;`, 'ok'],
  ['an imported instance\'s export as an argument', 'resolve', `${P}import i: interface { g: func(); };\nlet c = new t:two { g: i.g, ... };\nexport c.out;`, 'ok'],
  ['implicit imports merged across instantiations', 'resolve', `${P}let c = new t:consumer { ... };\nlet d = new t:consumer-h { ... };\nexport c.run;\nexport d.run2;`, 'ok'],
  ['export as "string"', 'resolve', `${P}let p = new t:provider {};\nexport p.g as "h";`, 'ok'],
  ['export a whole instance under a name', 'resolve', `${P}let p = new t:provider {};\nexport p["t:iface/a@0.1.0"] as "t:iface/a@0.1.0";\nexport p as "inner";`, 'ok'],
  ['export an import again', 'resolve', `${P}import g: func();\nexport g as "h";`, 'ok'],
  ['nested new expression in an export', 'resolve', `${P}export (new t:provider {}).g;`, 'ok'],
  ['spread export skips names already exported', 'resolve', `${P}let p = new t:provider {};\nlet q = new t:provider {};\nexport q.g;\nexport p...;`, 'ok'],
  ['type statements used by an import', 'resolve', `${P}record point { x: u32, y: u32 }\ninterface shapes { use-point: func(p: point) -> point; }\nimport s: shapes;\nexport s as "shapes";`, 'ok'],
  ['world include with rename resolves', 'resolve', `${P}world mine { include t:iface/w with { run as start }; }\nlet p = new t:provider {};\nexport p.g;`, 'ok'],
  ['targets a world the composition fits', 'resolve', `package test:comp targets t:iface/only-run;\nlet p = new t:provider {};\nlet c = new t:consumer { ...p };\nexport c.run;`, 'ok'],
  ['import of a world by package path (a component import)', 'resolve', `${P}import c: t:iface/w;\nexport c as "again";`, 'ok'],
  ['import of a world declared in the document', 'resolve', `${P}world mine { import a: func(); export run: func(); }\nimport c: mine;`, 'ok'],
  ['nested access: an export of an instance export', 'resolve', `${P}let n = new t:nested {};\nlet c = new t:two { a: n.outer.a, g: n.outer.inner.g };\nexport c.out;\nexport n.outer.inner.f as "f2";`, 'ok'],
  ['nested named access and a nested instance exported whole', 'resolve', `${P}let n = new t:nested {};\nexport n["outer"]["inner"] as "inner";`, 'ok'],
  ['spread of an instance export, as an argument and as exports', 'resolve', `${P}let n = new t:nested {};\nlet i = n.outer.inner;\nlet c = new t:two { ...i, ... };\nexport c.out;\nexport n.outer.inner...;`, 'ok'],
  ['a spread passes the instance\'s exports, not the instance', 'resolve', `${P}import a as "t:iface/a@0.1.5": interface { f: func(); };\nlet c = new t:consumer { ...a };\nexport c.run;`, 'WC6011'],

  // ---- resolution errors (wac's, at their place) ---------------------------------------------------------------
  ['undefined name', 'resolve', `${P}let x = ¦y;`, 'WC6002', /undefined name `y`/],
  ['redefined name', 'resolve', `${P}import g: func();\nlet ¦g = new t:provider {};`, 'WC6003', /`g` is already defined/],
  ['duplicate import name', 'resolve', `${P}import a: func();\nimport b as ¦a: func();`, 'WC6003', /duplicate import `a`/],
  ['unknown package (lists the paths tried)', 'resolve', `${P}import foo: ¦bar:baz/qux;`, 'WC6004', /unknown package `bar:baz` \(tried .*bar[/\\]baz\.wasm/],
  ['unknown package in new', 'resolve', `${P}let x = new ¦no:such {};`, 'WC6004', /unknown package `no:such`/],
  ['package has no such interface', 'resolve', `${P}import x: ¦t:iface/zzz;`, 'WC6005', /no interface or world named `zzz`/],
  ['import of something that is neither an interface, a world nor a function type', 'resolve', `${P}record r { a: u32 }\nimport x: ¦r;`, 'WC6006', /is not an interface, a world or a function type/],
  ['nested access to a missing export', 'resolve', `${P}let n = new t:nested {};\nlet x = n.outer.¦nope;`, 'WC6013', /no export named `nope`/],
  ['nested named access to a missing export', 'resolve', `${P}let n = new t:nested {};\nlet x = n["outer"][¦"nope"];`, 'WC6013', /no export named `nope`/],
  ['access on a function inside an instance export', 'resolve', `${P}let n = new t:nested {};\nlet x = n.outer.inner.g¦.h;`, 'WC6006', /an instance is required to perform an access \(this is a func export\)/],
  ['a world import passed where an instance is needed', 'resolve', `${P}import w: t:iface/w;\nlet c = new t:consumer { ¦a: w };`, 'WC6012', /mismatched instantiation argument/],
  ['a WIT package cannot be instantiated', 'resolve', `${P}let x = new ¦t:iface {};`, 'WC6006', /WIT package, not a component/],
  ['self-instantiation', 'resolve', `${P}let x = new ¦test:comp {};`, 'WC6006', /package being defined/],
  ['missing instantiation argument', 'resolve', `${P}let x = new ¦t:consumer {};`, 'WC6009', /missing instantiation argument `t:iface\/a@0.1.0` for package `t:consumer`/],
  ['duplicate instantiation argument', 'resolve', `${P}import g: func();\nlet x = new t:two { g: g, ¦g: g, ... };`, 'WC6008', /duplicate instantiation argument `g`/],
  ['unknown argument name', 'resolve', `${P}import g: func();\nlet x = new t:consumer { ¦nope: g, ... };`, 'WC6007', /has no import named `nope`/],
  ['fill not last', 'resolve', `${P}import g: func();\nlet x = new t:two { ¦..., g };`, 'WC6010', /must be the last argument/],
  ['spread that matches nothing', 'resolve', `${P}import i: interface { };\nlet x = new t:consumer { ...¦i };`, 'WC6011', /no matching exports/],
  ['spread of something that is not an instance', 'resolve', `${P}import g: func();\nlet x = new t:two { ...¦g };`, 'WC6006', /not an instance/],
  ['mismatched argument, with the reason chain', 'resolve', `${P}let o = new t:other {};\nlet x = new t:consumer { ¦a: o["t:iface/b@0.1.0"] };`, 'WC6012', /mismatched instantiation argument `t:iface\/a@0.1.0`: .*f/],
  ['mismatched func argument', 'resolve', `${P}import g: func(x: string);\nlet x = new t:two { ¦g, ... };`, 'WC6012', /mismatched instantiation argument `g`/],
  ['access on something that is not an instance', 'resolve', `${P}import g: func();\nlet x = g¦.h;`, 'WC6006', /an instance is required/],
  ['access to a missing export', 'resolve', `${P}let p = new t:provider {};\nlet x = p.¦nope;`, 'WC6013', /no export named `nope`/],
  ['named access to a missing export', 'resolve', `${P}let p = new t:provider {};\nlet x = p[¦"nope"];`, 'WC6013', /no export named `nope`/],
  ['export needs as', 'resolve', `${P}let p = new t:provider {};\nexport ¦p;`, 'WC6015', /requires an `as` clause/],
  ['duplicate export', 'resolve', `${P}let p = new t:provider {};\nexport p.g;\nexport ¦p.g;`, 'WC6014', /duplicate export `g`/],
  ['duplicate export through as', 'resolve', `${P}let p = new t:provider {};\nexport p.g as x;\nexport p.g as ¦x;`, 'WC6014'],
  ['invalid export name', 'resolve', `${P}let p = new t:provider {};\nexport p.g as ¦"not a name";`, 'WC6021', /export name `not a name` is not valid/],
  ['invalid import name', 'resolve', `${P}import g as ¦"x y": func();`, 'WC6021', /import name `x y` is not valid/],
  ['import conflicts with an implicit import', 'resolve', `${P}let c = new t:consumer { ... };\nimport a as ¦"t:iface/a@0.1.0": interface { f: func(); };`, 'WC6016', /conflicts with an item that was implicitly imported/],
  ['implicit imports that do not merge', 'resolve', `${P}let c = new t:consumer { ... };\nlet d = new t:consumer-bad { ¦... };\nexport c.run;\nexport d.run3;`, 'WC6017'],
  ['targets an interface', 'resolve', `package test:comp targets ¦t:iface/a;`, 'WC6018', /is not a world/],
  ['targets an unknown world', 'resolve', `package test:comp targets ¦t:iface/nope;`, 'WC6005', /no world named `nope`/],
  ['targets a world the composition does not fit (missing export)', 'resolve', `package test:comp targets ¦t:iface/only-run;\nlet p = new t:provider {};\nexport p.g;`, 'WC6019', /does not target world `t:iface\/only-run`: run/],
  ['targets wasi:cli/command, an extra import', 'resolve', `package test:comp targets ¦wasi:cli/command@0.2.12;\nlet c = new t:consumer { ... };\nexport c.run;`, 'WC6019', /t:iface\/a@0.1.0/],
  ['spread export with no effect', 'resolve', `${P}let p = new t:provider {};\nexport p.g;\nexport p["t:iface/a@0.1.0"] as "t:iface/a@0.1.0";\nexport p¦...;`, 'WC6022'],
  ['spread export of an instance with no exports', 'resolve', `${P}let e = new t:empty {};\nexport e¦...;`, 'WC6022'],
  ['duplicate record field', 'resolve', `${P}record r { a: u32, ¦a: u32 }`, 'WC6020', /duplicate field `a`/],
  ['duplicate variant case', 'resolve', `${P}variant v { a, ¦a }`, 'WC6020', /duplicate case `a`/],
  ['duplicate flag', 'resolve', `${P}flags f { a, ¦a }`, 'WC6020', /duplicate flag `a`/],
  ['duplicate enum case', 'resolve', `${P}enum e { a, ¦a }`, 'WC6020', /duplicate case `a`/],
  ['duplicate function parameter', 'resolve', `${P}import f: func(a: u32, ¦a: u32);`, 'WC6020', /duplicate function parameter `a`/],
  ['duplicate resource constructor', 'resolve', `${P}interface i { resource r { constructor(); ¦constructor(); } }`, 'WC6020', /duplicate constructor/],
  ['duplicate resource method', 'resolve', `${P}interface i { resource r { m: func(); ¦m: func(); } }`, 'WC6020', /duplicate method `m`/],
  ['borrow in a function result', 'resolve', `${P}interface i { resource r; f: func() -> ¦borrow<r>; }`, 'WC6020', /cannot recursively contain a borrow/],
  ['named results', 'resolve', `${P}import f: func() -> (¦a: u32);`, 'WC6020', /named results/],
  ['undefined type', 'resolve', `${P}import f: func(a: ¦nope);`, 'WC6002', /undefined name `nope`/],
  ['an interface is not a value type', 'resolve', `${P}interface i { }\nimport f: func(a: ¦i);`, 'WC6006', /cannot be used as a value type/],
  ['borrow of something that is not a resource', 'resolve', `${P}record r { a: u32 }\nimport f: func(a: borrow<¦r>);`, 'WC6006', /is not a resource type/],
  ['use of a type the interface does not have', 'resolve', `${P}interface i { use t:iface/a.{¦nope}; }`, 'WC6002', /a type named `nope` is not defined/],
  ['duplicate interface export', 'resolve', `${P}interface i { f: func(); ¦f: func(); }`, 'WC6003', /duplicate interface export `f`/],
  ['world include with a name the world does not have', 'resolve', `${P}world w { include t:iface/w with { ¦nope as x }; }`, 'WC6002', /does not have an import or export named `nope`/],
  ['duplicate world import', 'resolve', `${P}world w { import a: func(); ¦import a: func(); }`, 'WC6003', /conflicts with existing import/],
  ['include of something that is not a world', 'resolve', `${P}interface i { }\nworld w { include ¦i; }`, 'WC6006', /is not a world/],
  ['a type used as a value', 'resolve', `${P}record r { a: u32 }\nexport ¦r as "x";`, 'WC6006', /is a type, not a value/],
];

function locate(marked: string): { source: string; line: number; column: number } {
  const at = marked.indexOf('¦');
  const source = marked.replace('¦', '');
  if (at < 0) return { source, line: 0, column: 0 };
  const before = marked.slice(0, at).split('\n');
  return { source, line: before.length, column: before[before.length - 1]!.length + 1 };
}

async function outcome(mode: 'parse' | 'resolve', source: string): Promise<{ code: string; line?: number | undefined; column?: number | undefined; message: string } | 'ok'> {
  try {
    if (mode === 'parse') parseWac(source, 'case.wac');
    else {
      const packages = new PackageResolver({ depsDir: deps, overrides: new Map([['wasi:cli', wasi]]) });
      (await resolveWac(source, 'case.wac', packages)).plan();
    }
    return 'ok';
  } catch (e) {
    if (!isWcomposeError(e)) throw e;
    return { code: e.code, line: e.line, column: e.column, message: e.message };
  }
}

describe('WAC: sources and what they resolve to', () => {
  it('has at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)('%s', async (_name, mode, marked, expected, message) => {
    const { source, line, column } = locate(marked);
    const got = await outcome(mode, source);
    if (expected === 'ok') {
      expect(got).toBe('ok');
      return;
    }
    expect(got).not.toBe('ok');
    const e = got as Exclude<typeof got, 'ok'>;
    expect(e.code).toBe(expected);
    if (line > 0) expect({ line: e.line, column: e.column }).toEqual({ line, column });
    if (message) expect(e.message).toMatch(message);
  }, 60_000);
});
