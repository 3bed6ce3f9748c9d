/**
 * `--import-dependencies` (issue 9): instead of embedding each component, the composed component imports it by its
 * component type and instantiates the import, as `wac compose --import-dependencies` does. Every successful graph case
 * (test/graph-cases/) is built that way too: jco must accept the output, its world must be the embedded build's (WIT
 * cannot show component imports; wit-component leaves them out), and it must import one component per distinct input
 * and embed none. Component types are where the type encoder's component scope is exercised: resources a component
 * defines (declared by its exports), `use`d types across its imported instances, outer aliases into instance types.
 */
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { build } from '../src/api/build.js';
import { ComponentReader } from '../src/binary/read.js';
import { isWcomposeError } from '../src/diagnostics/error.js';
import { decodeComponent } from '../src/types/decode.js';
import { loadWitWorld } from '../src/wit/load.js';
import { runCli } from './support/cli.js';
import { jcoPrint, jcoWit } from './support/jco.js';
import { PROJECT_ROOT } from './support/paths.js';
import { canonicalWit } from './support/wit-tree.js';

const CASES_DIR = join(PROJECT_ROOT, 'test', 'graph-cases');
const cases = readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(join(CASES_DIR, d.name)).includes('expected.wit'))
  .map((d) => d.name)
  .sort();

async function stage(name: string): Promise<string> {
  const from = join(CASES_DIR, name);
  const dir = await mkdtemp(join(tmpdir(), `wcompose-importdeps-${name}-`));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  for (const file of await readdir(from)) {
    await copyFile(join(from, file), join(dir, file));
    if (file.endsWith('.wit') && !file.startsWith('expected')) {
      const { bytes } = await loadWitWorld({ path: join(from, file) });
      await writeFile(join(dir, `${file.slice(0, -'.wit'.length)}.wasm`), bytes);
    }
  }
  return dir;
}

/** The section kinds of a component's top level, and the names and kinds of its imports. */
function shape(bytes: Uint8Array): { embedded: number; componentImports: string[] } {
  const embedded = ComponentReader.open(bytes).headers.filter((h) => h.kind === 'component').length;
  const componentImports = [...decodeComponent(bytes).imports].filter(([, e]) => e.kind === 'component').map(([n]) => n);
  return { embedded, componentImports };
}

describe('--import-dependencies over the graph cases', () => {
  for (const name of cases) {
    it(name, async () => {
      const dir = await stage(name);
      const config = join(dir, 'compose.config.ts');
      const embedded = await build({ config, output: join(dir, 'embedded.wasm') });
      const imported = await build({ config, output: join(dir, 'imported.wasm'), importDependencies: true });
      const bytes = new Uint8Array(await readFile(imported.output));
      // jco validates (wasmparser, all features) before printing the world.
      const world = await jcoWit(bytes);
      expect(canonicalWit(world)).toBe(canonicalWit(await jcoWit(new Uint8Array(await readFile(embedded.output)))));
      const { embedded: count, componentImports } = shape(bytes);
      expect(count).toBe(0);
      expect(componentImports).toEqual([...new Set(embedded.plan.components.map((c) => c.name))]);
    }, 60_000);
  }
});

