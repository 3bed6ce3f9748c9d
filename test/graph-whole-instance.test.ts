/**
 * Issue 8, item 5: an import that needs a whole instance, where the providing instance also has an export of that
 * name that does not fit. A plain instance name uses the export if it fits, else the whole instance (both are
 * type-checked); `{ instance, whole: true }` says "the whole instance" outright.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { checkComposition } from '../src/api/check-composition.js';
import { isWcomposeError } from '../src/diagnostics/error.js';
import { runCli } from './support/cli.js';
import { tempProject, type Project } from './support/compose.js';
import { runComponent, validateComponent } from './support/jco.js';

const IFACE = 'demo:w/host@0.1.0';

function project(): Promise<Project> {
  return tempProject({ consumer: { wat: 'whole-consumer' }, provider: { wat: 'whole-provider' } });
}

function config(hostArg: unknown, ifaceArg: unknown): unknown {
  return {
    components: ['consumer.wasm', 'provider.wasm'],
    instances: { c: { component: 'consumer', with: { host: hostArg, [IFACE]: ifaceArg } }, p: { component: 'provider' } },
    exports: ['c'],
  };
}

describe('whole-instance arguments', () => {
  it('a plain instance name whose same-named exports do not fit, and `whole: true`: the whole instance; it runs', async () => {
    const p = await project();
    await p.writeConfig(config('p', { instance: 'p', whole: true }));
    const { plan } = await build({ cwd: p.dir });
    const c = plan.instances.find((i) => i.name === 'c')!;
    expect(c.args.map((a) => [a.name, a.source])).toEqual([
      ['host', { kind: 'instance', instance: 'p' }],
      [IFACE, { kind: 'instance', instance: 'p' }],
    ]);
    const bytes = await p.read('composed.wasm');
    await validateComponent(bytes);
    const { run } = await runComponent<{ run(): number }>(bytes, 'whole-instance');
    // host.get() * 10 + iface.get(), both the provider's top-level get (4): not its `host` (7) or `ping` (9).
    expect(run()).toBe(44);

    expect((await checkComposition({ cwd: p.dir })).findings).toEqual([]);
    const cli = await runCli(['check'], { cwd: p.dir });
    expect([cli.code, cli.stderr]).toEqual([0, '']);
  });

  it('naming the export that does not fit is a type mismatch (WC4009), in build and check; nothing is written', async () => {
    const p = await project();
    await p.writeConfig(config({ instance: 'p', export: 'host' }, 'p'));
    const error = await build({ cwd: p.dir }).catch((e: unknown) => e);
    if (!isWcomposeError(error)) throw error;
    expect(error.code).toBe('WC4009');
    expect(error.path).toEqual(['instance "c" ← export "host" of instance "p"']);
    expect(error.message).toBe("host: expected an interface, found a function");
    expect(p.exists('composed.wasm')).toBe(false);

    const checked = await checkComposition({ cwd: p.dir });
    expect(checked.ok).toBe(false);
    expect(checked.findings.map((f) => [f.code, f.path[0]])).toEqual([['WC3003', 'instance "c" ← export "host" of instance "p"']]);
    const cli = await runCli(['build'], { cwd: p.dir });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('[WC4009]');
    expect(await p.files()).toEqual(['compose.config.ts', 'consumer.wasm', 'provider.wasm']);
  });

  it('`export` and `whole: true` together are an invalid config (WC4103)', async () => {
    const p = await project();
    await p.writeConfig(config('p', { instance: 'p', export: IFACE, whole: true }));
    const cli = await runCli(['build'], { cwd: p.dir });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('`export` and `whole: true` contradict each other');
    expect(cli.stderr).toContain('[WC4103]');
    expect(p.exists('composed.wasm')).toBe(false);
  });
});
