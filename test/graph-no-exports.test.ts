/**
 * Issue 8, item 5: a composition that exports nothing is valid (wac and wasm-compose build it). wcompose builds it
 * too, with a warning (WC4011) that the API returns, the CLI prints on stderr and `--json` lists.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { checkComposition } from '../src/api/check-composition.js';
import { diagnostics } from '../src/diagnostics/codes.js';
import { plug } from '../src/api/plug.js';
import { decodeComponent } from '../src/types/decode.js';
import { runCli } from './support/cli.js';
import { tempProject, type Project } from './support/compose.js';
import { validateComponent } from './support/jco.js';

const HINT = diagnostics.WC4011.hint;

const PLUGGED = 'the composition exports nothing: instance "socket" exports nothing';
const EMPTY = 'the composition exports nothing: its `exports` is empty';

function project(): Promise<Project> {
  return tempProject({
    quiet: { wat: 'quiet-socket' },
    caller: { wat: 'shared-types-caller' },
    callee: { wat: 'shared-types-callee' },
  });
}

interface JsonWarning {
  code: string;
  message: string;
  file: string | null;
  path: string[];
  hint: string;
}

describe('a composition that exports nothing', () => {
  it('plug (API): built, valid, with a WC4011 warning', async () => {
    const p = await project();
    const r = await plug({ socket: p.path('quiet.wasm'), plugs: [p.path('caller.wasm'), p.path('callee.wasm')], output: p.path('out.wasm') });
    expect(r.warnings.map((w) => [w.code, w.message])).toEqual([['WC4011', PLUGGED]]);
    expect(r.plan.exports).toEqual([]);
    const bytes = await p.read('out.wasm');
    await validateComponent(bytes);
    const type = decodeComponent(bytes);
    expect(type.exports.size).toBe(0);
    expect([...type.imports.keys()]).toEqual(['demo:t/types@0.1.0']);
  });

  it('plug (CLI): exit 0, the warning on stderr, and in --json', async () => {
    const p = await project();
    const text = await runCli(['plug', 'quiet.wasm', '--plug', 'caller.wasm', '--plug', 'callee.wasm', '-o', 'out.wasm'], { cwd: p.dir });
    expect(text.code).toBe(0);
    expect(text.stderr).toBe(`warning: ${PLUGGED} [WC4011]\n  hint: ${HINT}\n`);
    expect(text.stdout).toMatch(/^composed 3 instances → /);
    const json = await runCli(['plug', 'quiet.wasm', '--plug', 'caller.wasm', '--plug', 'callee.wasm', '-o', 'out2.wasm', '--json'], { cwd: p.dir });
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    const doc = JSON.parse(json.stdout) as { ok: boolean; exports: string[]; warnings: JsonWarning[] };
    expect(doc.ok).toBe(true);
    expect(doc.exports).toEqual([]);
    expect(doc.warnings.map((w) => [w.code, w.message])).toEqual([['WC4011', PLUGGED]]);
    await validateComponent(await p.read('out2.wasm'));
  });

  it('build with `exports: []`, and check --config, warn the same way; a composition with exports does not warn', async () => {
    const p = await project();
    const config = await p.writeConfig({ components: ['caller.wasm', 'callee.wasm'], exports: [] });
    const r = await build({ cwd: p.dir });
    expect(r.warnings.map((w) => [w.code, w.file])).toEqual([['WC4011', config]]);
    await validateComponent(await p.read('composed.wasm'));

    const cli = await runCli(['build', '--json'], { cwd: p.dir });
    expect(cli.code).toBe(0);
    const doc = JSON.parse(cli.stdout) as { warnings: JsonWarning[] };
    expect(doc.warnings).toEqual([{ code: 'WC4011', message: EMPTY, file: config, offset: null, path: [], hint: HINT }]);

    const checked = await checkComposition({ cwd: p.dir });
    expect(checked.ok).toBe(true);
    expect(checked.warnings.map((w) => w.code)).toEqual(['WC4011']);
    const check = await runCli(['check'], { cwd: p.dir });
    expect(check.code).toBe(0);
    expect(check.stderr).toBe(`warning: ${config}: ${EMPTY} [WC4011]\n  hint: ${HINT}\n`);
    const checkJson = await runCli(['check', '--json'], { cwd: p.dir });
    expect(JSON.parse(checkJson.stdout)).toMatchObject({ ok: true, findings: [], warnings: [{ code: 'WC4011' }] });

    const planned = await runCli(['plan'], { cwd: p.dir });
    expect(planned.code).toBe(0);
    expect(planned.stderr).toBe(`warning: ${config}: ${EMPTY} [WC4011]\n  hint: ${HINT}\n`);

    await p.writeConfig({ components: ['caller.wasm', 'callee.wasm'] });
    expect((await build({ cwd: p.dir })).warnings).toEqual([]);
    const quiet = await runCli(['build'], { cwd: p.dir });
    expect(quiet.stderr).toBe('');
    expect(JSON.parse((await runCli(['check', '--json'], { cwd: p.dir })).stdout)).toMatchObject({ ok: true, warnings: [] });
  });
});