describe('--import-dependencies with WAC', () => {
  const deps = join(PROJECT_ROOT, 'fixtures', 'wac', 'deps');

  it('names each package as wac does (unlocked-dep=<ns:name>), once however often it is instantiated, deterministically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-importdeps-wac-'));
    writeFileSync(join(dir, 'app.wac'), `package test:deps;
let p = new t:provider {};
let q = new t:provider {};
let c = new t:two { ...p };
export c.out;
export q.g as "g2";`);
    const first = await build({ config: join(dir, 'app.wac'), depsDir: deps, output: join(dir, 'a.wasm'), importDependencies: true });
    const second = await build({ config: join(dir, 'app.wac'), depsDir: deps, output: join(dir, 'b.wasm'), importDependencies: true });
    const bytes = new Uint8Array(await readFile(first.output));
    expect(Buffer.compare(bytes, await readFile(second.output))).toBe(0);
    expect(shape(bytes)).toEqual({ embedded: 0, componentImports: ['unlocked-dep=<t:provider>', 'unlocked-dep=<t:two>'] });
    expect(canonicalWit(await jcoWit(bytes))).toBe(canonicalWit('package root:component; world root { export out: func(); export g2: func(); }'));
    const wat = await jcoPrint(bytes);
    expect(wat).toMatch(/\(import "unlocked-dep=<t:provider>" \(component \(;0;\) \(type \d+\)\)\)/);
    expect(wat.match(/\(instantiate 0\b/g)).toHaveLength(2);
  }, 60_000);

  it('a versioned package is imported as unlocked-dep=<ns:name@{>=version}>', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-importdeps-ver-'));
    writeFileSync(join(dir, 'app.wac'), 'package test:deps;\nlet p = new t:provider@1.2.3 {};\nexport p.g;\n');
    const provider = join(deps, 't', 'provider.wat');
    // The `>` of `{>=1.2.3}` is not the end of the name: wcompose's validator and jco both accept it.
    const result = await build({
      config: join(dir, 'app.wac'), deps: { 't:provider@1.2.3': provider }, output: join(dir, 'a.wasm'), importDependencies: true, cwd: dir,
    });
    const bytes = new Uint8Array(await readFile(result.output));
    expect(shape(bytes).componentImports).toEqual(['unlocked-dep=<t:provider@{>=1.2.3}>']);
    await jcoWit(bytes);
  }, 60_000);

  it('`wcompose build app.wac --import-dependencies` on the command line; the config says importDependencies: true', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-importdeps-cli-'));
    const depFlags = [
      '--dep', `demo:app=${join(PROJECT_ROOT, 'fixtures', 'example', 'app.wat')}`,
      '--dep', `demo:logger-stdout=${join(PROJECT_ROOT, 'fixtures', 'example', 'logger-stdout.wat')}`,
      '--dep', `wasi:cli=${join(PROJECT_ROOT, 'wit', 'wasi-0.2.12')}`,
    ];
    const cli = await runCli(['build', join(PROJECT_ROOT, 'compose.wac'), '--import-dependencies', '-o', join(dir, 'cli.wasm'), ...depFlags], { cwd: dir });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const bytes = new Uint8Array(await readFile(join(dir, 'cli.wasm')));
    expect(shape(bytes)).toEqual({ embedded: 0, componentImports: ['unlocked-dep=<demo:logger-stdout>', 'unlocked-dep=<demo:app>'] });
    expect(await jcoWit(bytes)).toContain('export wasi:cli/run@0.2.3;');

    const fromConfig = await build({
      config: {
        wac: join(PROJECT_ROOT, 'compose.wac'),
        components: [join(PROJECT_ROOT, 'fixtures', 'example', '*.wat')],
        deps: { 'wasi:cli': join(PROJECT_ROOT, 'wit', 'wasi-0.2.12') },
        importDependencies: true,
        output: join(dir, 'config.wasm'),
      },
    });
    expect(Buffer.compare(await readFile(fromConfig.output), bytes)).toBe(0);
  }, 120_000);

  it('a component name that cannot be an import name is WC2021, and nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-importdeps-bad-'));
    const error = await build({
      config: {
        components: { App_1: join(PROJECT_ROOT, 'fixtures', 'example', 'app.wat'), 'logger-stdout': join(PROJECT_ROOT, 'fixtures', 'example', 'logger-stdout.wat') },
        importDependencies: true,
        output: join(dir, 'out.wasm'),
      },
      cwd: dir,
    }).then(() => undefined, (e: unknown) => e);
    expect(isWcomposeError(error) && error.code).toBe('WC2021');
    expect(String((error as Error).message)).toContain('component "App_1" cannot be imported');
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
