/**
 * Issue #4, "must show" 2: a chain of three components, and one component instantiated twice with different
 * arguments. Hand-written WAT components (fixtures/wat/compose/) whose core modules do the work:
 *
 *  - kv-app → kv-over-bucket → bucket-memory: u32 calls through two links, plugged automatically by name;
 *  - upper → decorator (as "inner") → decorator (as "outer") → exclaim: strings through three links, the decorator
 *    instantiated twice, wired explicitly with `with`.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { plug } from '../src/api/plug.js';
import { decodeComponent } from '../src/types/decode.js';
import { runCli } from './support/cli.js';
import { digest, tempProject } from './support/compose.js';
import { buildComposeWat } from './support/fixtures.js';
import { runComponent, validateComponent } from './support/jco.js';

interface KvAppExports {
  app: { run(x: number): number };
}

const TRANSFORM = 'demo:text/transform@0.1.0';

describe('a chain of three components: kv-app → kv-over-bucket → bucket-memory', () => {
  const components = { 'kv-app': { wat: 'kv-app' }, 'kv-over-bucket': { wat: 'kv-over-bucket' }, 'bucket-memory': { wat: 'bucket-memory' } };

  it('build() plugs each link by name, and the result runs with no imports', async () => {
    const p = await tempProject(components);
    await p.writeConfig({ components: ['kv-app.wasm', 'kv-over-bucket.wasm', 'bucket-memory.wasm'], imports: 'none' });
    const { plan } = await build({ cwd: p.dir });
    expect(plan.instances.map((i) => i.name)).toEqual(['bucket-memory', 'kv-over-bucket', 'kv-app']);
    expect(plan.instances.flatMap((i) => i.args.map((a) => `${i.name} ← ${a.source.kind === 'export' ? a.source.instance : '?'} (${a.how})`))).toEqual([
      'kv-over-bucket ← bucket-memory (auto)',
      'kv-app ← kv-over-bucket (auto)',
    ]);

    const bytes = await p.read('composed.wasm');
    await validateComponent(bytes);
    const type = decodeComponent(bytes);
    expect([...type.imports.keys()]).toEqual([]);
    expect([...type.exports.keys()]).toEqual(['demo:kv/app@0.1.0']);
    const { app } = await runComponent<KvAppExports>(bytes, 'kv-chain');
    // run(x) stores x and 2x under keys 1 and 2 and sums keys 1..3: 3x when the whole chain works.
    expect(app.run(7)).toBe(21);
    expect(app.run(1_000_000)).toBe(3_000_000);
  });

  it('`wcompose plug` fills the socket from one plug and that plug from the other', async () => {
    const p = await tempProject(components);
    const cli = await runCli(['plug', 'kv-app.wasm', '--plug', 'kv-over-bucket.wasm', '--plug', 'bucket-memory.wasm', '-o', 'out.wasm'], {
      cwd: p.dir,
    });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^composed 3 instances → /);
    const bytes = await p.read('out.wasm');
    await validateComponent(bytes);
    expect([...decodeComponent(bytes).imports.keys()]).toEqual([]);
    const { app } = await runComponent<KvAppExports>(bytes, 'kv-chain-plug');
    expect(app.run(5)).toBe(15);
  });
});

describe('one component instantiated twice with different arguments', () => {
  const config = {
    components: { upper: 'upper.wasm', decorator: 'decorator.wasm', exclaim: 'exclaim.wasm' },
    instances: {
      upper: { component: 'upper' },
      inner: { component: 'decorator', with: { [TRANSFORM]: 'upper' } },
      outer: { component: 'decorator', with: { [TRANSFORM]: { instance: 'inner', export: TRANSFORM } } },
      exclaim: { component: 'exclaim', with: { [TRANSFORM]: 'outer' } },
    },
    exports: ['exclaim', { instance: 'inner', export: TRANSFORM }],
    imports: 'none',
  };

  it('upper → decorator → decorator → exclaim: each decorator instance brackets once', async () => {
    const p = await tempProject({ upper: { wat: 'upper' }, decorator: { wat: 'decorator' }, exclaim: { wat: 'exclaim' } });
    await p.writeConfig(config);
    const { plan } = await build({ cwd: p.dir });
    expect(plan.instances.map((i) => `${i.name}: ${i.component.name}`)).toEqual([
      'upper: upper',
      'inner: decorator',
      'outer: decorator',
      'exclaim: exclaim',
    ]);
    expect(plan.instances.map((i) => i.args.map((a) => (a.source.kind === 'export' ? a.source.instance : a.source.kind)))).toEqual([
      [],
      ['upper'],
      ['inner'],
      ['outer'],
    ]);

    const bytes = await p.read('composed.wasm');
    // The decorator is embedded once and instantiated twice.
    expect(plan.components.map((c) => c.name)).toEqual(['upper', 'decorator', 'exclaim']);
    const decorator = Buffer.from(await buildComposeWat('decorator'));
    const haystack = Buffer.from(bytes);
    expect(haystack.indexOf(decorator)).toBeGreaterThan(0);
    expect(haystack.lastIndexOf(decorator)).toBe(haystack.indexOf(decorator));

    await validateComponent(bytes);
    const type = decodeComponent(bytes);
    expect([...type.imports.keys()]).toEqual([]);
    expect([...type.exports.keys()]).toEqual(['demo:text/app@0.1.0', TRANSFORM]);
    const out = await runComponent<{ app: { run(s: string): string }; transform: { transform(s: string): string } }>(bytes, 'decorated');
    expect(out.app.run('hi')).toBe('[[HI]]!');
    expect(out.app.run('Grüße, wcompose')).toBe('[[GRüßE, WCOMPOSE]]!');
    // The inner instance, exported too, brackets once: the two instances are distinct.
    expect(out.transform.transform('hi')).toBe('[HI]');
  });

  it('names the instances play no part in the output: the same graph under other names gives the same bytes', async () => {
    // "inner" and "outer" swap roles: the plan orders by dependencies (then names), and names are not emitted.
    const p = await tempProject({ upper: { wat: 'upper' }, decorator: { wat: 'decorator' }, exclaim: { wat: 'exclaim' } });
    await p.writeConfig(config);
    await build({ cwd: p.dir, output: 'a.wasm' });
    await p.writeConfig({
      ...config,
      instances: {
        exclaim: { component: 'exclaim', with: { [TRANSFORM]: 'inner' } },
        inner: { component: 'decorator', with: { [TRANSFORM]: 'outer' } },
        outer: { component: 'decorator', with: { [TRANSFORM]: 'upper' } },
        upper: { component: 'upper' },
      },
      exports: ['exclaim', { instance: 'outer', export: TRANSFORM }],
    });
    const { plan } = await build({ cwd: p.dir, output: 'b.wasm' });
    expect(plan.instances.map((i) => i.name)).toEqual(['upper', 'outer', 'inner', 'exclaim']);
    expect(digest(await p.read('b.wasm'))).toBe(digest(await p.read('a.wasm')));
  });

  it('plug() cannot express this (the socket\'s import is ambiguous), so the config is needed', async () => {
    const p = await tempProject({ upper: { wat: 'upper' }, decorator: { wat: 'decorator' }, exclaim: { wat: 'exclaim' } });
    await expect(
      plug({ socket: p.path('exclaim.wasm'), plugs: [p.path('decorator.wasm'), p.path('upper.wasm')], output: p.path('out.wasm') }),
    ).rejects.toThrow(/import "demo:text\/transform@0\.1\.0" of the socket can be filled by several plugs: \S*decorator\.wasm \(demo:text\/transform@0\.1\.0\), \S*upper\.wasm \(demo:text\/transform@0\.1\.0\)/);
    expect(p.exists('out.wasm')).toBe(false);
  });
});
