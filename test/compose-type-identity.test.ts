/**
 * Issue #8, the type identity side of the encoder: what the composed component's re-encoded imports say about
 * types must be what its inputs said.
 *  1. A resource alias (`type trailers = fields`, wasi:http/types' `headers`/`trailers`) stays an alias, its owner
 *     the declaration, in the binary and in WIT; merged views keep every alias.
 *  2. Imports are ordered by every type they use (records, variants, aliases, nested `use` chains, diamonds), and a
 *     `use`d type is an outer alias of the other import's export.
 *  3. A component-level type import takes one type index (every later reference to a type is right).
 *  4. Components that export a function type by name: decoded, checked, re-exported.
 * Every output is validated by jco (wasmparser); WIT is compared with jco's and with the inputs'.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { inspect } from '../src/api/inspect.js';
import { planComposition } from '../src/api/plan.js';
import { plug } from '../src/api/plug.js';
import { isWcomposeError } from '../src/diagnostics/error.js';
import type { WcomposeConfig } from '../src/config/schema.js';
import { ComponentBuilder } from '../src/emit/component-builder.js';
import { renderPlan } from '../src/plan-view/index.js';
import { decodeComponent } from '../src/types/decode.js';
import type { Extern, InstanceType } from '../src/types/model.js';
import { resourceNames, typeBinding } from '../src/types/model.js';
import { loadWitWorld } from '../src/wit/load.js';
import { printWorld, printWorldWithDependencies } from '../src/wit/print-world.js';
import { tempProject, type Project } from './support/compose.js';
import { buildJs } from './support/fixtures.js';
import { jcoPrint, jcoWit, runComponent, validateComponent } from './support/jco.js';
import { FIXTURES_DIR } from './support/paths.js';
import { parseWat } from './support/wasm-tools.js';

const WAT_DIR = join(FIXTURES_DIR, 'wat', 'type-identity');
const WIT_DIR = join(FIXTURES_DIR, 'wit', 'type-order');

async function wat(name: string): Promise<Uint8Array> {
  const file = join(WAT_DIR, `${name}.wat`);
  return parseWat(await readFile(file, 'utf8'), file);
}

/** A component whose imports and exports are a WIT world's, encoded by wit-component (its functions trap). */
async function fromWit(file: string, world: string): Promise<Uint8Array> {
  return (await loadWitWorld({ path: join(WIT_DIR, file), world }, { cacheDir: false })).bytes;
}

/** A temporary project holding these components as `<name>.wasm`. */
async function project(components: Record<string, Uint8Array>): Promise<Project> {
  const p = await tempProject({});
  for (const [name, bytes] of Object.entries(components)) await writeFile(p.path(`${name}.wasm`), bytes);
  return p;
}

/** Builds a config over the project's components with a WIT artifact: the output, its WIT file and its plan. */
async function compose(p: Project, config: WcomposeConfig) {
  const result = await build({ cwd: p.dir, config: { output: 'out.wasm', ...config }, artifacts: { wit: true } });
  const bytes = await p.read('out.wasm');
  const wit = new TextDecoder().decode(await p.read('out.wit'));
  return { bytes, wit, plan: result.plan };
}

/** jco validates `bytes` and prints exactly the WIT wcompose prints for it. */
async function expectValidSameWit(bytes: Uint8Array): Promise<void> {
  await validateComponent(bytes);
  expect(printWorld(decodeComponent(bytes))).toBe(await jcoWit(bytes));
}

/** The nested `package …` blocks of a WIT file with dependencies (what the input's and output's must share). */
function dependencies(wit: string): string {
  return wit.slice(wit.indexOf('\npackage ') + 1);
}

/** The printed component up to its first embedded component: its own imports. */
function outerPart(printed: string): string {
  const nested = printed.indexOf('\n  (component');
  return nested < 0 ? printed : printed.slice(0, nested);
}

function instanceImport(imports: Map<string, Extern>, name: string): InstanceType {
  const e = imports.get(name);
  if (e?.kind !== 'instance') throw new Error(`no instance import ${name}`);
  return e.type;
}

