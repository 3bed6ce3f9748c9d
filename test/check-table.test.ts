/**
 * The compatibility checker, case by case. Each case is a pair of WIT worlds: the *target* (what is required) and
 * the *component* (a dummy component made from the second world: what is provided). Both go through wcompose's
 * WIT loader and decoder, then `checkTarget`; the test asserts the exact reason chains, in order.
 */
import { describe, expect, it } from 'vitest';
import { formatFinding } from '../src/check/finding.js';
import { SubtypeChecker, TypeNames, checkExtern, isSubtype } from '../src/check/subtype.js';
import { checkTarget } from '../src/check/target.js';
import { diagnostics } from '../src/diagnostics/codes.js';
import type { ComponentType, DefinedType, Extern, InstanceType, ResourceType, ValueType } from '../src/types/model.js';
import { newResource } from '../src/types/model.js';
import { loadWitWorld } from '../src/wit/load.js';

interface Case {
  name: string;
  /** The world the component must target: WIT text (see `exportsIface` & co. for the usual shapes). */
  target: string;
  /** The world the component was built for. */
  component: string;
  /** The findings, formatted (`path › path: message`); empty when the component fits. */
  chains: string[];
  /** Their codes, when the case is about the code. */
  codes?: string[];
}

const G = 'demo:app/greeter@0.1.0';

/** A world exporting interface `greeter` (version 0.1.0) with the given body; `extra` goes next to it. */
function exportsIface(body: string, extra = ''): string {
  return `package demo:app@0.1.0;\ninterface greeter {\n${body}\n}\n${extra}\nworld w { export greeter; }\n`;
}

/** A world importing interface `greeter` with the given body. */
function importsIface(body: string): string {
  return `package demo:app@0.1.0;\ninterface greeter {\n${body}\n}\nworld w { import greeter; }\n`;
}

/** A world importing `demo:lib/logger@<version>` (a separate package, in the same source). */
function importsLogger(version: string, body = 'log: func(msg: string);'): string {
  return `package demo:app@0.1.0;\nworld w { import demo:lib/logger@${version}; }\npackage demo:lib@${version} {\n  interface logger {\n${body}\n  }\n}\n`;
}

/** A world exporting `demo:lib/logger@<version>`. */
function exportsLogger(version: string): string {
  return `package demo:app@0.1.0;\nworld w { export demo:lib/logger@${version}; }\npackage demo:lib@${version} {\n  interface logger { log: func(msg: string); }\n}\n`;
}

/** Same function in both, with a different parameter type: `f: func(x: T)`. */
function param(expected: string, found: string, types = ''): Pick<Case, 'target' | 'component'> {
  return { target: exportsIface(`${types}\nf: func(x: ${expected});`), component: exportsIface(`${types}\nf: func(x: ${found});`) };
}

