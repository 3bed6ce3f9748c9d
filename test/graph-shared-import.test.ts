/**
 * Issue 8, item 2: a shared import gives both sides the same resource. shared-types-caller and shared-types-callee
 * both import demo:t/types (resource blob); the callee exports demo:t/store, which `use`s types.{blob}. Plugged, the
 * composition imports types once, and that one blob is the caller's, the callee's and store's.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { checkComposition } from '../src/api/check-composition.js';
import { plug } from '../src/api/plug.js';
import { decodeComponent } from '../src/types/decode.js';
import { runCli } from './support/cli.js';
import { tempProject } from './support/compose.js';
import { runComponent, validateComponent } from './support/jco.js';
import { FIXTURES_DIR } from './support/paths.js';

const TYPES = 'demo:t/types@0.1.0';
const STORE = 'demo:t/store@0.1.0';

/** A host demo:t/types: blobs of a size, counting those made. */
function hostTypes(): { types: object; made: () => number } {
  let made = 0;
  class Blob {
    constructor(public n: number) {
      made += 1;
    }
    size(): number {
      return this.n;
    }
  }
  return { types: { Blob }, made: () => made };
}

describe('a shared import gives both sides the same resource', () => {
  it('plug: one merged types import, seen by both instances; valid, and it runs', async () => {
    const p = await tempProject({ caller: { wat: 'shared-types-caller' }, callee: { wat: 'shared-types-callee' } });
    const { plan } = await plug({ socket: p.path('caller.wasm'), plugs: [p.path('callee.wasm')], output: p.path('out.wasm') });
    expect(plan.imports.map((i) => `${i.name} ← ${i.users.map((u) => u.instance).join(', ')}`)).toEqual([
      `${TYPES} ← callee, socket`,
    ]);
    // The store the callee exports names the very blob of the merged import.
    const merged = plan.imports[0]!.extern;
    const store = plan.instances.find((i) => i.name === 'callee')!.exports.get(STORE)!;
    if (merged.kind !== 'instance' || store.kind !== 'instance') throw new Error('expected instances');
    expect(store.type.exports.get('blob')?.type).toBe(merged.type.exports.get('blob')?.type);

    const bytes = await p.read('out.wasm');
    await validateComponent(bytes);
    const type = decodeComponent(bytes);
    expect([...type.imports.keys()]).toEqual([TYPES]);
    expect([...type.exports.keys()]).toEqual(['demo:t/app@0.1.0']);
    const { types, made } = hostTypes();
    const { app } = await runComponent<{ app: { run(n: number): number } }>(bytes, 'shared-import', {
      imports: { 'demo:t/types': types },
    });
    // measure(blob(n)) = n + 100: the callee reads the size of the host blob the caller made.
    expect(app.run(5)).toBe(105);
    expect(app.run(42)).toBe(142);
    expect(made()).toBe(2);
  });

  it('build and check --config agree: the composition fits', async () => {
    const p = await tempProject({ caller: { wat: 'shared-types-caller' }, callee: { wat: 'shared-types-callee' } });
    await p.writeConfig({ components: ['caller.wasm', 'callee.wasm'] });
    const checked = await checkComposition({ cwd: p.dir });
    expect(checked.findings).toEqual([]);
    expect(checked.ok).toBe(true);
    const cli = await runCli(['check'], { cwd: p.dir });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const { plan } = await build({ cwd: p.dir });
    expect(plan.imports.map((i) => i.name)).toEqual([TYPES]);
    await validateComponent(await p.read('composed.wasm'));
  });

  it('two instances of the callee share the host blob too', async () => {
    const p = await tempProject({ caller: { wat: 'shared-types-caller' }, callee: { wat: 'shared-types-callee' } });
    await p.writeConfig({
      components: ['caller.wasm', 'callee.wasm'],
      instances: {
        one: { component: 'callee' },
        two: { component: 'callee' },
        caller: { component: 'caller', with: { [STORE]: 'two' } },
      },
      exports: ['caller', { instance: 'one', export: STORE }],
    });
    const { plan } = await build({ cwd: p.dir });
    expect(plan.imports.map((i) => `${i.name} ← ${i.users.map((u) => u.instance).join(', ')}`)).toEqual([
      `${TYPES} ← one, two, caller`,
    ]);
    const bytes = await p.read('composed.wasm');
    await validateComponent(bytes);
    // The exported store (of instance one) measures a blob the host made, as the caller's (instance two's) does.
    class Blob {
      constructor(public n: number) {}
      size(): number {
        return this.n;
      }
    }
    const exports = await runComponent<{ app: { run(n: number): number }; store: { measure(b: Blob): number } }>(bytes, 'shared-import-two', {
      imports: { 'demo:t/types': { Blob } },
    });
    expect(exports.app.run(3)).toBe(103);
    expect(exports.store.measure(new Blob(8))).toBe(108);
  });

  it('at different patch versions: merged to the highest, still one blob', async () => {
    const p = await tempProject({ caller: { wat: 'shared-types-caller' } });
    const source = await readFile(join(FIXTURES_DIR, 'wat/compose/shared-types-callee.wat'), 'utf8');
    await writeFile(p.path('callee.wat'), source.replaceAll('@0.1.0', '@0.1.2'));
    const { plan } = await plug({ socket: p.path('caller.wasm'), plugs: [p.path('callee.wat')], output: p.path('out.wasm') });
    expect(plan.imports.map((i) => `${i.name} ← ${i.users.map((u) => `${u.instance} (${u.name})`).join(', ')}`)).toEqual([
      'demo:t/types@0.1.2 ← callee (demo:t/types@0.1.2), socket (demo:t/types@0.1.0)',
    ]);
    const bytes = await p.read('out.wasm');
    await validateComponent(bytes);
    const { types } = hostTypes();
    const { app } = await runComponent<{ app: { run(n: number): number } }>(bytes, 'shared-import-versions', {
      imports: { 'demo:t/types': types },
    });
    expect(app.run(1)).toBe(101);
  });
});
