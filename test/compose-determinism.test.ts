/**
 * Issue #4: determinism. The same inputs give byte-identical output whatever the order of the components (and
 * instances) in the config, and whatever the order of `--plug` flags.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { runCli } from './support/cli.js';
import { digest, tempProject, type Project } from './support/compose.js';
import { validateComponent } from './support/jco.js';

const T = 'demo:text/transform@0.1.0';

/** Every ordering of `items` (fine for the handful used here). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

async function buildDigest(p: Project, config: Record<string, unknown>, output: string): Promise<string> {
  await p.writeConfig(config);
  await build({ cwd: p.dir, output });
  return digest(await p.read(output));
}

describe('deterministic output', () => {
  it('does not depend on the order of components or instances in the config', async () => {
    // Auto-plugged chains, explicit `with`, a component instantiated twice, resources, and leftover imports.
    const p = await tempProject({
      'kv-app': { wat: 'kv-app' },
      'kv-over-bucket': { wat: 'kv-over-bucket' },
      'bucket-memory': { wat: 'bucket-memory' },
      'res-consumer': { wat: 'res-consumer' },
      'res-provider': { wat: 'res-provider' },
      upper: { wat: 'upper' },
      decorator: { wat: 'decorator' },
      exclaim: { wat: 'exclaim' },
    });
    const files = ['kv-app', 'kv-over-bucket', 'bucket-memory', 'res-consumer', 'res-provider', 'upper', 'decorator', 'exclaim'];
    const instances: [string, unknown][] = [
      ['inner', { component: 'decorator', with: { [T]: 'upper' } }],
      ['outer', { component: 'decorator', with: { [T]: 'inner' } }],
      ['exclaim', { component: 'exclaim', with: { [T]: 'outer' } }],
      ['upper', { component: 'upper' }],
    ];
    const configs = [
      { components: files.map((f) => `${f}.wasm`), instances: Object.fromEntries(instances) },
      { components: [...files].reverse().map((f) => `${f}.wasm`), instances: Object.fromEntries([...instances].reverse()) },
      // Named components, in another order again.
      {
        components: Object.fromEntries([...files].sort().map((f) => [f, `${f}.wasm`])),
        instances: Object.fromEntries([instances[2]!, instances[0]!, instances[3]!, instances[1]!]),
      },
    ];
    const digests: string[] = [];
    for (const [i, config] of configs.entries()) digests.push(await buildDigest(p, config, `out-${i}.wasm`));
    expect(new Set(digests).size).toBe(1);
    await validateComponent(await p.read('out-0.wasm'));
  });

  it('merging WASI imports of several versions does not depend on which component comes first', async () => {
    const p = await tempProject({ banner: { wat: 'wasi-banner' }, cli: { js: 'cli' } });
    const a = await buildDigest(p, { components: ['banner.wasm', 'cli.wasm'] }, 'a.wasm');
    const b = await buildDigest(p, { components: ['cli.wasm', 'banner.wasm'] }, 'b.wasm');
    expect(b).toBe(a);
  });

  it('does not depend on the order of --plug flags', async () => {
    const p = await tempProject({
      'kv-app': { wat: 'kv-app' },
      'kv-over-bucket': { wat: 'kv-over-bucket' },
      'bucket-memory': { wat: 'bucket-memory' },
      'res-provider': { wat: 'res-provider' },
    });
    // res-provider plugs nothing: it is left out, whatever its place among the flags.
    const plugs = ['kv-over-bucket.wasm', 'bucket-memory.wasm', 'res-provider.wasm'];
    const digests: string[] = [];
    for (const [i, order] of permutations(plugs).entries()) {
      const cli = await runCli(['plug', 'kv-app.wasm', ...order.flatMap((f) => ['--plug', f]), '-o', `out-${i}.wasm`], { cwd: p.dir });
      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      digests.push(digest(await p.read(`out-${i}.wasm`)));
    }
    expect(digests).toHaveLength(6);
    expect(new Set(digests).size).toBe(1);
    await validateComponent(await p.read('out-0.wasm'));
  });
});
