/**
 * Issue 11, first half: start-up, memory and footprint.
 *
 *  - Identical inputs (one file under two names, or two files with the same bytes) are embedded once and
 *    instantiated as often as the config says.
 *  - Large components are read by their component layer only (positioned reads, core modules skipped by size):
 *    decoding sees the same types, errors have the same codes and offsets, and the composed output still holds each
 *    input byte for byte (copied from the files when written).
 *  - Commands load only what they use: `inspect` and `plug` never load the config loader, the schema library,
 *    globbing, chalk, Graphviz or jco.
 *  - jco (@bytecodealliance/jco-transpile) is optional: without it `.wasm` compositions work, and what needs it
 *    (`--js`, `.wat` inputs, `check --wit`) fails with WC5005 naming the package, writing nothing.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { build } from '../src/api/build.js';
import { plug } from '../src/api/plug.js';
import { fileBacking } from '../src/binary/layer.js';
import { isWcomposeError } from '../src/diagnostics/error.js';
import { loadComponentFile, readComponentBinary } from '../src/io/read-input.js';
import { componentTypeJson } from '../src/types/json.js';
import { decodeComponent } from '../src/types/decode.js';
import { runCli } from './support/cli.js';
import { digest, tempProject } from './support/compose.js';
import { buildComposeWat, fixturePath } from './support/fixtures.js';
import { runComponent, validateComponent } from './support/jco.js';
import { PROJECT_ROOT } from './support/paths.js';
import { moduleTraceArgs } from './support/module-trace.js';

const TRANSFORM = 'demo:text/transform@0.1.0';

/** How often `needle` occurs in `haystack`. */
function occurrences(haystack: Uint8Array, needle: Uint8Array): number {
  const h = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
  let n = 0;
  for (let at = h.indexOf(needle); at >= 0; at = h.indexOf(needle, at + 1)) n++;
  return n;
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('identical inputs are embedded once', () => {
  /** upper → inner → outer → exclaim, inner and outer being decorators from components `inner` and `outer`. */
  const decorated = (components: Record<string, string>, inner: string, outer: string): Record<string, unknown> => ({
    components: { upper: 'upper.wasm', ...components, exclaim: 'exclaim.wasm' },
    instances: {
      upper: { component: 'upper' },
      inner: { component: inner, with: { [TRANSFORM]: 'upper' } },
      outer: { component: outer, with: { [TRANSFORM]: { instance: 'inner', export: TRANSFORM } } },
      exclaim: { component: 'exclaim', with: { [TRANSFORM]: 'outer' } },
    },
    exports: ['exclaim', { instance: 'inner', export: TRANSFORM }],
    imports: 'none',
  });

  it('the same bytes under two names and at two paths: embedded once, both instances work', async () => {
    const p = await tempProject({ upper: { wat: 'upper' }, decorator: { wat: 'decorator' }, exclaim: { wat: 'exclaim' } });
    mkdirSync(p.path('copy'));
    copyFileSync(p.path('decorator.wasm'), p.path('copy/decorator.wasm'));
    const decorator = await buildComposeWat('decorator');

    // The reference: one component name, instantiated twice.
    await p.writeConfig(decorated({ 'dec-a': 'decorator.wasm' }, 'dec-a', 'dec-a'));
    await build({ cwd: p.dir, output: 'one-name.wasm' });
    const reference = await p.read('one-name.wasm');
    expect(occurrences(reference, decorator)).toBe(1);

    for (const [label, second] of [['two names, one path', 'decorator.wasm'], ['two paths, same bytes', 'copy/decorator.wasm']] as const) {
      await p.writeConfig(decorated({ 'dec-a': 'decorator.wasm', 'dec-b': second }, 'dec-a', 'dec-b'));
      const { plan, size } = await build({ cwd: p.dir, output: 'two.wasm' });
      expect(plan.components.map((c) => c.name), label).toEqual(['upper', 'dec-a', 'dec-b', 'exclaim']);
      const bytes = await p.read('two.wasm');
      expect(size, label).toBe(reference.length);
      expect(digest(bytes), label).toBe(digest(reference));
      expect(occurrences(bytes, decorator), label).toBe(1);
      await validateComponent(bytes);
      const out = await runComponent<{ app: { run(s: string): string }; transform: { transform(s: string): string } }>(bytes, `dedup-${second.length}`);
      // Both decorator instances bracket: the single embedded component is instantiated twice.
      expect(out.app.run('hi'), label).toBe('[[HI]]!');
      expect(out.transform.transform('hi'), label).toBe('[HI]');
    }
  });

  it('a 12 MB component listed twice adds its size once', async () => {
    const p = await tempProject({ app: { js: 'app' }, greeter: { js: 'greeter' } });
    copyFileSync(p.path('greeter.wasm'), p.path('greeter-copy.wasm'));
    const app = await readFile(p.path('app.wasm'));
    const greeter = await readFile(p.path('greeter.wasm'));
    const GREETER = 'demo:greet/greeter@0.1.0';
    await p.writeConfig({
      components: { app: 'app.wasm', first: 'greeter.wasm', second: 'greeter-copy.wasm' },
      instances: {
        first: { component: 'first' },
        second: { component: 'second' },
        app: { component: 'app', with: { [GREETER]: 'first' } },
      },
      exports: ['app', { instance: 'second', export: GREETER }],
    });
    const { size } = await build({ cwd: p.dir });
    const bytes = await p.read('composed.wasm');
    expect(size).toBe(bytes.length);
    // Both inputs, once each, and a few KB of composition around them.
    expect(bytes.length).toBeGreaterThan(app.length + greeter.length);
    expect(bytes.length).toBeLessThan(app.length + greeter.length + 64 * 1024);
    expect(occurrences(bytes, greeter)).toBe(1);
    expect(occurrences(bytes, app)).toBe(1);
    await validateComponent(bytes);
    expect([...decodeComponent(bytes).exports.keys()]).toEqual(['demo:greet/app@0.1.0', GREETER]);
  });
});

describe('large components are read by their component layer only', () => {
  it('decodes to the same type as the whole file, with core module bytes never read', async () => {
    const file = await fixturePath('js', 'greeter');
    const whole = new Uint8Array(await readFile(file));
    const partial = readComponentBinary(file);
    expect(partial.length).toBe(whole.length);
    expect(fileBacking(partial)).toEqual({ file, size: whole.length });
    expect(componentTypeJson(decodeComponent(partial))).toEqual(componentTypeJson(decodeComponent(whole)));
    // Most of a componentize-js component is core module: left unread (zero) here.
    let differing = 0;
    for (let i = 0; i < whole.length; i++) if (partial[i] !== whole[i]) differing++;
    expect(differing).toBeGreaterThan(whole.length / 2);
  });

  it('walks nested components (a composed output as input) and composes it again, byte for byte', async () => {
    const p = await tempProject({ app: { js: 'app' }, greeter: { js: 'greeter' } });
    await plug({ socket: 'app.wasm', plugs: ['greeter.wasm'], output: 'inner.wasm', cwd: p.dir });
    const inner = await p.read('inner.wasm');
    const loaded = await loadComponentFile(p.path('inner.wasm'));
    expect(fileBacking(loaded.bytes)?.size).toBe(inner.length);
    expect(componentTypeJson(loaded.type)).toEqual(componentTypeJson(decodeComponent(inner)));

    // The composed component as one input among others: embedded whole, from its file.
    await p.writeConfig({ components: ['inner.wasm', 'greeter.wasm'] });
    await build({ cwd: p.dir, output: 'outer.wasm' });
    const outer = await p.read('outer.wasm');
    expect(occurrences(outer, inner)).toBe(1);
    await validateComponent(outer);
  });

  it('a truncated large file fails with the same code and offset as when read whole', async () => {
    const dir = tempDir('wcompose-truncated-');
    const whole = new Uint8Array(await readFile(await fixturePath('js', 'greeter')));
    const cut = join(dir, 'cut.wasm');
    writeFileSync(cut, whole.subarray(0, 5_000_000));
    const expected = errorOf(() => decodeComponent(whole.subarray(0, 5_000_000)));
    const actual = errorOf(() => decodeComponent(readComponentBinary(cut)));
    expect(actual).toEqual(expected);
    expect(actual.code).toMatch(/^WC1/);
  });
});

function errorOf(fn: () => unknown): { code: string; offset: number | undefined; message: string } {
  try {
    fn();
  } catch (e) {
    if (isWcomposeError(e)) return { code: e.code, offset: e.offset, message: e.message };
    throw e;
  }
  throw new Error('expected a diagnostic');
}

/** The modules a run of `wcompose args…` loads (resolved URLs, through a module resolution hook). */
async function loadedModules(args: string[], cwd: string): Promise<{ code: number | null; urls: string[] }> {
  const dir = tempDir('wcompose-loads-');
  const trace = moduleTraceArgs(dir);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...trace, join(PROJECT_ROOT, 'bin', 'wcompose.js'), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const urls = stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length));
      resolvePromise({ code, urls });
    });
  });
}

