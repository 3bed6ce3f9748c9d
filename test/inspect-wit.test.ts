/**
 * `wcompose inspect --wit` prints a component's world from wcompose's own type model; it must match what jco's
 * `componentWit` (wit-component's decoder and printer) prints for the same binary. See
 * scratch/wit-printing-notes.md for the rules these cases pin down.
 *
 * The CLI cases run bin/wcompose.js, which uses dist/: build first (`npx tsc -p tsconfig.build.json`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { inspect } from '../src/api/inspect.js';
import { isWcomposeError } from '../src/diagnostics/error.js';
import { decodeComponent } from '../src/types/decode.js';
import { printWorld } from '../src/wit/print-world.js';
import { runCli } from './support/cli.js';
import {
  buildJs, buildWat, fixturePath, jcoWit, jsFixtureNames, normalizeWit, parseWat, watFixtureNames,
} from './support/index.js';

/** Asserts wcompose prints exactly what jco prints (and so, too, up to whitespace and comments). */
async function expectSameWit(bytes: Uint8Array): Promise<string> {
  const expected = await jcoWit(bytes);
  const actual = printWorld(decodeComponent(bytes));
  expect(normalizeWit(actual)).toBe(normalizeWit(expected));
  expect(actual).toBe(expected);
  return actual;
}

describe('inspect --wit matches jco on the WAT fixtures', () => {
  for (const name of watFixtureNames()) {
    it(name, async () => {
      await expectSameWit(await buildWat(name));
    });
  }
});

describe('inspect --wit matches jco on the JS (componentize-js) fixtures', () => {
  for (const name of jsFixtureNames()) {
    it(name, async () => {
      await expectSameWit(await buildJs(name));
    });
  }
});

describe('the CLI prints the same WIT', () => {
  const fixtures = [
    ...watFixtureNames().map((name) => ({ kind: 'wat' as const, name })),
    ...jsFixtureNames().map((name) => ({ kind: 'js' as const, name })),
  ];
  for (const { kind, name } of fixtures) {
    it(`${kind}/${name}`, async () => {
      const file = await fixturePath(kind, name);
      const expected = await jcoWit(kind === 'wat' ? await buildWat(name) : await buildJs(name));
      const plain = await runCli(['inspect', file]);
      expect(plain.stderr).toBe('');
      expect(plain.code).toBe(0);
      expect(plain.stdout).toBe(expected);
      const wit = await runCli(['inspect', file, '--wit']);
      expect(wit.stdout).toBe(expected);
    });
  }
});

/** Focused cases. `rejected`: jco refuses the component (notes §9), so there is nothing to compare. */
interface Case {
  name: string;
  wat: string;
  rejected?: true;
  /** The expected WIT, where spelling it out documents the rule (it is also compared with jco's). */
  wit?: string;
}

const wasiIo = `
  (type $errt (instance (export "error" (type (sub resource)))))
  (import "wasi:io/error@0.2.0" (instance $err (type $errt)))
  (alias export $err "error" (type $error))
  (type $st (instance
    (alias outer 1 $error (type $e))
    (export "error" (type $e2 (eq $e)))
    (export "input-stream" (type $is (sub resource)))
    (export "output-stream" (type $os (sub resource)))
    (type $ob (own $e2))
    (type $se (variant (case "last-operation-failed" $ob) (case "closed")))
    (export "stream-error" (type $se2 (eq $se)))
    (type $bis (borrow $is))
    (type $lu8 (list u8))
    (type $r (result $lu8 (error $se2)))
    (export "[method]input-stream.read" (func (param "self" $bis) (param "len" u64) (result $r)))
  ))
  (import "wasi:io/streams@0.2.0" (instance $streams (type $st)))
  (alias export $streams "input-stream" (type $input))
  (alias export $streams "output-stream" (type $output))
  (alias export $streams "stream-error" (type $serr))`;