const cases: Case[] = [
  // --- what fits ---
  { name: 'identical interface', target: exportsIface('greet: func(name: string) -> string;'), component: exportsIface('greet: func(name: string) -> string;'), chains: [] },
  {
    name: 'extra function in an exported interface is accepted',
    target: exportsIface('greet: func(name: string) -> string;'),
    component: exportsIface('greet: func(name: string) -> string;\nwave: func();'),
    chains: [],
  },
  {
    name: 'extra export is accepted',
    target: exportsIface('greet: func(name: string) -> string;'),
    component: 'package demo:app@0.1.0;\ninterface greeter { greet: func(name: string) -> string; }\nworld w { export greeter; export extra: func(); }\n',
    chains: [],
  },
  {
    name: 'the world may provide more than an imported interface uses',
    target: importsIface('greet: func(name: string) -> string;\nwave: func();'),
    component: importsIface('greet: func(name: string) -> string;'),
    chains: [],
  },
  { name: 'a type alias is its primitive', ...param('u32', 'size', 'type size = u32;'), chains: [] },
  {
    name: 'resources in an imported interface are paired by name',
    target: importsIface('resource handle { get: func() -> string; }\nopen: func() -> handle;'),
    component: importsIface('resource handle { get: func() -> string; }\nopen: func() -> handle;'),
    chains: [],
  },
  {
    name: 'a resource used from another interface',
    target: 'package demo:app@0.1.0;\ninterface types { resource r; }\ninterface greeter { use types.{r}; f: func(x: borrow<r>); }\nworld w { import greeter; }\n',
    component: 'package demo:app@0.1.0;\ninterface types { resource r; }\ninterface greeter { use types.{r}; f: func(x: borrow<r>); }\nworld w { import greeter; }\n',
    chains: [],
  },
  // --- missing things ---
  {
    name: 'missing function in an exported interface',
    target: exportsIface('greet: func(name: string) -> string;\nwave: func();'),
    component: exportsIface('wave: func();'),
    chains: [`${G} › greet: missing: expected func(name: string) -> string`],
    codes: ['WC3002'],
  },
  {
    name: 'missing export',
    target: exportsIface('greet: func(name: string) -> string;'),
    component: 'package demo:app@0.1.0;\nworld w { export run: func(); }\n',
    chains: [`${G}: required by the world, but the component does not export it`],
    codes: ['WC3002'],
  },
  {
    name: 'import not provided',
    target: 'package demo:app@0.1.0;\nworld w { export run: func(); }\n',
    component: 'package demo:app@0.1.0;\nworld w { import clock: func() -> u64; export run: func(); }\n',
    chains: ['clock: imported by the component, but the world does not provide it'],
    codes: ['WC3001'],
  },
  {
    name: 'missing function in a provided interface',
    target: importsIface('wave: func();'),
    component: importsIface('greet: func(name: string) -> string;\nwave: func();'),
    chains: [`${G} › greet: missing: expected func(name: string) -> string`],
  },
  // --- functions ---
  { name: 'parameter type', ...param('string', 'u32'), chains: [`${G} › f › parameter "x": expected string, found u32`], codes: ['WC3006'] },
  {
    name: 'parameter renamed',
    target: exportsIface('greet: func(name: string) -> string;'),
    component: exportsIface('greet: func(who: string) -> string;'),
    chains: [`${G} › greet: expected func(name: string) -> string, found func(who: string) -> string (parameter 1 is named "who", not "name")`],
    codes: ['WC3005'],
  },
  {
    name: 'parameter count',
    target: exportsIface('add: func(a: u32, b: u32) -> u32;'),
    component: exportsIface('add: func(a: u32) -> u32;'),
    chains: [`${G} › add: expected func(a: u32, b: u32) -> u32, found func(a: u32) -> u32`],
  },
  {
    name: 'result type',
    target: exportsIface('greet: func(name: string) -> string;'),
    component: exportsIface('greet: func(name: string) -> u32;'),
    chains: [`${G} › greet › result: expected string, found u32`],
  },
  {
    name: 'result missing',
    target: exportsIface('greet: func(name: string) -> string;'),
    component: exportsIface('greet: func(name: string);'),
    chains: [`${G} › greet: expected func(name: string) -> string, found func(name: string)`],
  },
  {
    name: 'async vs sync',
    target: exportsIface('fetch: async func(url: string) -> string;'),
    component: exportsIface('fetch: func(url: string) -> string;'),
    chains: [`${G} › fetch: expected async func(url: string) -> string, found func(url: string) -> string`],
    codes: ['WC3005'],
  },
  {
    name: 'every finding, not just the first',
    target: exportsIface('f: func(a: u8, b: string) -> bool;'),
    component: exportsIface('f: func(a: s8, b: string) -> char;'),
    chains: [`${G} › f › parameter "a": expected u8, found s8`, `${G} › f › result: expected bool, found char`],
  },
  {
    name: 'a function where an interface is required',
    target: 'package demo:app@0.1.0;\nworld w { export greeter: interface { greet: func(); } }\n',
    component: 'package demo:app@0.1.0;\nworld w { export greeter: func(); }\n',
    chains: ['greeter: expected an interface, found a function'],
    codes: ['WC3003'],
  },
  // --- primitives ---
  { name: 'signedness', ...param('s64', 'u64'), chains: [`${G} › f › parameter "x": expected s64, found u64`] },
  { name: 'float width', ...param('f32', 'f64'), chains: [`${G} › f › parameter "x": expected f32, found f64`] },
  { name: 'char vs string', ...param('char', 'string'), chains: [`${G} › f › parameter "x": expected char, found string`] },
  {
    name: 'alias to another primitive',
    target: exportsIface('type size = u32;\nf: func(x: size);'),
    component: exportsIface('type size = u64;\nf: func(x: size);'),
    chains: [`${G} › size: expected u32, found u64`, `${G} › f › parameter "x": expected u32, found u64`],
  },
  // --- lists, tuples, options, results ---
  { name: 'list element', ...param('list<u32>', 'list<u64>'), chains: [`${G} › f › parameter "x": expected list<u32>, found list<u64>`] },
  { name: 'list vs fixed list', ...param('list<u8>', 'list<u8, 4>'), chains: [`${G} › f › parameter "x": expected list<u8>, found list<u8, 4>`] },
  { name: 'fixed list length', ...param('list<u8, 4>', 'list<u8, 8>'), chains: [`${G} › f › parameter "x": expected list<u8, 4>, found list<u8, 8>`] },
  { name: 'list vs string', ...param('list<u8>', 'string'), chains: [`${G} › f › parameter "x": expected list<u8>, found string`] },
  { name: 'tuple arity', ...param('tuple<u32, u32>', 'tuple<u32>'), chains: [`${G} › f › parameter "x": expected tuple<u32, u32>, found tuple<u32>`] },
  { name: 'tuple element', ...param('tuple<u32, string>', 'tuple<u32, u32>'), chains: [`${G} › f › parameter "x": expected tuple<u32, string>, found tuple<u32, u32>`] },
  { name: 'option vs result', ...param('option<u32>', 'result<u32>'), chains: [`${G} › f › parameter "x": expected option<u32>, found result<u32>`] },
  { name: 'option payload', ...param('option<u32>', 'option<option<u32>>'), chains: [`${G} › f › parameter "x": expected option<u32>, found option<option<u32>>`] },
  { name: 'result without an error type', ...param('result<u32, string>', 'result<u32>'), chains: [`${G} › f › parameter "x": expected result<u32, string>, found result<u32>`] },
  { name: 'result without an ok type', ...param('result<_, string>', 'result<u32, string>'), chains: [`${G} › f › parameter "x": expected result<_, string>, found result<u32, string>`] },
  { name: 'result error type', ...param('result<u32, string>', 'result<u32, u32>'), chains: [`${G} › f › parameter "x": expected result<u32, string>, found result<u32, u32>`] },
  // --- streams and futures ---
  { name: 'stream element', ...param('stream<u8>', 'stream<u32>'), chains: [`${G} › f › parameter "x": expected stream<u8>, found stream<u32>`] },
  { name: 'future with and without a value', ...param('future<string>', 'future'), chains: [`${G} › f › parameter "x": expected future<string>, found future`] },
  { name: 'stream vs future', ...param('stream<u8>', 'future<u8>'), chains: [`${G} › f › parameter "x": expected stream<u8>, found future<u8>`] },
  // --- records, variants, enums, flags ---
  {
    name: 'record field type deep inside',
    target: exportsIface('record inner { tags: list<string> }\nrecord outer { id: u32, inner: inner }\nf: func(x: list<outer>);'),
    component: exportsIface('record inner { tags: list<u8> }\nrecord outer { id: u32, inner: inner }\nf: func(x: list<outer>);'),
    chains: [`${G} › inner › field "tags": expected list<string>, found list<u8>`],
    codes: ['WC3006'],
  },
  {
    name: 'a shared record that differs is reported in both directions',
    target: 'package demo:app@0.1.0;\ninterface types { record point { x: u32 } }\ninterface greeter { use types.{point}; f: func(x: option<point>); }\nworld w { export greeter; }\n',
    component: 'package demo:app@0.1.0;\ninterface types { record point { x: u64 } }\ninterface greeter { use types.{point}; f: func(x: option<point>); }\nworld w { export greeter; }\n',
    chains: [
      // The component imports types (for its greeter): it expects u64, the world provides u32 …
      'demo:app/types@0.1.0 › point › field "x": expected u64, found u32',
      // … and the world requires a greeter whose point has u32.
      `${G} › point › field "x": expected u32, found u64`,
    ],
  },
  {
    name: 'record field renamed',
    target: exportsIface('record point { x: u32, y: u32 }'),
    component: exportsIface('record point { x: u32, z: u32 }'),
    chains: [`${G} › point: expected record point { x: u32, y: u32 }, found record point { x: u32, z: u32 }`],
    codes: ['WC3007'],
  },
  {
    name: 'record fields reordered',
    target: exportsIface('record point { x: u32, y: u32 }'),
    component: exportsIface('record point { y: u32, x: u32 }'),
    chains: [`${G} › point: expected record point { x: u32, y: u32 }, found record point { y: u32, x: u32 }`],
  },
  {
    name: 'variant case payload',
    target: exportsIface('variant shape { circle(f32), square(f32) }'),
    component: exportsIface('variant shape { circle(f64), square(f32) }'),
    chains: [`${G} › shape › case "circle": expected f32, found f64`],
  },
  {
    name: 'variant case with and without payload',
    target: exportsIface('variant shape { circle(f32), none }'),
    component: exportsIface('variant shape { circle(f32), none(u8) }'),
    chains: [`${G} › shape: expected variant shape { circle(f32), none }, found variant shape { circle(f32), none(u8) }`],
  },
  {
    name: 'enum order',
    target: exportsIface('enum color { red, green, blue }'),
    component: exportsIface('enum color { red, blue, green }'),
    chains: [`${G} › color: expected enum color { red, green, blue }, found enum color { red, blue, green }`],
    codes: ['WC3007'],
  },
  {
    name: 'enum with an extra case',
    target: exportsIface('enum color { red, green }'),
    component: exportsIface('enum color { red, green, blue }'),
    chains: [`${G} › color: expected enum color { red, green }, found enum color { red, green, blue }`],
  },
  {
    name: 'flags order',
    target: exportsIface('flags perms { read, write }'),
    component: exportsIface('flags perms { write, read }'),
    chains: [`${G} › perms: expected flags perms { read, write }, found flags perms { write, read }`],
  },
  {
    name: 'flags vs enum',
    target: exportsIface('flags perms { read, write }'),
    component: exportsIface('enum perms { read, write }'),
    chains: [`${G} › perms: expected flags perms { read, write }, found enum perms { read, write }`],
  },
  {
    name: 'record vs variant',
    target: exportsIface('record v { a: u32 }'),
    component: exportsIface('variant v { a(u32) }'),
    chains: [`${G} › v: expected record v { a: u32 }, found variant v { a(u32) }`],
  },
  // --- resources ---
  {
    name: 'resource identity',
    target: exportsIface('resource a;\nresource b;\nf: func(x: borrow<a>);'),
    component: exportsIface('resource a;\nresource b;\nf: func(x: borrow<b>);'),
    chains: [`${G} › f › parameter "x": expected borrow<a>, found borrow<b>`],
    codes: ['WC3008'],
  },
  {
    name: 'own vs borrow',
    target: exportsIface('resource r;\nf: func(x: borrow<r>);'),
    component: exportsIface('resource r;\nf: func(x: r);'),
    chains: [`${G} › f › parameter "x": expected borrow<r>, found own<r>`],
    codes: ['WC3009'],
  },
  {
    name: 'resource vs record of the same name',
    target: exportsIface('resource r;'),
    component: exportsIface('record r { x: u32 }'),
    chains: [`${G} › r: expected resource r, found record r { x: u32 }`],
    codes: ['WC3003'],
  },
  {
    name: 'method signature',
    target: importsIface('resource handle { get: func() -> string; }'),
    component: importsIface('resource handle { get: func() -> u32; }'),
    chains: [`${G} › [method]handle.get › result: expected u32, found string`],
  },
  {
    name: 'a local resource where the shared one is required',
    target: 'package demo:app@0.1.0;\ninterface types { resource r; }\ninterface greeter { use types.{r}; f: func(x: borrow<r>); }\nworld w { import types; export greeter; }\n',
    component: 'package demo:app@0.1.0;\ninterface types { resource r; }\ninterface greeter { resource r; f: func(x: borrow<r>); }\nworld w { import types; export greeter; }\n',
    chains: [
      `${G} › r: expected resource r, found resource r (a different resource of the same name)`,
      `${G} › f › parameter "x": expected borrow<r>, found borrow<r> (a different resource of the same name)`,
    ],
    codes: ['WC3008', 'WC3008'],
  },
  {
    name: 'an import that is not provided causes no follow-on findings',
    target: 'package demo:app@0.1.0;\ninterface greeter { resource r; f: func(x: borrow<r>); }\nworld w { import greeter; }\n',
    component: 'package demo:app@0.1.0;\ninterface types { resource r; }\ninterface greeter { use types.{r}; f: func(x: borrow<r>); }\nworld w { import greeter; }\n',
    chains: ['demo:app/types@0.1.0: imported by the component, but the world does not provide it'],
  },
  // --- versions ---
  { name: 'semver: a newer patch provides an import', target: importsLogger('0.1.7'), component: importsLogger('0.1.0'), chains: [] },
  { name: 'semver: an older patch provides an import (types are checked)', target: importsLogger('0.1.0'), component: importsLogger('0.1.7'), chains: [] },
  { name: 'semver: 1.x within its major', target: importsLogger('1.9.1'), component: importsLogger('1.2.0'), chains: [] },
  {
    name: 'semver: 0.x is incompatible across minors',
    target: importsLogger('0.2.0'),
    component: importsLogger('0.1.0'),
    chains: ['demo:lib/logger@0.1.0: imported by the component, but the world provides only demo:lib/logger@0.2.0'],
    codes: ['WC3004'],
  },
  {
    name: 'semver: majors are incompatible',
    target: importsLogger('2.0.0'),
    component: importsLogger('1.0.0'),
    chains: ['demo:lib/logger@1.0.0: imported by the component, but the world provides only demo:lib/logger@2.0.0'],
  },
  {
    name: 'semver: a pre-release only matches itself',
    target: importsLogger('0.2.0'),
    component: importsLogger('0.2.0-rc.1'),
    chains: ['demo:lib/logger@0.2.0-rc.1: imported by the component, but the world provides only demo:lib/logger@0.2.0'],
  },
  { name: 'semver: the same pre-release', target: importsLogger('0.2.0-rc.1'), component: importsLogger('0.2.0-rc.1'), chains: [] },
  {
    name: 'semver: a compatible version still has to have what is used',
    target: importsLogger('0.1.0', 'log: func(msg: string);'),
    component: importsLogger('0.1.3', 'log: func(msg: string);\nflush: func();'),
    chains: ['demo:lib/logger@0.1.3 › flush: missing: expected func()'],
  },
  { name: 'semver: an export of a compatible version', target: exportsLogger('0.1.0'), component: exportsLogger('0.1.9'), chains: [] },
  {
    name: 'semver: an export of an incompatible version',
    target: exportsLogger('0.1.0'),
    component: exportsLogger('0.3.0'),
    chains: ['demo:lib/logger@0.1.0: required by the world, but the component exports only demo:lib/logger@0.3.0'],
    codes: ['WC3004'],
  },
];

