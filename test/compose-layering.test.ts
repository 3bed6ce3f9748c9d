/**
 * Issue #4, "must show" 5: virtual platform layering. kv-app is written against demo:kv/store@0.1.0;
 * kv-over-bucket implements demo:kv/store on top of demo:blob/bucket@0.1.0. Composed, the result imports the
 * bucket and not the store, and behaves as the app does on a store of its own.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { plug } from '../src/api/plug.js';
import { decodeComponent } from '../src/types/decode.js';
import { tempProject } from './support/compose.js';
import { buildComposeWat } from './support/fixtures.js';
import { runComponent, validateComponent } from './support/jco.js';

interface KvAppExports {
  app: { run(x: number): number };
}

/** A host demo:blob/bucket that records what the layer above asks of it. */
function hostBucket(): { bucket: { read(offset: number): number; write(offset: number, value: number): void }; log: string[] } {
  const cells = new Map<number, number>();
  const log: string[] = [];
  return {
    log,
    bucket: {
      read(offset) {
        log.push(`read ${offset}`);
        return cells.get(offset) ?? 0;
      },
      write(offset, value) {
        log.push(`write ${offset} ${value}`);
        cells.set(offset, value);
      },
    },
  };
}

describe('layering demo:kv/store over demo:blob/bucket', () => {
  it('the app alone imports demo:kv/store and, on a host store, returns 3x', async () => {
    const bytes = await buildComposeWat('kv-app');
    expect([...decodeComponent(bytes).imports.keys()]).toEqual(['demo:kv/store@0.1.0']);
    const store = new Map<number, number>();
    const { app } = await runComponent<KvAppExports>(bytes, 'kv-app', {
      imports: {
        'demo:kv/store': {
          get: (key: number) => store.get(key) ?? 0,
          set: (key: number, value: number) => void store.set(key, value),
        },
      },
    });
    expect(app.run(7)).toBe(21);
    expect([...store]).toEqual([[1, 7], [2, 14]]);
  });

  it('composed with the layer, it imports demo:blob/bucket only and behaves the same', async () => {
    const p = await tempProject({ 'kv-app': { wat: 'kv-app' }, 'kv-over-bucket': { wat: 'kv-over-bucket' } });
    const { plan } = await plug({ socket: p.path('kv-app.wasm'), plugs: [p.path('kv-over-bucket.wasm')], output: p.path('out.wasm') });
    expect(plan.imports.map((i) => `${i.name} ← ${i.users.map((u) => u.instance).join(', ')}`)).toEqual([
      'demo:blob/bucket@0.1.0 ← kv-over-bucket',
    ]);
    const bytes = await p.read('out.wasm');
    await validateComponent(bytes);
    const type = decodeComponent(bytes);
    expect([...type.imports.keys()]).toEqual(['demo:blob/bucket@0.1.0']);
    expect([...type.exports.keys()]).toEqual(['demo:kv/app@0.1.0']);

    const { bucket, log } = hostBucket();
    const { app } = await runComponent<KvAppExports>(bytes, 'kv-layered', { imports: { 'demo:blob/bucket': bucket } });
    expect(app.run(7)).toBe(21);
    // Key k is kept at offset 1000 + 4k of the bucket.
    expect(log).toEqual(['write 1004 7', 'write 1008 14', 'read 1004', 'read 1008', 'read 1012']);
  });

  it('an imports policy can require that only the lower platform is left to the host', async () => {
    const p = await tempProject({ 'kv-app': { wat: 'kv-app' }, 'kv-over-bucket': { wat: 'kv-over-bucket' } });
    await p.writeConfig({ components: ['kv-app.wasm', 'kv-over-bucket.wasm'], imports: { allow: ['demo:blob/*'] } });
    const { plan } = await build({ cwd: p.dir });
    expect(plan.imports.map((i) => i.name)).toEqual(['demo:blob/bucket@0.1.0']);
    // Without the layer, the app's demo:kv/store import is left over, which the policy forbids.
    await p.writeConfig({ components: ['kv-app.wasm'], imports: { allow: ['demo:blob/*'] } });
    await expect(build({ cwd: p.dir, output: 'bad.wasm' })).rejects.toThrow(
      'import "demo:kv/store@0.1.0" of instance "kv-app" would be an import of the composition, which the imports policy forbids',
    );
    expect(p.exists('bad.wasm')).toBe(false);
  });
});
