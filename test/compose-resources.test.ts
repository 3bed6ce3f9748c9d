/**
 * Issue #4, "must show" 3: a resource type exported by one component and used by another. res-provider defines
 * resource `blob` in demo:res/types@0.1.0 and exports demo:res/api@0.1.0, which uses it (`use types.{blob}`);
 * res-consumer imports both and calls the constructor, methods and the api function across the link.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { plug } from '../src/api/plug.js';
import { decodeComponent } from '../src/types/decode.js';
import type { Extern, ResourceType } from '../src/types/model.js';
import { tempProject } from './support/compose.js';
import { runComponent, validateComponent } from './support/jco.js';

interface Blob {
  size(): number;
  grow(by: number): void;
}

/** The resource `blob` that the imported or exported interface `iface` names. */
function blobOf(exports: Map<string, Extern>, iface: string): ResourceType {
  const e = exports.get(iface);
  if (e?.kind !== 'instance') throw new Error(`no instance export ${iface}`);
  const blob = e.type.exports.get('blob');
  if (blob?.kind !== 'type' || typeof blob.type === 'string' || blob.type.kind !== 'resource') throw new Error(`${iface} has no resource blob`);
  return blob.type;
}

describe('a resource across the link', () => {
  it('the consumer constructs blobs, calls their methods and api.merge, all implemented by the provider', async () => {
    const p = await tempProject({ 'res-consumer': { wat: 'res-consumer' }, 'res-provider': { wat: 'res-provider' } });
    const { plan } = await plug({ socket: p.path('res-consumer.wasm'), plugs: [p.path('res-provider.wasm')], output: p.path('out.wasm') });
    expect(plan.instances.map((i) => i.name)).toEqual(['res-provider', 'socket']);
    expect(plan.instances[1]!.args.map((a) => `${a.name} ← ${a.source.kind === 'export' ? `${a.source.instance}.${a.source.export}` : a.source.kind}`)).toEqual([
      'demo:res/types@0.1.0 ← res-provider.demo:res/types@0.1.0',
      'demo:res/api@0.1.0 ← res-provider.demo:res/api@0.1.0',
    ]);
    // In the plan, api's blob is types' blob: the one resource of the provider instance.
    const provider = plan.instances[0]!.exports;
    expect(blobOf(provider, 'demo:res/api@0.1.0')).toBe(blobOf(provider, 'demo:res/types@0.1.0'));

    const bytes = await p.read('out.wasm');
    await validateComponent(bytes);
    const type = decodeComponent(bytes);
    expect([...type.imports.keys()]).toEqual([]);
    expect([...type.exports.keys()]).toEqual(['demo:res/app@0.1.0']);
    const { app } = await runComponent<{ app: { run(a: number, b: number): number } }>(bytes, 'res-linked');
    // blob(2).grow(1) merged with blob(3): size 2 + 1 + 3.
    expect(app.run(2, 3)).toBe(6);
    expect(app.run(40, 1)).toBe(42);
  });

  it('left as imports, the interfaces are re-encoded with `use` intact and a host can supply the resource', async () => {
    const p = await tempProject({ 'res-consumer': { wat: 'res-consumer' } });
    await p.writeConfig({ components: ['res-consumer.wasm'] });
    const { plan } = await build({ cwd: p.dir });
    expect(plan.imports.map((i) => i.name)).toEqual(['demo:res/types@0.1.0', 'demo:res/api@0.1.0']);
    const bytes = await p.read('composed.wasm');
    await validateComponent(bytes);
    const type = decodeComponent(bytes);
    // api's blob is an alias of types' blob, not a resource of its own.
    expect(blobOf(type.imports, 'demo:res/api@0.1.0')).toBe(blobOf(type.imports, 'demo:res/types@0.1.0'));

    class HostBlob {
      constructor(public n: number) {}
      size(): number {
        return this.n;
      }
      grow(by: number): void {
        this.n += by;
      }
    }
    const { app } = await runComponent<{ app: { run(a: number, b: number): number } }>(bytes, 'res-host', {
      imports: {
        'demo:res/types': { Blob: HostBlob },
        'demo:res/api': { merge: (a: HostBlob, b: HostBlob) => new HostBlob(a.n * 100 + b.n) },
      },
    });
    expect(app.run(2, 3)).toBe(303);
  });

  it('the provider\'s interfaces can be exported next to the consumer\'s, keeping `use` between them', async () => {
    const p = await tempProject({ 'res-consumer': { wat: 'res-consumer' }, 'res-provider': { wat: 'res-provider' } });
    await p.writeConfig({
      components: ['res-consumer.wasm', 'res-provider.wasm'],
      exports: ['res-consumer', 'res-provider'],
      imports: 'none',
    });
    await build({ cwd: p.dir });
    const bytes = await p.read('composed.wasm');
    await validateComponent(bytes);
    const type = decodeComponent(bytes);
    expect([...type.exports.keys()]).toEqual(['demo:res/app@0.1.0', 'demo:res/types@0.1.0', 'demo:res/api@0.1.0']);
    expect(blobOf(type.exports, 'demo:res/api@0.1.0')).toBe(blobOf(type.exports, 'demo:res/types@0.1.0'));

    const out = await runComponent<{
      app: { run(a: number, b: number): number };
      types: { Blob: new (size: number) => Blob };
      api: { merge(a: Blob, b: Blob): Blob };
    }>(bytes, 'res-exported');
    expect(out.app.run(2, 3)).toBe(6);
    // The host uses the same resource: blobs from types' constructor are accepted by api.merge.
    const a = new out.types.Blob(10);
    a.grow(5);
    const merged = out.api.merge(a, new out.types.Blob(1));
    expect(merged.size()).toBe(16);
  });
});