/** A nested component exporting a shim instance (the shape wit-component and compositions produce). */
const shimmed = `
  (component $inner
    (import "a:b/types" (instance $t
      (type $rec (record (field "x" u32)))
      (export "rec" (type (eq $rec)))))
    (alias export $t "rec" (type $rec))
    (core module $m (func (export "mk") (param i32) (result i32) i32.const 0))
    (core instance $ci (instantiate $m))
    (type $r (resource (rep i32)))
    (type $o (own $r))
    (func $mk (param "x" $rec) (result $o) (canon lift (core func $ci "mk")))
    (component $shim
      (type $rec0 (record (field "x" u32)))
      (import "import-type-rec" (type $rec (eq $rec0)))
      (import "import-type-r" (type $r (sub resource)))
      (type $o (own $r))
      (import "import-func-mk" (func $mk (param "x" $rec) (result $o)))
      (export $rec2 "rec" (type $rec))
      (export $r2 "r" (type $r))
      (type $o2 (own $r2))
      (export "mk" (func $mk) (func (param "x" $rec2) (result $o2))))
    (instance $si (instantiate $shim (with "import-type-rec" (type $rec)) (with "import-type-r" (type $r)) (with "import-func-mk" (func $mk))))
    (export "a:b/api" (instance $si)))`;

