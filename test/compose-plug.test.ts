/**
 * Issue #4, "must show" 1: two components built with componentize-js from JS sources (fixtures/js/app imports
 * demo:greet/greeter@0.1.0, fixtures/js/greeter exports it), linked passing strings both ways, through the three
 * entry points: the plug() API, `wcompose plug`, and build() / `wcompose build` with a config file.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { plug } from '../src/api/plug.js';
import { decodeComponent } from '../src/types/decode.js';
import { runCli } from './support/cli.js';
import { digest, tempProject, type Project } from './support/compose.js';
import { runComponent, validateComponent } from './support/jco.js';

interface AppExports {
  app: { run(name: string): string };
}

/** What the app's run() returns when its greeter import is the greeter fixture (see their component.js). */
const expected = (name: string): string => `app: Hello, ${name}! (${[...name].length} chars)`;

/** Validates a composed app + greeter with jco, checks its world, and runs it in Node. */
async function expectWorkingApp(bytes: Uint8Array): Promise<void> {
  await validateComponent(bytes);
  const type = decodeComponent(bytes);
  expect([...type.imports.keys()]).toEqual([]);
  expect([...type.exports.keys()]).toEqual(['demo:greet/app@0.1.0']);
  const { app } = await runComponent<AppExports>(bytes, 'greet-app');
  expect(app.run('wcompose')).toBe('app: Hello, wcompose! (8 chars)');
  // Non-ASCII text crosses both links (app → greeter → app) intact.
  for (const input of ['wörld ✓', '', '日本語 🎉']) expect(app.run(input)).toBe(expected(input));
}

async function project(): Promise<Project> {
  return tempProject({ app: { js: 'app' }, greeter: { js: 'greeter' } });
}

describe('plugging a JS greeter into a JS app', () => {
  it('plug() composes a working component with no imports', async () => {
    const p = await project();
    const result = await plug({ socket: p.path('app.wasm'), plugs: [p.path('greeter.wasm')], output: p.path('out.wasm') });
    expect(result.output).toBe(p.path('out.wasm'));
    expect(result.plan.instances.map((i) => i.name)).toEqual(['greeter', 'socket']);
    expect(result.plan.instances[1]!.args).toEqual([
      { name: 'demo:greet/greeter@0.1.0', source: { kind: 'export', instance: 'greeter', export: 'demo:greet/greeter@0.1.0' }, how: 'auto' },
    ]);
    const bytes = await p.read('out.wasm');
    expect(bytes.length).toBe(result.size);
    await expectWorkingApp(bytes);
  });

  it('`wcompose plug app.wasm --plug greeter.wasm -o out.wasm` writes the same component', async () => {
    const p = await project();
    const cli = await runCli(['plug', 'app.wasm', '--plug', 'greeter.wasm', '-o', 'out.wasm'], { cwd: p.dir });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^composed 2 instances → .*out\.wasm \(\d+ bytes\)\n$/);
    const bytes = await p.read('out.wasm');
    await expectWorkingApp(bytes);

    await plug({ socket: p.path('app.wasm'), plugs: [p.path('greeter.wasm')], output: p.path('api.wasm'), cwd: p.dir });
    expect(digest(await p.read('api.wasm'))).toBe(digest(bytes));
  });

  it('build() with compose.config.ts in a temp dir, and `wcompose build` there', async () => {
    const p = await project();
    await p.writeConfig({ components: ['app.wasm', 'greeter.wasm'], output: 'dist/app.wasm' });
    const result = await build({ cwd: p.dir });
    expect(result.configFile).toBe(p.path('compose.config.ts'));
    expect(result.output).toBe(p.path('dist/app.wasm'));
    expect(result.plan.instances.map((i) => i.name)).toEqual(['greeter', 'app']);
    expect(result.plan.exports.map((e) => `${e.instance}: ${e.name}`)).toEqual(['app: demo:greet/app@0.1.0']);
    const bytes = await p.read('dist/app.wasm');
    await expectWorkingApp(bytes);

    const cli = await runCli(['build', '-o', 'cli.wasm'], { cwd: p.dir });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^composed 2 instances → .*cli\.wasm \(\d+ bytes\)\n$/);
    expect(digest(await p.read('cli.wasm'))).toBe(digest(bytes));
  });

  it('build() with a config object and explicit arguments gives the same component', async () => {
    const p = await project();
    const result = await build({
      cwd: p.dir,
      output: 'object.wasm',
      config: {
        components: { app: 'app.wasm', greeter: 'greeter.wasm' },
        instances: { app: { component: 'app', with: { 'demo:greet/greeter@0.1.0': 'greeter' } } },
        exports: ['app'],
        imports: 'none',
      },
    });
    expect(result.configFile).toBeUndefined();
    expect(result.plan.instances.find((i) => i.name === 'app')!.args[0]!.how).toBe('explicit');
    await p.writeConfig({ components: ['app.wasm', 'greeter.wasm'] });
    await build({ cwd: p.dir, output: 'file.wasm' });
    expect(digest(await p.read('object.wasm'))).toBe(digest(await p.read('file.wasm')));
  });
});
