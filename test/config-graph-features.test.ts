import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import type { WcomposeConfig } from '../src/config/schema.js';
import { isWcomposeError } from '../src/diagnostics/error.js';
import { jcoWit, normalizeWit, validateComponent } from './support/jco.js';
import { PROJECT_ROOT } from './support/paths.js';

/** The graph features WAC has, in compose.config.ts: declared imports, import arguments, spreads, whole instances. */
const t = join(PROJECT_ROOT, 'fixtures', 'wac', 'deps', 't');
const components = { provider: join(t, 'provider.wat'), consumer: join(t, 'consumer.wat'), two: join(t, 'two.wat') };

async function composeWit(config: Omit<WcomposeConfig, 'output'>): Promise<string> {
  const output = join(mkdtempSync(join(tmpdir(), 'wcompose-config-graph-')), 'out.wasm');
  const result = await build({ config: { ...config, output } });
  const bytes = new Uint8Array(readFileSync(result.output));
  await validateComponent(bytes);
  return normalizeWit(await jcoWit(bytes));
}

const world = (body: string): string => normalizeWit(`package root:component; world root { ${body} }`);

describe('compose.config.ts: the graph features of WAC', () => {
  it('declares an import by name and type: an interface of a WIT package, passed with { import }', async () => {
    const wit = await composeWit({
      components: { consumer: components.consumer },
      declaredImports: { 't:iface/a@0.1.0': { interface: 't:iface/a@0.1.0', wit: join(t, 'iface.wit') } },
      instances: { consumer: { component: 'consumer', with: { 't:iface/a@0.1.0': { import: 't:iface/a@0.1.0' } } } },
    });
    expect(wit).toBe(world('import t:iface/a@0.1.0; export run: func();'));
  });

  it('declares a renamed instance import, and passes an imported instance\'s export as an argument', async () => {
    const wit = await composeWit({
      components: { consumer: components.consumer, two: components.two },
      declaredImports: {
        'my-a': { instance: 'consumer', import: 't:iface/a@0.1.0' },
      },
      instances: {
        consumer: { component: 'consumer' },
        two: { component: 'two', with: { 't:iface/a@0.1.0': { import: 'my-a' }, g: { import: 'my-a', export: 'f' } } },
      },
      exports: [{ instance: 'consumer', export: 'run' }, { instance: 'two', export: 'out' }],
    });
    expect(wit).toBe(world('import my-a: interface { f: func(); } export run: func(); export out: func();'));
  });

  it('spreads an instance\'s exports as arguments and as exports, and exports a whole instance under a name', async () => {
    const wit = await composeWit({
      components: { provider: components.provider, two: components.two },
      autoPlug: false,
      instances: { provider: { component: 'provider' }, two: { component: 'two', spread: ['provider'] } },
      exports: [{ instance: 'provider', export: 'g' }, { instance: 'provider', spread: true }, { instance: 'two', whole: true, as: 'whole-two' }],
    });
    expect(wit).toBe(world('export g: func(); export t:iface/a@0.1.0; export whole-two: interface { out: func(); }'));
  });

  it('an explicit whole-instance argument passes the instance, not its export of that name', async () => {
    const base = { components: { provider: components.provider, consumer: components.consumer }, exports: ['consumer'] };
    // By name, the provider's export `t:iface/a@0.1.0` fills the import; whole, the instance itself does not fit.
    await expect(composeWit({ ...base, instances: { consumer: { component: 'consumer', with: { 't:iface/a@0.1.0': 'provider' } } } })).resolves.toContain('export run');
    const whole = build({ config: { ...base, output: join(tmpdir(), 'never.wasm'), instances: { consumer: { component: 'consumer', with: { 't:iface/a@0.1.0': { instance: 'provider', whole: true } } } } } });
    const e = await whole.then(() => undefined, (x: unknown) => x);
    // The checker's own code for the first problem: the instance has no export `f` (missing export).
    expect(isWcomposeError(e) && e.code).toBe('WC3002');
    expect(String((e as Error).message)).toMatch(/f/);
  });

  it('a spread that fills nothing is an error', async () => {
    const e = await build({
      config: {
        components: { provider: components.provider, consumer: components.consumer },
        instances: { c: { component: 'consumer', with: { 't:iface/a@0.1.0': 'provider' }, spread: ['provider'] } },
        output: join(tmpdir(), 'never.wasm'),
      },
    }).then(() => undefined, (x: unknown) => x);
    expect(isWcomposeError(e) && e.code).toBe('WC6011');
  });
});