const cases: Case[] = [
  {
    name: 'an empty component',
    wat: '(component)',
    wit: 'package root:component;\n\nworld root {\n}\n',
  },
  {
    name: 'inline interface with every kind of type declaration',
    wat: `(component
      (import "types" (instance
        (type $rec (record (field "a" u32) (field "b-c" string)))
        (export "rec" (type $r (eq $rec)))
        (type $e (enum "x" "y-z"))
        (export "e" (type $ee (eq $e)))
        (type $fl (flags "f1" "f2"))
        (export "fl" (type (eq $fl)))
        (type $v (variant (case "none") (case "some" u32) (case "rr" $r)))
        (export "v" (type $vv (eq $v)))
        (type $l (list $r))
        (export "l" (type (eq $l)))
        (type $t (tuple u8 $ee))
        (export "t" (type (eq $t)))
        (type $o (option $vv))
        (export "o" (type (eq $o)))
        (type $res (result u8 (error string)))
        (export "res" (type (eq $res)))
        (type $fx (list u8 16))
        (export "hash" (type (eq $fx)))
        (type $m (map string u32))
        (export "counts" (type (eq $m)))
        (type $s (stream u8))
        (export "bytes" (type (eq $s)))
        (type $f (future))
        (export "fut" (type (eq $f)))
        (type $pu u32)
        (export "alias-u32" (type (eq $pu)))
        (export "alias-rec" (type (eq $r)))
        (export "f" (func (param "x" $r) (param "y" $l) (result $o)))
        (export "g" (func))
      )))`,
  },
  { name: 'an empty inline interface', wat: '(component (import "e" (instance)) (import "a:b/c" (instance)))' },
  {
    name: 'resources: constructor, methods, statics, async, free functions and handle aliases',
    wat: `(component
      (import "i" (instance
        (export "r" (type $r (sub resource)))
        (type $own (own $r))
        (type $bor (borrow $r))
        (export "[constructor]r" (func (param "n" u32) (result $own)))
        (export "[method]r.get" (func (param "self" $bor) (result u32)))
        (export "[method]r.aget" (func async (param "self" $bor) (result u32)))
        (export "[static]r.make" (func (result $own)))
        (export "[static]r.amake" (func async (result $own)))
        (export "free" (func (param "x" $own) (param "y" $bor)))
        (export "afree" (func async (param "x" $own)))
        (export "r2" (type $r2 (sub resource)))
        (export "own-r" (type (eq $own)))
        (export "bor-r" (type (eq $bor)))
      )))`,
    wit: `package root:component;

world root {
  import i: interface {
    resource r {
      constructor(n: u32);
      get: func() -> u32;
      aget: async func() -> u32;
      make: static func() -> r;
      amake: static async func() -> r;
    }

    resource r2;

    type own-r = r;

    type bor-r = borrow<r>;

    free: func(x: r, y: borrow<r>);

    afree: async func(x: r);
  }
}
`,
  },
  {
    name: 'an own handle named before any function uses it is `own<r>`',
    wat: `(component
      (import "i" (instance
        (export "r" (type $r (sub resource)))
        (type $own (own $r))
        (type $bor (borrow $r))
        (export "own-r" (type $ownr (eq $own)))
        (export "bor-r" (type $borr (eq $bor)))
        (export "f" (func (param "x" $own) (param "y" $bor)))
        (export "g" (func (param "x" $ownr) (param "y" $borr))))))`,
  },
  {
    name: 'a fallible constructor, a constructor returning a named own handle, resource functions out of order',
    wat: `(component
      (import "i" (instance
        (export "r" (type $r (sub resource)))
        (type $own (own $r))
        (type $res (result $own (error string)))
        (export "[constructor]r" (func (param "n" u32) (result $res)))
        (export "q" (type $q (sub resource)))
        (type $oq (own $q))
        (export "own-q" (type $on (eq $oq)))
        (export "[constructor]q" (func (result $on)))
        (export "a" (type $a (sub resource)))
        (type $oa (own $a))
        (export "first" (func))
        (export "[static]a.mk" (func (result $oa)))
        (export "[constructor]a" (func (result $oa))))))`,
  },
  {
    name: 'type aliases: of a resource, a chain, the same record named twice, before and after anonymous use',
    wat: `(component
      (import "i" (instance
        (export "r" (type $r (sub resource)))
        (export "alias" (type $al (eq $r)))
        (export "alias2" (type $al2 (eq $al)))
        (type $o (own $al))
        (type $b (borrow $al2))
        (export "f" (func (param "x" $o) (param "y" $b)))
        (type $rec (record (field "a" u32)))
        (export "a" (type $ra (eq $rec)))
        (export "b" (type $rb (eq $rec)))
        (export "c" (type $rc (eq $ra)))
        (export "g" (func (param "x" $ra) (param "y" $rb) (param "z" $rc)))
        (type $l (list u8))
        (export "h" (func (param "x" $l)))
        (export "bytes" (type $bytes (eq $l)))
        (type $l2 (list u16))
        (export "words" (type $words (eq $l2)))
        (export "k" (func (param "x" $l2) (param "y" $bytes) (param "z" $words))))))`,
  },
  {
    name: 'use: world-level `use` with renames, grouped by consecutive interface',
    wat: `(component ${wasiIo}
      (import "input-stream" (type $in2 (eq $input)))
      (import "os" (type $os2 (eq $output)))
      (import "stream-error" (type $se3 (eq $serr)))
      (import "err" (type $e3 (eq $error)))
      (type $oin (own $in2))
      (type $bos (borrow $os2))
      (import "f" (func (param "a" $oin) (param "b" $bos) (result $se3)))
      (import "g" (func (param "a" $oin))))`,
    wit: `package root:component;

world root {
  import wasi:io/error@0.2.0;
  import wasi:io/streams@0.2.0;
  use wasi:io/streams@0.2.0.{input-stream, output-stream as os, stream-error};
  use wasi:io/error@0.2.0.{error as err};
  import f: func(a: input-stream, b: borrow<os>) -> stream-error;
  import g: func(a: input-stream);
}
`,
  },
  {
    name: 'use: only consecutive aliases of one interface share a line',
    wat: `(component
      (import "a:b/x" (instance $x (export "t1" (type (sub resource))) (export "t2" (type (sub resource)))))
      (import "a:b/y" (instance $y (export "u1" (type (sub resource)))))
      (alias export $x "t1" (type $t1))
      (alias export $x "t2" (type $t2))
      (alias export $y "u1" (type $u1))
      (import "t1" (type (eq $t1)))
      (import "u1" (type (eq $u1)))
      (import "t2" (type (eq $t2)))
      (import "my-t1" (type (eq $t1))))`,
  },
  {
    name: 'use: an inline interface using foreign types, and local aliases of them',
    wat: `(component ${wasiIo}
      (import "mine" (instance
        (alias outer 1 $input (type $i))
        (export "input-stream" (type $i2 (eq $i)))
        (alias outer 1 $output (type $o))
        (export "out" (type $o2 (eq $o)))
        (alias outer 1 $error (type $e))
        (export "error" (type $e2 (eq $e)))
        (export "again" (type $ag (eq $e2)))
        (export "local" (type $l (sub resource)))
        (type $oi (own $i2))
        (export "f" (func (param "x" $oi))))))`,
  },
  {
    name: 'foreign types reached without a `use` print by bare name',
    wat: `(component ${wasiIo}
      (type $oin (own $input))
      (type $bos (borrow $output))
      (import "f" (func (param "a" $oin) (param "b" $bos) (result $serr))))`,
  },
  {
    name: 'root:component interfaces are printed before the world',
    wat: `(component
      (import "root:component/foo" (instance $f
        (export "r" (type (sub resource)))
        (type $rec (record (field "x" u32)))
        (export "rec" (type (eq $rec)))
        (export "g" (func))))
      (alias export $f "r" (type $r))
      (import "root:component/bar" (instance
        (alias outer 1 $r (type $r0))
        (export "r" (type $r1 (eq $r0)))
        (type $o (own $r1))
        (export "h" (func (result $o)))
        (export "x:y/z" (type (sub resource)))))
      (import "root:component/baz@1.0.0" (instance (export "k" (func))))
      (alias export $f "rec" (type $rec))
      (import "rec" (type (eq $rec))))`,
  },
  {
    name: 'keywords are escaped everywhere',
    wat: `(component
      (import "type" (instance
        (export "list" (type $l (sub resource)))
        (type $rec (record (field "type" u32) (field "stream" string) (field "async" u8) (field "map" u8)))
        (export "record" (type $r (eq $rec)))
        (type $e (enum "enum" "own" "borrow" "await"))
        (export "enum" (type $e2 (eq $e)))
        (type $fl (flags "flags" "static"))
        (export "flags" (type $fl2 (eq $fl)))
        (type $v (variant (case "use" $r) (case "self")))
        (export "variant" (type $v2 (eq $v)))
        (type $o (own $l))
        (export "[constructor]list" (func (param "interface" u32) (result $o)))
        (export "[method]list.func" (func (param "self" (borrow $l)) (param "use" $r)))
        (export "[static]list.static" (func (param "include" $e2) (result $fl2)))
        (export "error-context" (func (param "with" $r) (param "error" $v2)))))
      (import "world" (func (param "package" u32) (param "import" u32) (param "export" u32) (param "from" u8)
        (param "as" u8) (param "tuple" u8) (param "option" u8) (param "result" u8) (param "char" u8) (param "bool" u8)
        (param "float32" f32) (param "float64" f64) (param "constructor" u8) (param "future" u8) (param "borrow" u8)))
      (import "use:list/type@1.0.0" (instance (export "func" (func))))
      (import "u8" (func))
      (import "async" (func)))`,
  },
  {
    name: 'world-level types, resources with world-level functions, function imports and exports',
    wat: `(component
      (type $l (list u8))
      (import "bytes" (type $b (eq $l)))
      (import "b2" (type $b2 (eq $b)))
      (type $rec (record (field "x" $b)))
      (import "rec" (type $r (eq $rec)))
      (import "x" (func))
      (import "res" (type $res (sub resource)))
      (type $ores (own $res))
      (import "[method]res.m" (func async (param "self" (borrow $res))))
      (import "[static]res.s" (func (result $ores)))
      (import "[constructor]res" (func (param "k" string) (result $ores)))
      (import "f" (func $f (param "x" $r) (param "y" $b2)))
      (export "g" (func $f)))`,
    wit: `package root:component;

world root {
  type bytes = list<u8>;

  type b2 = bytes;

  record rec {
    x: bytes,
  }

  resource res {
    m: async func();
    s: static func() -> res;
    constructor(k: string);
  }
  import x: func();
  import f: func(x: rec, y: b2);

  export g: func(x: rec, y: b2);
}
`,
  },
  {
    name: 'exports only: no blank line at the top; interfaces and functions in binary order',
    wat: `(component
      (core module $m (func (export "f")) (func (export "g") (param i32) (result i32) local.get 0))
      (core instance $i (instantiate $m))
      (func $f (canon lift (core func $i "f")))
      (func $g (param "x" u32) (result u32) (canon lift (core func $i "g")))
      (export "f" (func $f))
      (instance $inst (export "g" (func $g)) (export "f" (func $f)))
      (export "b-inst" (instance $inst))
      (export "a:b/c@1.0.0" (instance $inst))
      (export "g" (func $g)))`,
  },
  {
    name: 'exports of interfaces: ID, label (re-exporting a nested shim instance) and implements',
    wat: `(component
      (import "a:b/types" (instance $types
        (type $rec (record (field "x" u32)))
        (export "rec" (type (eq $rec)))))
      ${shimmed}
      (instance $i (instantiate $inner (with "a:b/types" (instance $types))))
      (alias export $i "a:b/api" (instance $api))
      (export "api" (instance $api))
      (alias export $api "mk" (func $mkf))
      (export "mk2" (func $mkf))
      (import "store" (implements "a:b/store@1.0.0") (instance $s (export "get" (func (result u32)))))
      (export "cache" (implements "a:b/store@1.0.0") (instance $s)))`,
    wit: `package root:component;

world root {
  import a:b/types;
  import store: a:b/store@1.0.0;

  export api: interface {
    use a:b/types.{rec};

    resource r;

    mk: func(x: rec) -> r;
  }
  export mk2: func(x: rec) -> r;
  export cache: a:b/store@1.0.0;
}
`,
  },
  {
    name: 'exports: the same function-only instance under an ID and a label, imported and exported',
    wat: `(component
      (import "a:b/c" (instance $i (export "f" (func))))
      (export "a:b/c" (instance $i))
      (export "lbl" (instance $i)))`,
  },
  {
    name: 'names: versions, prereleases, build metadata, version suffixes, external ids',
    wat: `(component
      (import "a:b/c@1.0.0+build.5" (instance (export "f" (func))))
      (import "a:b/d@0.2.0-rc-2023-11-10" (instance (export "f" (func))))
      (import "a-b:c-d/e-f" (instance (export "f" (func))))
      (import "demo:canon/names@1" (versionsuffix ".2.3") (instance (export "ping" (func))))
      (import "a:b/e" (external-id "ext") (instance))
      (import "i" (external-id "iid") (instance
        (export "t" (external-id "tid") (type (sub resource)))
        (export "g" (external-id "gid") (func))))
      (import "f" (external-id "my id\\"x\\u{e9}") (func)))`,
  },
  {
    name: 'implements: two labels for one interface, with types',
    wat: `(component
      (import "p" (implements "a:b/store") (instance
        (type $l0 (list u8)) (type $r (record (field "x" $l0)))
        (export "rec" (type $rr (eq $r))) (export "get" (func (result $rr)))))
      (import "q" (implements "a:b/store") (instance
        (type $l (list u8)) (type $r (record (field "x" $l)))
        (export "rec" (type $rr (eq $r))) (export "get" (func (result $rr))) (export "h" (func (param "l" $l))))))`,
  },
  {
    name: 'async, stream/future and every anonymous type constructor',
    wat: `(component
      (type $s0 (stream))
      (type $s1 (stream u8))
      (type $f0 (future))
      (type $f1 (future string))
      (type $ls (list $s1))
      (type $sf (stream $f1))
      (type $fl (list u32 4))
      (type $fl2 (list $fl 2))
      (type $r0 (result))
      (type $r1 (result u8))
      (type $r2 (result (error string)))
      (type $r3 (result u8 (error string)))
      (type $o (option $r0))
      (type $oo (option (option u8)))
      (type $t1 (tuple u8))
      (type $t3 (tuple u8 string error-context))
      (type $lt (list (tuple u8 u8)))
      (type $m (map string (list u8)))
      (import "f" (func async (param "a" $s0) (param "b" $s1) (param "c" $f0) (param "d" $f1) (param "e" $ls)
        (param "g" $sf) (param "h" $fl) (param "i" $fl2) (param "j" $r0) (param "k" $r1) (param "l" $r2) (param "m" $r3)
        (param "n" $o) (param "p" $oo) (param "q" $t1) (param "r" $t3) (param "s" $lt) (param "t" error-context)
        (param "u" $m) (result $f1)))
      (import "i" (instance
        (type $e error-context)
        (export "ec" (type (eq $e)))
        (type $s (stream u8))
        (export "bytes-stream" (type $s2 (eq $s)))
        (export "g" (func async (param "x" $s2) (result $s))))))`,
  },
  {
    name: 'modules, components and values are not part of the world',
    wat: '(component (import "m" (core module)) (import "c" (component)) (import "f" (func)))',
  },
  // Rejected by componentWit (notes §9): nothing to compare.
  {
    name: 'rejected: an anonymous record in a function type',
    wat: '(component (type $rec (record (field "a" u32))) (import "f" (func (param "x" $rec))))',
    rejected: true,
  },
  {
    name: 'rejected: a top-level type export',
    wat: `(component
      (type $rec (record (field "a" u32)))
      (import "rec" (type $r (eq $rec)))
      (export "rec2" (type $r)))`,
    rejected: true,
  },
  {
    name: 'rejected: an imported instance with types re-exported under another name',
    wat: `(component
      (import "a:b/c" (instance $i (type $rec (record (field "a" u32))) (export "rec" (type (eq $rec)))))
      (export "d" (instance $i)))`,
    rejected: true,
  },
  {
    name: 'rejected (jco traps): a `use` of a type from an inline interface',
    wat: `(component
      (import "a" (instance $a (type $rec (record (field "x" u32))) (export "rec" (type (eq $rec)))))
      (alias export $a "rec" (type $rec))
      (import "rec" (type (eq $rec))))`,
    rejected: true,
  },
  {
    name: 'rejected (jco traps): an inline interface aliasing a world-level type',
    wat: `(component
      (import "res" (type $res (sub resource)))
      (import "i" (instance (alias outer 1 $res (type $r)) (export "res" (type $r2 (eq $r))))))`,
    rejected: true,
  },
];