async function world(source: string, name: string): Promise<ComponentType> {
  return (await loadWitWorld({ source, sourceName: name, world: 'w' })).type;
}

describe('compatibility table', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases)('$name', async (c) => {
    const target = await world(c.target, `${c.name} (target)`);
    const component = await world(c.component, `${c.name} (component)`);
    const findings = checkTarget(component, target);
    expect(findings.map(formatFinding)).toEqual(c.chains);
    if (c.codes) expect(findings.map((f) => f.code)).toEqual(c.codes);
    for (const f of findings) expect(f.hint).toBeTruthy();
  });
});

/** Hand-made types, for what WIT cannot write and for the API a graph checker uses per link. */
describe('checker on model types', () => {
  const record = (t: ValueType): DefinedType => ({ kind: 'record', fields: [{ name: 'x', type: t }] });
  const func = (t: ValueType): Extern => ({ kind: 'func', type: { kind: 'func', async: false, params: [{ name: 'p', type: t }], result: undefined } });

  it('descends through an anonymous wrapper when both sides print the same', () => {
    const e = record('u32');
    const a = record('u64');
    const names = new TypeNames();
    const iface = (r: DefinedType): InstanceType => ({ kind: 'instance', exports: new Map([['point', { kind: 'type', type: r }]]), declared: [] });
    names.add(iface(e)).add(iface(a));
    const findings = checkExtern(func({ kind: 'option', type: e }), func({ kind: 'option', type: a }), { path: ['f'], names });
    expect(findings.map(formatFinding)).toEqual(['f › parameter "p" › option value › field "x": expected u32, found u64']);
  });

  it('prints the whole wrapper when the two sides print differently', () => {
    const findings = checkExtern(func({ kind: 'option', type: record('u32') }), func({ kind: 'option', type: record('u64') }), { path: ['f'] });
    expect(findings.map(formatFinding)).toEqual(['f › parameter "p": expected option<record { x: u32 }>, found option<record { x: u64 }>']);
  });

  it('compares resources by identity, or through pairs the caller states', () => {
    const r1 = newResource('r');
    const r2 = newResource('r');
    const own = (r: ResourceType): Extern => func({ kind: 'own', resource: r });
    expect(isSubtype(own(r1), own(r1))).toBe(true);
    expect(isSubtype(own(r1), own(r2))).toBe(false);
    const checker = new SubtypeChecker();
    checker.pair(r1, r2);
    expect(checker.extern(own(r1), own(r2), ['f'])).toBe(true);
    expect(checker.findings).toEqual([]);
  });

  it('pairs an instance’s own resources with the actual ones of the same name, then holds to that', () => {
    const mk = (r: ResourceType, used: ResourceType): InstanceType => ({
      kind: 'instance',
      exports: new Map<string, Extern>([
        ['r', { kind: 'type', type: r }],
        ['f', func({ kind: 'borrow', resource: used })],
      ]),
      declared: [r],
    });
    const e = newResource('r');
    const a = newResource('r');
    const other = newResource('r');
    expect(checkExtern({ kind: 'instance', type: mk(e, e) }, { kind: 'instance', type: mk(a, a) })).toEqual([]);
    const findings = checkExtern({ kind: 'instance', type: mk(e, e) }, { kind: 'instance', type: mk(a, other) }, { path: ['i'] });
    expect(findings.map(formatFinding)).toEqual([
      'i › f › parameter "p": expected borrow<r>, found borrow<r> (a different resource of the same name)',
    ]);
  });

  it('returns findings as plain data', () => {
    const [f] = checkExtern(func('string'), func('u32'), { path: ['demo:app/greeter@0.1.0', 'greet'] });
    expect(f).toEqual({
      code: 'WC3006',
      path: ['demo:app/greeter@0.1.0', 'greet', 'parameter "p"'],
      message: 'expected string, found u32',
      expected: 'string',
      found: 'u32',
      hint: diagnostics.WC3006.hint,
    });
  });
});
