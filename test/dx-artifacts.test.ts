/**
 * Artifacts for other runtimes (`artifacts` in the config, or --wit / --js / --wadm): the composed world as WIT, JS
 * bindings by jco, a wasmCloud (wadm) manifest; all or nothing written.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { build } from '../src/api/build.js';
import { jsArtifact } from '../src/artifacts/js.js';
import type { WcomposeConfig } from '../src/config/schema.js';
import { witArtifact } from '../src/artifacts/wit.js';
import { decodeComponent } from '../src/types/decode.js';
import { printWorld } from '../src/wit/print-world.js';
import { runCli } from './support/cli.js';
import { validateComponent } from './support/jco.js';
import { dxProject, requireBuiltCli, runNode, type DxProject } from './dx-support.js';

let p: DxProject;

beforeAll(async () => {
  requireBuiltCli();
  p = await dxProject();
});

afterAll(() => p?.remove());

describe('artifacts from the config', () => {
  let wasm: Uint8Array;
  let result: Awaited<ReturnType<typeof build>>;

  beforeAll(async () => {
    const config = await p.writeConfig(
      {
        output: 'dist/app.wasm',
        artifacts: {
          wit: true,
          js: true,
          wadm: { version: 'v0.1.0', annotations: { 'wasmcloud.dev/authors': 'the wcompose tests' } },
        },
      },
      'artifacts.config.mjs',
    );
    result = await build({ config, cwd: p.dir });
    wasm = await p.read('dist/app.wasm');
  });

  it('reports what it wrote, next to the composed component', () => {
    expect(result.artifacts.map((a) => [a.kind, a.path])).toEqual([
      ['wit', p.path('dist/app.wit')],
      ['js', p.path('dist/app-js')],
      ['wadm', p.path('dist/app.wadm.yaml')],
    ]);
    expect(result.artifacts[1]!.files).toEqual(
      expect.arrayContaining([p.path('dist/app-js/app.js'), p.path('dist/app-js/app.d.ts'), p.path('dist/app-js/package.json')]),
    );
  });

  it('the WIT file is the composed world (printWorld), with the packages it uses, and jco reads it back', async () => {
    const wit = await readFile(p.path('dist/app.wit'), 'utf8');
    const world = printWorld(decodeComponent(wasm));
    expect(wit.startsWith(world)).toBe(true);
    expect(wit).toBe(`${world}\npackage demo:math@0.1.0 {\n  interface app {\n    double: func(x: u32) -> u32;\n  }\n}\n`);
    // wit-parser (through jco) resolves it on its own; the dummy component it makes has the same world.
    const dummy = await componentNew(await componentEmbed({ dummy: true, witSource: wit, world: 'root:component/root' }), []);
    expect(printWorld(decodeComponent(dummy))).toBe(world);
  });

  it('the JS bindings import in Node and run the composition', async () => {
    const pkg = JSON.parse(await readFile(p.path('dist/app-js/package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ type: 'module', main: './app.js', types: './app.d.ts', generatedBy: expect.stringMatching(/^wcompose /) });
    const run = await runNode(
      `const m = await import(${JSON.stringify(p.path('dist/app-js/app.js'))}); console.log(m['demo:math/app@0.1.0'].double(21));`,
      p.dir,
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('42\n');
  });

  it('the wadm manifest is YAML for a wasmCloud application that runs the composed file', async () => {
    const manifestPath = p.path('dist/app.wadm.yaml');
    const doc = parseYaml(await readFile(manifestPath, 'utf8')) as {
      apiVersion: string;
      kind: string;
      metadata: { name: string; annotations: Record<string, string> };
      spec: { components: { name: string; type: string; properties: { image: string }; traits: unknown[] }[] };
    };
    expect(doc.apiVersion).toBe('core.oam.dev/v1beta1');
    expect(doc.kind).toBe('Application');
    expect(doc.metadata).toEqual({
      name: 'app',
      annotations: { version: 'v0.1.0', description: 'composed by wcompose from ops, app', 'wasmcloud.dev/authors': 'the wcompose tests' },
    });
    expect(doc.spec.components).toHaveLength(1);
    const [component] = doc.spec.components;
    expect(component).toEqual({
      name: 'app',
      type: 'component',
      properties: { image: 'file://./app.wasm' },
      traits: [{ type: 'spreadscaler', properties: { instances: 1 } }],
    });
    expect(resolve(dirname(manifestPath), component!.properties.image.slice('file://'.length))).toBe(p.path('dist/app.wasm'));
  });

  it('a rebuild replaces the JS folder as a whole', async () => {
    await writeFile(p.path('dist/app-js/stale.js'), '// from an older build');
    await build({ config: p.path('artifacts.config.mjs'), cwd: p.dir });
    expect(await p.files()).not.toContain('dist/app-js/stale.js');
    expect(await p.files()).toContain('dist/app-js/app.js');
  });
});

describe('artifacts from the command line', () => {
  it('--wit, --js <dir>, --wadm on top of the config, paths relative to the current folder', async () => {
    await p.writeConfig({ output: 'cli/app.wasm' }, 'cli.config.mjs');
    const r = await runCli(['build', '-c', 'cli.config.mjs', '--wit', '--js', 'web/bindings', '--wadm', 'deploy/wadm.yaml'], { cwd: p.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^composed 2 instances → .*app\.wasm \(\d+ bytes\) \+ app\.wit, .*bindings\/, .*wadm\.yaml\n$/);
    const files = await p.files();
    expect(files).toEqual(expect.arrayContaining(['cli/app.wasm', 'cli/app.wit', 'web/bindings/app.js', 'deploy/wadm.yaml']));
    const manifest = parseYaml(await readFile(p.path('deploy/wadm.yaml'), 'utf8')) as { spec: { components: { properties: { image: string } }[] } };
    expect(manifest.spec.components[0]!.properties.image).toBe('file://../cli/app.wasm');

    const json = await runCli(['build', '-c', 'cli.config.mjs', '--wadm', '--json'], { cwd: p.dir });
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { artifacts: unknown[] }).artifacts).toEqual([
      { kind: 'wadm', path: p.path('cli/app.wadm.yaml'), files: [p.path('cli/app.wadm.yaml')] },
    ]);
  });

  it('an OCI image instead of the file, and a name', async () => {
    const r = await build({
      cwd: p.dir,
      config: { components: [p.path('app.wat'), p.path('ops.wat')], exports: ['app'], output: 'oci/app.wasm' },
      artifacts: { wadm: { name: 'math-app', image: 'ghcr.io/example/math-app:0.1.0', instances: 3 } },
    });
    const doc = parseYaml(await readFile(r.artifacts[0]!.path, 'utf8')) as {
      metadata: { name: string };
      spec: { components: { name: string; properties: { image: string }; traits: { properties: { instances: number } }[] }[] };
    };
    expect(doc.metadata.name).toBe('math-app');
    expect(doc.spec.components[0]).toMatchObject({
      name: 'math-app',
      properties: { image: 'ghcr.io/example/math-app:0.1.0' },
      traits: [{ properties: { instances: 3 } }],
    });
  });
});

describe('failures write nothing', () => {
  /** A config object; `artifacts` is not type-checked, so that invalid ones can be tried. */
  const config = (artifacts: object, output = 'fail/app.wasm'): WcomposeConfig =>
    ({ components: [p.path('app.wat'), p.path('ops.wat')], exports: ['app'], output, artifacts }) as WcomposeConfig;

  it('a write that fails in the last artifact leaves no file, folder or temporary behind', async () => {
    await mkdir(p.path('blocked'), { recursive: true });
    await writeFile(p.path('blocked/file'), 'not a folder');
    const before = await p.files();
    await expect(
      build({ cwd: p.dir, config: config({ wit: true, js: true, wadm: 'blocked/file/app.wadm.yaml' }) }),
    ).rejects.toMatchObject({ code: 'WC9002', file: p.path('blocked/file/app.wadm.yaml') });
    expect(await p.files()).toEqual(before);
  });

  it('a failed rebuild leaves the previous build as it was', async () => {
    const ok = await build({ cwd: p.dir, config: config({ wit: true, js: true }, 'keep/app.wasm') });
    const snapshot = await Promise.all(ok.artifacts.flatMap((a) => a.files).map((f) => readFile(f, 'utf8')));
    const wasm = await p.read('keep/app.wasm');
    await writeFile(p.path('ops.wat'), (await readFile(p.path('ops.wat'), 'utf8')).replace('i32.add', 'i32.mul'));
    try {
      const before = await p.files();
      await expect(
        build({ cwd: p.dir, config: config({ wit: true, js: true, wadm: 'blocked/file/x.yaml' }, 'keep/app.wasm') }),
      ).rejects.toMatchObject({ code: 'WC9002' });
      expect(await p.files()).toEqual(before);
      expect(await p.read('keep/app.wasm')).toEqual(wasm);
      expect(await Promise.all(ok.artifacts.flatMap((a) => a.files).map((f) => readFile(f, 'utf8')))).toEqual(snapshot);
    } finally {
      await writeFile(p.path('ops.wat'), (await readFile(p.path('ops.wat'), 'utf8')).replace('i32.mul', 'i32.add'));
    }
  });

  it('colliding paths (WC5003) and a JS folder wcompose did not write (WC5004), before anything is generated', async () => {
    const before = await p.files();
    await expect(build({ cwd: p.dir, config: config({ wit: 'fail/app.wasm' }) })).rejects.toMatchObject({
      code: 'WC5003',
      path: ['artifacts.wit'],
    });
    await expect(build({ cwd: p.dir, config: config({ js: 'fail', wadm: 'fail/app.wadm.yaml' }) })).rejects.toMatchObject({
      code: 'WC5003',
      path: ['artifacts.js'],
    });
    await expect(build({ cwd: p.dir, config: config({ js: 'blocked' }) })).rejects.toMatchObject({ code: 'WC5004', path: ['artifacts.js'] });
    expect(await p.files()).toEqual(before);

    const cli = await runCli(['build', '-c', 'artifacts.config.mjs', '--js', 'blocked'], { cwd: p.dir });
    expect(cli.code).toBe(1);
    expect(cli.stderr.split('\n')[0]).toBe(`error: ${p.path('dist/app.wasm')}: artifacts.js: ${p.path('blocked')} holds files wcompose did not write [WC5004]`);
  });

  it('WIT and JS generation failures are diagnostics (WC5001, WC5002)', async () => {
    const garbage = new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 0xff]);
    expect(() => witArtifact(garbage, 'x.wasm')).toThrow(expect.objectContaining({ code: 'WC5001', file: 'x.wasm', path: ['artifacts.wit'] }));
    await expect(
      jsArtifact(garbage, { dir: 'x-js', name: 'x', instantiation: undefined, typescript: true, map: undefined }, 'x.wasm'),
    ).rejects.toMatchObject({ code: 'WC5002', file: 'x.wasm', path: ['artifacts.js'] });
  });

  it('the config is checked: unknown options and bad values are WC4103', async () => {
    await expect(build({ cwd: p.dir, config: config({ js: { folder: 'x' } }) })).rejects.toMatchObject({ code: 'WC4103' });
    await expect(build({ cwd: p.dir, config: config({ wadm: { name: 'no spaces' } }) })).rejects.toMatchObject({ code: 'WC4103' });
    await expect(build({ cwd: p.dir, config: config({ svg: true }) })).rejects.toMatchObject({
      code: 'WC4103',
      message: 'unknown option "svg"',
    });
  });
});

describe('the composed component stays valid', () => {
  it('with artifacts, the .wasm is the same as without', async () => {
    const plain = await build({ cwd: p.dir, config: { components: [p.path('app.wat'), p.path('ops.wat')], exports: ['app'], output: 'same/a.wasm' } });
    const withArtifacts = await build({
      cwd: p.dir,
      config: { components: [p.path('app.wat'), p.path('ops.wat')], exports: ['app'], output: 'same/b.wasm', artifacts: { wit: true } },
    });
    const a = await readFile(plain.output);
    expect(await readFile(withArtifacts.output)).toEqual(a);
    await validateComponent(new Uint8Array(a));
    expect(join(p.dir, 'same', 'b.wit')).toBe(withArtifacts.artifacts[0]!.path);
  });
});