describe('inspect --wit matches jco on focused cases', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const bytes = await parseWat(c.wat, c.name);
      if (c.rejected) {
        await expect(jcoWit(bytes)).rejects.toThrow();
        return;
      }
      const printed = await expectSameWit(bytes);
      if (c.wit !== undefined) expect(printed).toBe(c.wit);
    });
  }

  it('refuses what WIT cannot represent with a diagnostic', async () => {
    for (const c of cases.filter((x) => x.name.startsWith('rejected: a') && !x.name.includes('anonymous'))) {
      const bytes = await parseWat(c.wat, c.name);
      let error: unknown;
      try {
        printWorld(decodeComponent(bytes));
      } catch (e) {
        error = e;
      }
      expect(isWcomposeError(error), c.name).toBe(true);
      expect((error as Error).message).toMatch(/cannot represent this component in WIT/);
    }
  });
});

/** Components that wit-component builds from WIT (imports, shims for exported interfaces, world-level `use`). */
const witWorlds: { name: string; wit: string }[] = [
  {
    name: 'interfaces, uses with renames, world types and an exported inline interface with a resource',
    wit: `package a:b@1.0.0;
interface types {
  record rec { x: u32, y: list<u8> }
  resource res { constructor(); get: func() -> rec; make: static func(r: rec) -> res; }
  type alias = rec;
  type bytes = list<u8>;
  variant v { a, b(rec), c(res) }
  enum e { one, two }
  flags f { x, y }
  type own-res = own<res>;
  type bor-res = borrow<res>;
}
interface api {
  use types.{rec, res, alias as my-alias, bytes};
  record wrap { r: rec, b: bytes }
  make: func(r: rec, a: my-alias) -> res;
  take: func(r: borrow<res>) -> wrap;
  resource local { constructor(r: rec); get: func() -> rec; }
}
world w {
  import types;
  use types.{res, rec as rr};
  import f: func(r: borrow<res>) -> rr;
  type local-t = list<rr>;
  record wr { x: local-t }
  resource wres { constructor(); m: func() -> wr; }
  import g: func(w: wr, x: wres);
  export api;
  export run: func(r: borrow<res>) -> wr;
  export inl: interface {
    use types.{rec};
    resource thing { constructor(r: rec); name: func() -> string; wait: async func(); }
    type things = list<thing>;
    mk: func() -> things;
  }
  import inl-imp: interface {
    use types.{rec, res};
    resource thing2 { constructor(r: rec); }
    h: func(a: res, b: thing2) -> option<rec>;
  }
}`,
  },
  {
    name: 'an interface both imported and exported, keywords',
    wit: `package foo:bar;
interface types {
  record %record { %type: u32 }
  resource %resource { constructor(); %func: func(); }
}
interface i2 { use types.{%record}; f: func(x: %record); }
world w {
  import types;
  import i2;
  export i2;
  export %use: interface {
    use types.{%record, %resource};
    %stream: func(%list: %record) -> %resource;
  }
  export %async: async func(s: stream<u8>) -> future<string>;
}`,
  },
  {
    name: 'exported interfaces using each other and imported types',
    wit: `package a:b@1.0.0;
interface types {
  resource res { constructor(); }
  record rec { r: list<u8> }
}
interface exp1 {
  use types.{res, rec};
  resource own-thing { constructor(x: res); get: func() -> rec; }
  record pair { a: rec, b: u32 }
  type pairs = list<pair>;
  f: func(p: pairs) -> own-thing;
}
interface exp2 {
  use exp1.{own-thing, pair as p2};
  g: func(t: borrow<own-thing>, p: p2) -> own-thing;
}
world w {
  import types;
  export exp1;
  export exp2;
  export h: func() -> u32;
  export lab: interface {
    use exp1.{own-thing};
    k: func(x: own-thing);
  }
}`,
  },
  {
    name: 'world-level types of every kind, handle aliases in an inline interface',
    wit: `package a:b@0.2.0-rc.1;
world w {
  type t = u32;
  record r { x: t }
  enum color { red, green }
  variant v { a(r), b }
  flags fl { x }
  resource res { constructor(c: color); m: func(v: v) -> fl; s: static func() -> option<res>; }
  type h = own<res>;
  type b = borrow<res>;
  import f: func(a: t, b: r, c: res, d: b) -> result<h, string>;
  export g: func(a: t, b: r, c: option<v>) -> fl;
  import i: interface {
    resource q { constructor(); }
    type x = q;
    type y = own<q>;
    f: func(a: x, b: y) -> q;
  }
}`,
  },
];

