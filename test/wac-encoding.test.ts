import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { planComposition } from '../src/api/plan.js';
import { renderPlan } from '../src/plan-view/index.js';
import { runCli } from './support/cli.js';
import { jcoPrint, jcoWit, normalizeWit, validateComponent } from './support/jco.js';
import { PROJECT_ROOT } from './support/paths.js';

const run = promisify(execFile);
const deps = join(PROJECT_ROOT, 'fixtures', 'wac', 'deps');
const wasi = join(PROJECT_ROOT, 'wit', 'wasi-0.2.12');
const exampleDeps = {
  'demo:app': join(PROJECT_ROOT, 'fixtures', 'example', 'app.wat'),
  'demo:logger-stdout': join(PROJECT_ROOT, 'fixtures', 'example', 'logger-stdout.wat'),
  'wasi:cli': wasi,
};

/** Builds a WAC document (written to a fresh folder) and returns the composed bytes and their world as WIT. */
async function compose(source: string, extra: Record<string, string> = {}): Promise<{ bytes: Uint8Array; wit: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'wcompose-wac-'));
  const file = join(dir, 'app.wac');
  writeFileSync(file, source);
  const result = await build({ config: file, depsDir: deps, deps: extra, output: join(dir, 'app.wasm') });
  const bytes = new Uint8Array(readFileSync(result.output));
  await validateComponent(bytes);
  return { bytes, wit: normalizeWit(await jcoWit(bytes)) };
}

const world = (body: string): string => normalizeWit(`package root:component; world root { ${body} }`);

describe('WAC: composed outputs are valid and have the expected worlds', () => {
  it('implicit imports of two instantiations merge into one import', async () => {
    const { wit } = await compose(`package test:merge;
let c = new t:consumer { ... };
let d = new t:consumer-h { ... };
export c.run;
export d.run2;`);
    expect(wit).toBe(world('import t:iface/a@0.1.0; export run: func(); export run2: func();'));
  });

  it('spread arguments and spread exports', async () => {
    const { wit } = await compose(`package test:spread;
let p = new t:provider {};
let c = new t:two { ...p };
export c.out;
export p...;`);
    expect(wit).toBe(world('export out: func(); export t:iface/a@0.1.0; export g: func();'));
  });

  it('type statements used by an import (records, enums, flags, variants, resources, aliases)', async () => {
    const { wit } = await compose(`package test:types;
record point { x: u32, y: u32 }
enum color { red, green }
interface shapes {
  flags perms { read, write }
  variant shape { circle(u32), none }
  resource canvas {
    constructor(w: u32);
    draw: func(s: shape, at: point) -> result<_, string>;
  }
  type points = list<point>;
  paint: func(c: color, p: perms) -> points;
}
import s: shapes;
import g: func();
let t = new t:two { g, ... };
export t.out;`);
    expect(wit).toContain(normalizeWit('import s: interface { flags perms { read, write, } variant shape { circle(u32), none, } resource canvas { constructor(w: u32); draw: func(s: shape, at: point) -> result<_, string>; }'));
    expect(wit).toContain(normalizeWit('record point { x: u32, y: u32, } type points = list<point>; enum color { red, green, } paint: func(c: color, p: perms) -> points; }'));
    expect(wit).toContain(normalizeWit('import g: func(); export out: func(); }'));
  });

  it('an interface imported by path brings the interfaces it uses', async () => {
    const { wit } = await compose(`package test:res;
import u: t:iface/uses-r;
let c = new t:consumer { ... };
export c.run;`);
    expect(wit).toBe(world('import t:iface/a@0.1.0; import t:iface/r@0.1.0; import t:iface/uses-r@0.1.0; export run: func();'));
  });

  it('an import passed whole, an export of an imported instance, an import exported again', async () => {
    const { wit } = await compose(`package test:imports;
import a: t:iface/a;
import i: interface { g: func(); };
let t = new t:two { a, g: i.g };
export t.out as "outcome";
export i as "again";`);
    expect(wit).toBe(world('import i: interface { g: func(); } import t:iface/a@0.1.0; export outcome: func(); export again: interface { g: func(); }'));
  });
});