describe('resource aliases stay aliases', () => {
  it('`type trailers = fields` composed alone: fields declared, trailers an alias, in the binary and in WIT', async () => {
    const input = await wat('alias-fields');
    const p = await project({ app: input });
    const { bytes, wit } = await compose(p, { components: ['app.wasm'] });
    await expectValidSameWit(bytes);
    // The binary: `fields` is the (sub resource), `trailers` an (eq) of it, and the constructor's result is fields'.
    const printed = await jcoPrint(bytes);
    expect(printed).toContain('(export (;0;) "fields" (type (sub resource)))');
    expect(printed).toContain('(export (;1;) "trailers" (type (eq 0)))');
    expect(printed).toContain('(type (;2;) (own 0))');
    const types = instanceImport(decodeComponent(bytes).imports, 'demo:h/types@0.1.0');
    const fields = types.exports.get('fields')!;
    const trailers = types.exports.get('trailers')!;
    expect(fields.kind === 'type' && typeBinding(fields)).toBe('declares');
    expect(trailers.kind === 'type' && typeBinding(trailers)).toBe('names');
    expect(fields.kind === 'type' && trailers.kind === 'type' && trailers.type === fields.type).toBe(true);
    // The WIT artifact: the resource under its own name with its constructor, the alias as an alias.
    expect(dependencies(wit)).toBe(
      [
        'package demo:h@0.1.0 {',
        '  interface types {',
        '    resource fields {',
        '      constructor();',
        '    }',
        '',
        '    type trailers = fields;',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(dependencies(wit)).toBe(dependencies(printWorldWithDependencies(decodeComponent(input))));
  });

  it('aliases of aliases and handles written through them keep their names', async () => {
    const input = await wat('alias-headers');
    const p = await project({ app: input });
    const { bytes, wit } = await compose(p, { components: ['app.wasm'] });
    await expectValidSameWit(bytes);
    expect(dependencies(wit)).toBe(dependencies(printWorldWithDependencies(decodeComponent(input))));
    expect(wit).toContain('    type headers = fields;\n\n    type trailers = headers;\n');
    expect(wit).toContain('empty-headers: func() -> headers;');
    expect(wit).toContain('empty-trailers: func() -> trailers;');
    const types = instanceImport(decodeComponent(bytes).imports, 'demo:h/types@0.1.0');
    const fields = types.exports.get('fields')!;
    expect(fields.kind).toBe('type');
    if (fields.kind !== 'type' || typeof fields.type === 'string' || fields.type.kind !== 'resource') return;
    expect(resourceNames(types, fields.type)).toEqual({ declaration: 'fields', aliases: ['headers', 'trailers'] });
  });

  it('two views of the interface merged into one import: one declaration, every alias kept', async () => {
    const p = await project({ a: await wat('alias-fields'), b: await wat('alias-headers') });
    const { bytes, wit, plan } = await compose(p, { components: ['a.wasm', 'b.wasm'] });
    expect(plan.imports.map((i) => i.name)).toEqual(['demo:h/types@0.1.0']);
    await expectValidSameWit(bytes);
    const types = instanceImport(decodeComponent(bytes).imports, 'demo:h/types@0.1.0');
    const fields = types.exports.get('fields')!;
    if (fields.kind !== 'type' || typeof fields.type === 'string' || fields.type.kind !== 'resource') throw new Error('no fields');
    expect(resourceNames(types, fields.type)).toEqual({ declaration: 'fields', aliases: ['trailers', 'headers'] });
    expect(dependencies(wit)).toContain('    resource fields {\n      constructor();\n      size: func() -> u32;\n    }\n');
    expect(dependencies(wit)).toContain('    type trailers = fields;\n\n    type headers = fields;\n');
    expect(dependencies(wit)).toContain('empty-headers: func() -> headers;');
    // b wrote empty-trailers' result through its `trailers`: the merged interface's `trailers` is that name.
    expect(dependencies(wit)).toContain('empty-trailers: func() -> trailers;');
    expect(dependencies(wit)).not.toContain('resource trailers');
    expect(dependencies(wit)).not.toContain('resource headers');
  });
});

describe('imports ordered by the types they use', () => {
  it('a nested `use` chain across three packages, named against the order', async () => {
    const input = await fromWit('chain.wit', 'chain');
    const p = await project({ app: input });
    const { bytes, wit, plan } = await compose(p, { components: ['app.wasm'] });
    // base before mid (mid uses point and shape), mid before top (top uses pair, and base's size).
    expect(plan.imports.map((i) => i.name)).toEqual(['demo:z/base@0.1.0', 'demo:m/mid@0.1.0', 'demo:a/top@0.1.0']);
    await expectValidSameWit(bytes);
    expect(dependencies(wit)).toBe(dependencies(printWorldWithDependencies(decodeComponent(input))));
    expect(wit).toContain('use demo:z/base@0.1.0.{point, shape};');
    expect(wit).toContain('use demo:m/mid@0.1.0.{pair};');
    expect(wit).toContain('use demo:z/base@0.1.0.{size};');
    // A used type is an outer alias of the component's alias of the other import's export, not a copy.
    const printed = outerPart(await jcoPrint(bytes));
    expect(printed).toMatch(/\(alias export 0 "point" \(type/);
    expect(printed).toMatch(/\(alias outer 1 \d+ \(type/);
    expect(printed.match(/\(record/g)).toHaveLength(2); // point and pair, each defined once
  });

  it('a diamond of type uses', async () => {
    const input = await fromWit('diamond.wit', 'diamond');
    const p = await project({ app: input });
    const { bytes, wit, plan } = await compose(p, { components: ['app.wasm'] });
    expect(plan.imports.map((i) => i.name)).toEqual([
      'demo:z/root@0.1.0', 'demo:b/left@0.1.0', 'demo:c/right@0.1.0', 'demo:a/top@0.1.0',
    ]);
    await expectValidSameWit(bytes);
    expect(dependencies(wit)).toBe(dependencies(printWorldWithDependencies(decodeComponent(input))));
    const printed = outerPart(await jcoPrint(bytes));
    expect(printed.match(/\(record/g)).toHaveLength(1);
    expect(printed.match(/\(enum/g)).toHaveLength(1);
  });
});

describe('a `use` of an interface merged from two views', () => {
  it('stays a `use` of the merged import when only one view also imports the user', async () => {
    const p = await project({ first: await fromWit('two-views.wit', 'first'), second: await fromWit('two-views.wit', 'second') });
    const { bytes, wit, plan } = await compose(p, { components: ['first.wasm', 'second.wasm'] });
    expect(plan.imports.map((i) => i.name)).toEqual(['demo:z/shapes@0.1.0', 'demo:a/user@0.1.0']);
    expect(plan.imports[0]!.users.map((u) => u.instance)).toEqual(['first', 'second']);
    await expectValidSameWit(bytes);
    expect(dependencies(wit)).toContain('  interface user {\n    use demo:z/shapes@0.1.0.{point};\n\n    area: func(p: point) -> u32;\n  }');
    const printed = outerPart(await jcoPrint(bytes));
    expect(printed.match(/\(record/g)).toHaveLength(1);
  });
});

describe('a component-level type import takes one type index', () => {
  it('world-level types and a resource with an alias, and functions using them after', async () => {
    const input = await fromWit('world-types.wit', 'world-types');
    const p = await project({ app: input });
    const { bytes } = await compose(p, { components: ['app.wasm'] });
    await expectValidSameWit(bytes);
    // The same world, up to the order of the imports (the planner orders them by their dependencies, then by name).
    const lines = (b: Uint8Array): string[] => printWorld(decodeComponent(b)).split('\n').filter((l) => l !== '').sort();
    expect(lines(bytes)).toEqual(lines(input));
    const wit = printWorld(decodeComponent(bytes));
    expect(wit).toContain('import make: func(id: id, at: point) -> shape;');
    expect(wit).toContain('  resource blob {\n    constructor(size: u32);\n    size: func() -> u32;\n  }\n\n  type blob-alias = blob;\n');
    expect(wit).toContain('import take: func(b: blob-alias, p: point) -> blob;');
    const printed = outerPart(await jcoPrint(bytes));
    expect(printed).toMatch(/\(import "blob" \(type \(;\d+;\) \(sub resource\)\)\)/);
    expect(printed).toMatch(/\(import "blob-alias" \(type \(;\d+;\) \(eq \d+\)\)\)/);
  });
});

/** Validates a component that exports things WIT cannot say: wrapped in one that only instantiates it. */
async function validateWrapped(bytes: Uint8Array, exportFunc: string): Promise<void> {
  const b = new ComponentBuilder();
  const c = b.embed(bytes);
  const inst = b.instantiate(c, []);
  b.export(exportFunc, 'func', b.aliasExport(inst, exportFunc, 'func'));
  await validateComponent(b.finish());
}

describe('components that export a function type', () => {
  it('are decoded and described, and refused as WIT as jco refuses them', async () => {
    const provider = await wat('functype-provider');
    const type = decodeComponent(provider);
    const ft = type.exports.get('ft');
    expect(ft?.kind === 'type' && typeof ft.type !== 'string' && ft.type.kind).toBe('func');
    const p = await project({ provider });
    const inspected = await inspect(p.path('provider.wasm'));
    expect(inspected.json.exports.map((e) => `${e.name}: ${e.kind}`)).toEqual(['ft: type', 'double: func']);
    expect(() => inspected.wit).toThrow(/export "ft" is a type/);
    await expect(jcoWit(provider)).rejects.toThrow(/component export `ft` was not a function or instance/);
    let error: unknown;
    try {
      printWorld(type);
    } catch (e) {
      error = e;
    }
    expect(isWcomposeError(error) && error.code).toBe('WC2003');
  });

  it('plug a consumer of the type and its function: checked and composed', async () => {
    const p = await project({ consumer: await wat('functype-consumer'), provider: await wat('functype-provider') });
    const { plan } = await plug({ socket: p.path('consumer.wasm'), plugs: [p.path('provider.wasm')], output: p.path('out.wasm') });
    expect(plan.instances[1]!.args.map((a) => `${a.name} ← ${a.source.kind === 'export' ? a.source.export : a.source.kind}`)).toEqual([
      'ft ← ft',
      'double ← double',
    ]);
    const bytes = await p.read('out.wasm');
    await expectValidSameWit(bytes);
    // (Not run: jco's translation refuses components whose inner components export a type, "unsupported type
    // export", though they are valid.)
    // The consumer's type import is given the provider's type export.
    const printed = await jcoPrint(bytes);
    expect(printed).toMatch(/\(alias export 0 "ft" \(type \(;0;\)\)\)/);
    expect(printed).toContain('(with "ft" (type 0))');
    const decoded = decodeComponent(bytes);
    expect([...decoded.imports.keys()]).toEqual([]);
    expect([...decoded.exports.keys()]).toEqual(['run']);
  });

  it('a function type that differs is a type mismatch', async () => {
    const p = await project({ consumer: await wat('functype-consumer-bad'), provider: await wat('functype-provider') });
    const result = plug({ socket: p.path('consumer.wasm'), plugs: [p.path('provider.wasm')], output: p.path('out.wasm') });
    await expect(result).rejects.toMatchObject({ code: 'WC4009' });
    await expect(result).rejects.toThrow(/ft: expected func\(y: u32\) -> u32, found func\(x: u32\) -> u32/);
    expect(p.exists('out.wasm')).toBe(false);
  });

  it('re-exported by a composition, and left as an import', async () => {
    const p = await project({ consumer: await wat('functype-consumer'), provider: await wat('functype-provider') });
    // The provider's type and function exported next to the consumer's run. (No WIT artifact: WIT cannot say a
    // type export, WC5001.)
    const config = { components: ['consumer.wasm', 'provider.wasm'], exports: ['consumer', 'provider'], output: 'out.wasm' };
    await expect(build({ cwd: p.dir, config, artifacts: { wit: true } })).rejects.toMatchObject({ code: 'WC5001' });
    await build({ cwd: p.dir, config });
    const bytes = await p.read('out.wasm');
    // The plan tells the type from the function of that type.
    const { graph } = await planComposition({ cwd: p.dir, config });
    expect(renderPlan(graph, 'text')).toContain('  ft: type func(x: u32) -> u32 ← provider\n  double: func(x: u32) -> u32 ← provider\n');
    const type = decodeComponent(bytes);
    expect([...type.exports.keys()]).toEqual(['run', 'ft', 'double']);
    const ft = type.exports.get('ft');
    expect(ft?.kind === 'type' && typeof ft.type !== 'string' && ft.type.kind).toBe('func');
    await validateWrapped(bytes, 'run');

    // The consumer alone: its type import and the function import of that type are re-encoded.
    const alone = await project({ consumer: await wat('functype-consumer') });
    await build({ cwd: alone.dir, config: { components: ['consumer.wasm'], output: 'out.wasm' } });
    const out = await alone.read('out.wasm');
    const printed = await jcoPrint(out);
    expect(printed).toContain('(import "ft" (type (;1;) (eq 0)))');
    expect(printed).toContain('(import "double" (func (;0;) (type 1)))');
    expect([...decodeComponent(out).imports.keys()]).toEqual(['ft', 'double']);
  });
});

describe('a componentize-js component with WASI on (wasi:http/types with its aliases)', () => {
  it('plugged with a WAT component: valid, runs, and keeps `type headers = fields`', async () => {
    const socket = await buildJs('wasi-on');
    const p = await project({ socket, number: await wat('wasion-number') });
    await plug({ socket: p.path('socket.wasm'), plugs: [p.path('number.wasm')], output: p.path('out.wasm') });
    const bytes = await p.read('out.wasm');
    await expectValidSameWit(bytes);
    const type = decodeComponent(bytes);
    expect([...type.imports.keys()]).toContain('wasi:http/types@0.2.10');
    expect([...type.imports.keys()]).not.toContain('demo:wasion/number@0.1.0');
    const wit = printWorldWithDependencies(type);
    const http = (w: string): string => w.slice(w.indexOf('package wasi:http@0.2.10 {'), w.indexOf('\n}\n', w.indexOf('package wasi:http@0.2.10 {')));
    expect(http(wit)).toContain('    type headers = fields;\n');
    expect(http(wit)).toContain('    type trailers = fields;\n');
    expect(http(wit)).toMatch(/ {4}resource fields \{\n {6}constructor\(\);\n/);
    expect(http(wit)).not.toContain('resource headers');
    // wasi:http/types as the input imports it, unchanged.
    expect(http(wit)).toBe(http(printWorldWithDependencies(decodeComponent(socket))));
    const { app } = await runComponent<{ app: { run(): number } }>(bytes, 'wasi-on-plugged');
    expect(app.run()).toBe(42);
  }, 120_000);
});