describe('inspect --wit matches jco on components built from WIT', () => {
  for (const w of witWorlds) {
    it(w.name, async () => {
      const core = await componentEmbed({ dummy: true, witSource: w.wit, world: 'w' });
      await expectSameWit(await componentNew(core));
    });
  }
});

describe('inspect --json', () => {
  it('lists imports and exports with their kinds and types', async () => {
    const file = await fixturePath('wat', 'types-world');
    const { stdout, code } = await runCli(['inspect', file, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { imports: { name: string; kind: string; type: unknown }[]; exports: unknown[] };
    expect(Object.keys(json)).toEqual(['ok', 'file', 'imports', 'exports']);
    expect(json.imports.map((i) => i.name)).toContain('point');
    expect(json.imports.find((i) => i.name === 'point')).toEqual({
      name: 'point',
      kind: 'type',
      type: { kind: 'record', fields: [{ name: 'x', type: 'f64' }, { name: 'y', type: 'f64' }] },
    });
    expect(json.imports.find((i) => i.name === 'file')).toMatchObject({ kind: 'type', type: { kind: 'resource' } });
    expect(json.imports.find((i) => i.name === 'size')).toMatchObject({
      kind: 'func',
      type: { async: false, params: [{ name: 'f', type: { kind: 'borrow' } }], result: 'u64' },
    });
    expect(json.exports).toContainEqual(expect.objectContaining({ name: 'render', kind: 'func' }));
  });

  it('describes a component WIT cannot represent, which `--wit` refuses', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wcompose-inspect-'));
    try {
      const file = join(dir, 'type-export.wasm');
      await writeFile(file, await parseWat(`(component
        (type $rec (record (field "a" u32)))
        (import "rec" (type $r (eq $rec)))
        (export "rec2" (type $r)))`));
      const json = await runCli(['inspect', file, '--json']);
      expect(json.code).toBe(0);
      expect((JSON.parse(json.stdout) as { exports: unknown[] }).exports).toEqual([
        { name: 'rec2', kind: 'type', type: { kind: 'record', fields: [{ name: 'a', type: 'u32' }] } },
      ]);
      const wit = await runCli(['inspect', file]);
      expect(wit.code).toBe(1);
      expect(wit.stdout).toBe('');
      expect(wit.stderr).toMatch(/cannot represent this component in WIT: export "rec2" is a type.*\[WC2003\]/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the API returns the same WIT as printWorld', async () => {
    const file = await fixturePath('wat', 'names');
    const result = await inspect(file);
    expect(result.wit).toBe(await jcoWit(await buildWat('names')));
    expect(result.json.imports.map((i) => i.name)).toEqual([...result.type.imports.keys()]);
  });
});