describe('WAC: nested access and world imports', () => {
  it('an export of an instance export (`n.outer.inner.g`) as an argument and as exports: aliases of aliases', async () => {
    const { bytes, wit } = await compose(`package test:nested;
let n = new t:nested {};
let c = new t:two { a: n.outer.a, g: n.outer.inner.g };
export c.out;
export n.outer.inner as "inner2";
export n.outer.inner.g as "g3";`);
    expect(wit).toBe(world('export out: func(); export inner2: interface { f: func(); g: func(); } export g3: func();'));
    const wat = await jcoPrint(bytes);
    // Each step aliased once: outer, then inner (used by the argument and two exports), then g.
    expect(wat.match(/\(alias export \d+ "inner" \(instance/g)).toHaveLength(1);
    expect(wat.match(/\(alias export \d+ "g" \(func/g)).toHaveLength(1);
  });

  it('a world as an import\'s type (by package path, and declared in the document) imports a component of that type', async () => {
    const { bytes, wit } = await compose(`package test:worlds;
import c: t:iface/w;
world mine {
  import r: interface { resource res { constructor(); get: func() -> u32; } make: func() -> res; };
  export run: func();
}
import d: mine;
let p = new t:provider {};
export p.g;`);
    // WIT has no component imports (wit-component leaves them out): jco validated the component, the world is the rest.
    expect(wit).toBe(world('export g: func();'));
    const wat = await jcoPrint(bytes);
    expect(wat).toMatch(/\(import "t:iface\/w@0\.1\.0" \(component \(;\d+;\) \(type \d+\)\)\)/);
    expect(wat).toMatch(/\(import "d" \(component \(;\d+;\) \(type \d+\)\)\)/);
    expect(wat).toContain('(export (;0;) "res" (type (sub resource)))');
    expect(wat).toContain('(import "t:iface/a@0.1.0" (instance (;0;) (type 0)))');
  });
});

describe('WAC: plans', () => {
  it('draws imports exported again and whole instances in every format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-wac-plan-'));
    writeFileSync(join(dir, 'app.wac'), `package test:plan;
import i: interface { g: func(); };
let t = new t:two { g: i.g, ... };
export t as "whole-two";
export i as "again";
export i.g as "g-again";`);
    const { graph } = await planComposition({ config: join(dir, 'app.wac'), depsDir: deps, cwd: dir });
    const text = renderPlan(graph, 'text');
    expect(text).toContain('whole-two ← t (whole instance)');
    expect(text).toContain('again ← import i');
    expect(text).toContain('g-again: func() ← import i › g');
    expect(renderPlan(graph, 'mermaid')).toContain('im0 --> ex1');
    expect(renderPlan(graph, 'dot')).toContain('"import:i" -> "export:g-again" [label="g"];');
  });
});

describe('WAC: the bundled example', () => {
  it('compose.wac (targets wasi:cli/command) gives the bytes compose.config.ts gives, and runs on Node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-wac-example-'));
    const fromWac = await build({ config: join(PROJECT_ROOT, 'compose.wac'), deps: exampleDeps, output: join(dir, 'wac.wasm') });
    const fromConfig = await build({ config: join(PROJECT_ROOT, 'compose.config.ts'), output: join(dir, 'config.wasm') });
    expect(Buffer.compare(readFileSync(fromWac.output), readFileSync(fromConfig.output))).toBe(0);

    const { stdout } = await run(process.execPath, ['scripts/run-example.mjs', fromWac.output], { cwd: PROJECT_ROOT });
    expect(stdout).toContain('targets wasi:cli/command@0.2.12: yes');
    expect(stdout).toMatch(/\[log\] Hello from a component written against demo:log\/logger\.\n\[log\] wcompose plugged in a logger built on wasi:cli\/stdout\.\n$/);
  }, 120_000);

  it('a config can name the document: `wac` in compose.config, its components as packages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-wac-config-'));
    const result = await build({
      config: {
        wac: join(PROJECT_ROOT, 'compose.wac'),
        components: [join(PROJECT_ROOT, 'fixtures', 'example', '*.wat')],
        deps: { 'wasi:cli': wasi },
        imports: { allow: ['wasi:*'] },
        output: join(dir, 'out.wasm'),
      },
    });
    const reference = await build({ config: join(PROJECT_ROOT, 'compose.config.ts'), output: join(dir, 'config.wasm') });
    expect(Buffer.compare(readFileSync(result.output), readFileSync(reference.output))).toBe(0);
  }, 120_000);
});

describe('WAC on the command line', () => {
  const depFlags = Object.entries(exampleDeps).flatMap(([k, v]) => ['--dep', `${k}=${v}`]);

  it('`build app.wac` writes the component; an error points at line:column with a code frame and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-wac-cli-'));
    writeFileSync(join(dir, 'ok.wac'), 'package a:b;\nlet l = new demo:logger-stdout { ... };\nlet app = new demo:app { ...l };\nexport app...;\n');
    const ok = await runCli(['build', 'ok.wac', ...depFlags], { cwd: dir });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/^composed 2 instances → .*ok\.wasm/);
    expect(existsSync(join(dir, 'ok.wasm'))).toBe(true);

    writeFileSync(join(dir, 'bad.wac'), 'package a:b;\n\nlet app = new demo:app {};\nexport app...;\n');
    const bad = await runCli(['build', 'bad.wac', ...depFlags], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${join(dir, 'bad.wac')}:3:15: missing instantiation argument \`demo:log/logger@0.1.0\` for package \`demo:app\` [WC6009]`);
    expect(bad.stderr).toContain('> 3 | let app = new demo:app {};');
    expect(bad.stderr).toMatch(/\|\s+\^{8} missing argument/);
    expect(existsSync(join(dir, 'bad.wasm'))).toBe(false);

    const wat = await runCli(['build', 'ok.wac', '-t', '-o', 'ok.wat', ...depFlags], { cwd: dir });
    expect(wat.code).toBe(0);
    expect(readFileSync(join(dir, 'ok.wat'), 'utf8')).toMatch(/^\(component/);
    const usage = await runCli(['build', 'ok.wac', '--dep', 'no-equals-sign'], { cwd: dir });
    expect(usage.code).toBe(2);

    const json = await runCli(['build', 'bad.wac', '--json', ...depFlags], { cwd: dir });
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as { ok: boolean; error: { code: string; line: number; column: number } };
    expect(doc).toMatchObject({ ok: false, error: { code: 'WC6009', line: 3, column: 15 } });
  }, 120_000);

  it('`check app.wac` type-checks, `plan app.wac` plans, `targets <component> <wit>` is check', async () => {
    const check = await runCli(['check', 'compose.wac', ...depFlags], { cwd: PROJECT_ROOT });
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(/^ok: .*compose\.wac: 2 instances, 3 imports, 1 export$/m);
    const plan = await runCli(['plan', 'compose.wac', ...depFlags], { cwd: PROJECT_ROOT });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('demo:log/logger@0.1.0 ← logger-stdout (explicit)');
    const targets = await runCli(['targets', 'fixtures/example/app.wat', 'wit/wasi-0.2.12', '--world', 'command'], { cwd: PROJECT_ROOT });
    expect(targets.code).toBe(1);
    expect(targets.stdout).toContain('demo:log/logger@0.1.0');
  }, 120_000);
});