describe('commands load only what they use', () => {
  const heavy = /node_modules\/(zod|jiti|fast-glob|chalk|@viz-js|@bytecodealliance|@babel)\/|node_modules\/semver\/index\.js/;

  it('--version loads neither the parser nor the commands', async () => {
    const { code, urls } = await loadedModules(['--version'], PROJECT_ROOT);
    expect(code).toBe(0);
    expect(urls.filter((u) => /commander|\/dist\/cli\//.test(u))).toEqual([]);
    const cli = await runCli(['--version']);
    const pkg = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(cli.stdout).toBe(`${pkg.version}\n`);
  });

  it('inspect and plug load none of the config, schema, glob, colour, Graphviz or jco libraries', async () => {
    const p = await tempProject({ 'kv-app': { wat: 'kv-app' }, 'kv-over-bucket': { wat: 'kv-over-bucket' } });
    const inspect = await loadedModules(['inspect', '--wit', 'kv-app.wasm'], p.dir);
    expect(inspect.code).toBe(0);
    expect(inspect.urls.some((u) => u.includes('/dist/api/inspect.js'))).toBe(true);
    expect(inspect.urls.filter((u) => heavy.test(u))).toEqual([]);
    // Only the command that runs is defined: the other commands' modules are not loaded.
    expect(inspect.urls.filter((u) => /\/dist\/cli\/commands\/(?!inspect\.js)/.test(u))).toEqual([]);
    const plugged = await loadedModules(['plug', 'kv-app.wasm', '--plug', 'kv-over-bucket.wasm', '-o', 'out.wasm'], p.dir);
    expect(plugged.code).toBe(0);
    expect(plugged.urls.filter((u) => heavy.test(u))).toEqual([]);
    // The same hook does see a library when one is loaded: `plan` loads the config loader.
    await p.writeConfig({ components: ['kv-app.wasm', 'kv-over-bucket.wasm'] });
    const planned = await loadedModules(['plan'], p.dir);
    expect(planned.urls.some((u) => /node_modules\/(jiti|zod)\//.test(u))).toBe(true);
  });
});

/**
 * An install of wcompose without jco: the package (bin, dist, package.json) copied into a fresh node_modules whose
 * other packages are links to this project's, all but @bytecodealliance/jco-transpile.
 */
function installWithoutJco(): { bin: string; dir: string } {
  const dir = tempDir('wcompose-nojco-');
  const modules = join(dir, 'node_modules');
  const own = join(modules, 'wcompose');
  mkdirSync(own, { recursive: true });
  for (const part of ['bin', 'dist', 'package.json']) cpSync(join(PROJECT_ROOT, part), join(own, part), { recursive: true });
  const shared = join(PROJECT_ROOT, 'node_modules');
  for (const entry of readdirSync(shared)) {
    if (entry.startsWith('.')) continue;
    if (entry === '@bytecodealliance') {
      mkdirSync(join(modules, entry));
      for (const member of readdirSync(join(shared, entry))) {
        if (member !== 'jco-transpile') symlinkSync(join(shared, entry, member), join(modules, entry, member));
      }
      continue;
    }
    symlinkSync(join(shared, entry), join(modules, entry));
  }
  return { bin: join(own, 'bin', 'wcompose.js'), dir };
}

function run(bin: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

describe('jco is an optional dependency', () => {
  it('without it, .wasm compositions work and what needs jco fails with WC5005, writing nothing', async () => {
    const { bin } = installWithoutJco();
    const p = await tempProject({ 'kv-app': { wat: 'kv-app' }, 'kv-over-bucket': { wat: 'kv-over-bucket' }, 'bucket-memory': { wat: 'bucket-memory' } });

    const plugged = await run(bin, ['plug', 'kv-app.wasm', '--plug', 'kv-over-bucket.wasm', '--plug', 'bucket-memory.wasm', '-o', 'out.wasm'], p.dir);
    expect(plugged.stderr).toBe('');
    expect(plugged.code).toBe(0);
    await validateComponent(await p.read('out.wasm'));
    const inspected = await run(bin, ['inspect', 'out.wasm'], p.dir);
    expect(inspected.code).toBe(0);
    expect(inspected.stdout).toContain('export demo:kv/app@0.1.0;');

    await p.writeConfig({ components: ['kv-app.wasm', 'kv-over-bucket.wasm', 'bucket-memory.wasm'], output: 'js-out.wasm' });
    const checked = await run(bin, ['check'], p.dir);
    expect(checked.code).toBe(0);
    const before = await p.files();
    const js = await run(bin, ['build', '--js'], p.dir);
    expect(js.code).toBe(1);
    expect(js.stderr).toContain('[WC5005]');
    expect(js.stderr).toContain('npm i -D @bytecodealliance/jco-transpile');
    expect(await p.files()).toEqual(before);

    writeFileSync(p.path('tiny.wat'), '(component)');
    const wat = await run(bin, ['inspect', 'tiny.wat'], p.dir);
    expect(wat.code).toBe(1);
    expect(wat.stderr).toMatch(/^error: .*tiny\.wat: \.wat inputs need @bytecodealliance\/jco-transpile, which is not installed \[WC5005\]/);

    writeFileSync(p.path('world.wit'), 'package demo:w;\nworld w {}\n');
    const wit = await run(bin, ['check', 'out.wasm', '--wit', 'world.wit'], p.dir);
    expect(wit.code).toBe(1);
    expect(wit.stderr).toContain('[WC5005]');
  });
});
