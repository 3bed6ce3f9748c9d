/**
 * Issue 10, finding 5: merging two same-named leftover imports is sound only if what they `use` merges too. The
 * socket's wasi:io/streams uses the resource of an import a bit flip renamed (wasi:io/arror), the plug's that of the
 * real wasi:io/error: merged, one resource would come from two imports (jco: "resource types are not the same").
 * wcompose reports the conflict (WC4016) and writes nothing; the same pair without the rename composes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { checkComposition } from '../src/api/check-composition.js';
import { plug } from '../src/api/plug.js';
import { isWcomposeError } from '../src/diagnostics/error.js';
import { decodeComponent } from '../src/types/decode.js';
import { runCli } from './support/cli.js';
import { tempProject } from './support/compose.js';
import { FIXTURES_DIR } from './support/paths.js';
import { validateComponent } from './support/jco.js';

const MESSAGE =
  'import "wasi:io/streams@0.2.3" of instance "socket" and import "wasi:io/streams@0.2.3" of instance "plug" would merge ' +
  'into one, but they use resource "error" from different imports: "wasi:io/arror@0.2.3" of instance "socket" and ' +
  '"wasi:io/error@0.2.3" of instance "plug"';

function project() {
  return tempProject({ socket: { wat: 'renamed-use-socket' }, plug: { wat: 'renamed-use-plug' } });
}

describe('merged imports whose used resources do not merge', () => {
  it('plug: WC4016 naming both users and both sources; no output', async () => {
    const p = await project();
    const error = await plug({ socket: p.path('socket.wasm'), plugs: [p.path('plug.wasm')], output: p.path('out.wasm') }).catch((e: unknown) => e);
    if (!isWcomposeError(error)) throw error;
    expect(error.code).toBe('WC4016');
    expect(error.message).toBe(MESSAGE);
    expect(p.exists('out.wasm')).toBe(false);

    const cli = await runCli(['plug', 'socket.wasm', '--plug', 'plug.wasm', '-o', 'out.wasm', '--json'], { cwd: p.dir });
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false, error: { code: 'WC4016', message: MESSAGE } });
    expect(await p.files()).toEqual(['plug.wasm', 'socket.wasm']);
  });

  it('build and check --config report the same', async () => {
    const p = await project();
    const config = await p.writeConfig({ components: ['socket.wasm', 'plug.wasm'], exports: ['socket'] });
    const error = await build({ cwd: p.dir }).catch((e: unknown) => e);
    if (!isWcomposeError(error)) throw error;
    expect([error.code, error.file, error.message]).toEqual(['WC4016', config, MESSAGE]);
    expect(p.exists('composed.wasm')).toBe(false);

    const checked = await checkComposition({ cwd: p.dir });
    expect(checked.ok).toBe(false);
    expect(checked.findings.map((f) => [f.code, f.message])).toEqual([['WC4016', MESSAGE]]);
    const cli = await runCli(['check'], { cwd: p.dir });
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`${MESSAGE} [WC4016]`);
  });

  it('without the rename, the streams imports merge, with one error resource; valid', async () => {
    const p = await project();
    const socket = (await readFile(join(FIXTURES_DIR, 'wat/compose/renamed-use-socket.wat'), 'utf8')).replaceAll('wasi:io/arror', 'wasi:io/error');
    await writeFile(p.path('fixed.wat'), socket);
    const { plan } = await plug({ socket: p.path('fixed.wat'), plugs: [p.path('plug.wasm')], output: p.path('out.wasm') });
    expect(plan.imports.map((i) => `${i.name} ← ${i.users.map((u) => u.instance).join(', ')}`)).toEqual([
      'wasi:io/error@0.2.3 ← plug, socket',
      'wasi:io/streams@0.2.3 ← plug, socket',
    ]);
    const bytes = await p.read('out.wasm');
    await validateComponent(bytes);
    expect([...decodeComponent(bytes).imports.keys()]).toEqual(['wasi:io/error@0.2.3', 'wasi:io/streams@0.2.3']);
  });

  it('users that link a resource differently: the merged interface keeps the use (valid) or, if it cannot, WC4016', async () => {
    const p = await tempProject({ socket: { wat: 'linked-use-socket' }, plug: { wat: 'declared-plug' } });
    // One version: the socket's foo (which uses bar's r) is the merged foo; the plug's foo accepts that r.
    const { plan } = await plug({ socket: p.path('socket.wasm'), plugs: [p.path('plug.wasm')], output: p.path('out.wasm') });
    expect(plan.imports.map((i) => i.name)).toEqual(['demo:d/bar@0.1.0', 'demo:d/foo@0.1.0']);
    await validateComponent(await p.read('out.wasm'));

    // The declaring plug at a higher version: its foo is the merged one, and bar would define r too.
    const source = await readFile(join(FIXTURES_DIR, 'wat/compose/declared-plug.wat'), 'utf8');
    await writeFile(p.path('newer.wat'), source.replaceAll('demo:d/foo@0.1.0', 'demo:d/foo@0.1.1'));
    const error = await plug({ socket: p.path('socket.wasm'), plugs: [p.path('newer.wat')], output: p.path('bad.wasm') }).catch((e: unknown) => e);
    if (!isWcomposeError(error)) throw error;
    expect(error.code).toBe('WC4016');
    expect(error.message).toBe(
      'imports "demo:d/foo@0.1.1" (of instances "newer", "socket") and "demo:d/bar@0.1.0" (of instance "socket") would ' +
        'both define resource "r": their users link it differently (one declares it in an interface, another uses it from another interface)',
    );
    expect(p.exists('bad.wasm')).toBe(false);
  });
});

