/**
 * Issue 8, item 3 (wac issue #149): virtualizing an interface that defines resources. fixtures/virtualize/types.wat
 * exports demo:kv/types (resource entry) and demo:kv/ext, which `use`s it; handler.wat imports types and exports
 * demo:kv/handler, which `use`s it too; adapter.wat imports all three. Composed, every instance uses the
 * virtualizer's `entry`: the result validates and runs in Node. The README's worked example.
 */
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { build } from '../src/api/build.js';
import { checkComposition } from '../src/api/check-composition.js';
import { plug } from '../src/api/plug.js';
import type { Plan } from '../src/graph/model.js';
import { decodeComponent } from '../src/types/decode.js';
import type { Extern, ResourceType } from '../src/types/model.js';
import { runCli } from './support/cli.js';
import { runComponent, validateComponent } from './support/jco.js';
import { FIXTURES_DIR } from './support/paths.js';

const DIR = join(FIXTURES_DIR, 'virtualize');
const CONFIG = join(DIR, 'compose.config.ts');

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wcompose-virtualize-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The resource `entry` that interface `iface` of `exports` names. */
function entryOf(exports: Map<string, Extern>, iface: string): ResourceType {
  const e = exports.get(iface);
  const entry = e?.kind === 'instance' ? e.type.exports.get('entry') : undefined;
  if (entry?.kind !== 'type' || typeof entry.type === 'string' || entry.type.kind !== 'resource') throw new Error(`${iface} names no entry`);
  return entry.type;
}

/** Every instance sees the virtualizer's entry: its types and ext exports, and the handler's export, name one resource. */
function expectOneEntry(plan: Plan): void {
  const exportsOf = (name: string): Map<string, Extern> => plan.instances.find((i) => i.name === name)!.exports;
  const entry = entryOf(exportsOf('types'), 'demo:kv/types@0.1.0');
  expect(entryOf(exportsOf('types'), 'demo:kv/ext@0.1.0')).toBe(entry);
  expect(entryOf(exportsOf('handler'), 'demo:kv/handler@0.1.0')).toBe(entry);
}

async function run(bytes: Uint8Array, name: string): Promise<(n: number) => number> {
  const { app } = await runComponent<{ app: { run(n: number): number } }>(bytes, name);
  return (n) => app.run(n);
}

describe('virtualizing an interface that defines resources', () => {
  it('build (the README example): no imports left, one entry for all, valid, runs', async () => {
    const output = join(tempDir(), 'virtualize.wasm');
    const { plan } = await build({ config: CONFIG, output });
    expect(plan.instances.map((i) => `${i.name}: ${i.args.map((a) => `${a.name} ← ${a.source.kind === 'export' ? a.source.instance : a.source.kind}`).join(', ')}`)).toEqual([
      'types: ',
      'handler: demo:kv/types@0.1.0 ← types',
      'adapter: demo:kv/types@0.1.0 ← types, demo:kv/handler@0.1.0 ← handler, demo:kv/ext@0.1.0 ← types',
    ]);
    expect(plan.imports).toEqual([]);
    expectOneEntry(plan);
    const bytes = new Uint8Array(await readFile(output));
    await validateComponent(bytes);
    expect([...decodeComponent(bytes).exports.keys()]).toEqual(['demo:kv/app@0.1.0']);
    // handler.handle(ext.double(entry(n))) = 2n + 1: entries made by the virtualizer, read by the wrapped handler.
    const app = await run(bytes, 'virtualize-build');
    expect(app(5)).toBe(11);
    expect(app(20)).toBe(41);
  });

  it('plug, as `wac plug adapter --plug types --plug handler` does it', async () => {
    const out = join(tempDir(), 'plugged.wasm');
    const { plan } = await plug({ socket: join(DIR, 'adapter.wat'), plugs: [join(DIR, 'types.wat'), join(DIR, 'handler.wat')], output: out });
    expect(plan.instances.map((i) => i.name)).toEqual(['types', 'handler', 'socket']);
    expectOneEntry(plan);
    const bytes = new Uint8Array(await readFile(out));
    await validateComponent(bytes);
    expect((await run(bytes, 'virtualize-plug'))(7)).toBe(15);
  });

  it('check --config agrees', async () => {
    const checked = await checkComposition({ config: CONFIG });
    expect(checked.findings).toEqual([]);
    expect(checked.warnings).toEqual([]);
    const cli = await runCli(['check', '-c', CONFIG]);
    expect([cli.code, cli.stderr]).toEqual([0, '']);
    expect(cli.stdout).toMatch(/compose\.config\.ts: 3 instances, 0 imports, 1 exports\n$/);
  });
});
