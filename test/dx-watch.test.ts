/** `watch()` and `wcompose build --watch`: rebuild when an input component or the config changes. */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watch, type WatchResult, type Watcher } from '../src/api/watch.js';
import { decodeComponent } from '../src/types/decode.js';
import { validateComponent } from './support/jco.js';
import { dxProject, opsWat, requireBuiltCli, spawnCli, waitFor, type DxProject } from './dx-support.js';

let p: DxProject;
let watcher: Watcher | undefined;
const results: WatchResult[] = [];

beforeEach(async () => {
  p = await dxProject();
  results.length = 0;
});

afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  await p.remove();
});

/** Starts watching and waits for the first build. */
async function start(config: string): Promise<void> {
  watcher = watch({ config, cwd: p.dir, debounceMs: 50 }, (r) => {
    results.push(r);
  });
  await waitFor(() => results.length >= 1, 10_000, 'the first build');
}

const next = (n: number): Promise<void> => waitFor(() => results.length >= n, 10_000, `build #${n}`);

function ok(r: WatchResult | undefined): Extract<WatchResult, { ok: true }> {
  if (r === undefined || !r.ok) throw new Error(`expected a successful build, got ${r === undefined ? 'nothing' : String(r.error)}`);
  return r;
}

describe('watch()', () => {
  it('rebuilds after an input file changes: a new, valid component', async () => {
    await start(await p.writeConfig());
    const first = ok(results[0]);
    expect(first.changed).toEqual([]);
    const before = await p.read('out/app.wasm');

    await writeFile(p.path('ops.wat'), opsWat('i32.mul'));
    await next(2);
    const second = ok(results[1]);
    expect(second.changed).toEqual([p.path('ops.wat')]);
    const after = await p.read('out/app.wasm');
    expect(after).not.toEqual(before);
    expect(after.length).toBe(second.result.size);
    await validateComponent(after);
    expect([...decodeComponent(after).exports.keys()]).toEqual(['demo:math/app@0.1.0']);
  });

  it('keeps going after a failed build, sees new files through globs, and follows config changes', async () => {
    await start(await p.writeConfig({ components: ['*.wat'] }));
    ok(results[0]);

    // A second provider of demo:math/ops makes the plug ambiguous: the build fails, the watcher stays.
    await writeFile(p.path('ops2.wat'), opsWat('i32.sub'));
    await next(2);
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'WC4005' }, changed: [p.path('ops2.wat')] });

    await rm(p.path('ops2.wat'));
    await next(3);
    ok(results[2]);

    const config = await readFile(p.path('compose.config.mjs'), 'utf8');
    await writeFile(p.path('compose.config.mjs'), config.replace('out/app.wasm', 'out/renamed.wasm'));
    await next(4);
    expect(ok(results[3]).result.output).toBe(p.path('out/renamed.wasm'));
  });

  it('sees a component in a subfolder created after the build, through a ** glob', async () => {
    // app.wat and ops.wat live in the project folder; the glob reads parts/ and everything below it.
    await mkdir(p.path('parts'));
    await rename(p.path('ops.wat'), p.path('parts/ops.wat'));
    await start(await p.writeConfig({ components: [p.path('app.wat'), 'parts/**/*.wat'] }));
    ok(results[0]);

    // A second provider in a new, nested subfolder makes the plug ambiguous: only a recursive watch sees it.
    await mkdir(p.path('parts/more/deep'), { recursive: true });
    await new Promise((r) => setTimeout(r, 100));
    await writeFile(p.path('parts/more/deep/ops2.wat'), opsWat('i32.sub'));
    await next(2);
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'WC4005' }, changed: [p.path('parts/more/deep/ops2.wat')] });
  });

  it('ignores what it writes, and stops when closed', async () => {
    await start(await p.writeConfig({ output: 'app.wasm', artifacts: { wit: true } }));
    ok(results[0]);
    // Its own output (next to the inputs) does not trigger a build.
    await new Promise((r) => setTimeout(r, 300));
    expect(results).toHaveLength(1);
    await watcher!.close();
    await writeFile(p.path('ops.wat'), opsWat('i32.mul'));
    await new Promise((r) => setTimeout(r, 300));
    expect(results).toHaveLength(1);
  });
});

describe('wcompose build --watch', () => {
  it('prints a line per build, rebuilds on a change, and stops cleanly on SIGINT', async () => {
    requireBuiltCli();
    await p.writeConfig();
    const cli = spawnCli(['build', '--watch'], p.dir);
    try {
      const composed = (): string[] => cli.stdout().split('\n').filter((l) => l.includes('composed'));
      await waitFor(() => composed().length >= 1, 10_000, 'the first "composed" line');
      expect(composed()[0]).toMatch(/^\[\d\d:\d\d:\d\d\] composed 2 instances → .*app\.wasm \(\d+ bytes\) in \d+ ms$/);
      await writeFile(p.path('app.wat'), `${await readFile(p.path('app.wat'), 'utf8')};; touched\n`);
      await waitFor(() => composed().length >= 2, 10_000, 'the second "composed" line');
      expect(composed()[1]).toMatch(/^\[\d\d:\d\d:\d\d\] app\.wat changed: composed 2 instances → /);
      cli.child.kill('SIGINT');
      expect(await cli.exited).toBe(0);
      expect(cli.stderr()).toBe('watching for changes (ctrl-c to stop)\n');
    } finally {
      cli.child.kill('SIGKILL');
    }
  });
});
