/**
 * The command line as machines and people see it: `--json` on build, check, plug and inspect (one document on
 * stdout, for success and failure), exit codes (0 ok, 1 a problem in the inputs, 2 usage), the one-line error form,
 * and colours (FORCE_COLOR / NO_COLOR).
 */
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { OPS_WIT, dxProject, requireBuiltCli, spawnCli, type DxProject } from './dx-support.js';

let p: DxProject;

beforeAll(async () => {
  requireBuiltCli();
  p = await dxProject();
  await writeFile(p.path('ops.wit'), OPS_WIT);
});

afterAll(() => p?.remove());

/** Parses stdout as exactly one JSON document (anything else on stdout fails the test). */
function json(stdout: string): Record<string, unknown> {
  expect(stdout.endsWith('}\n')).toBe(true);
  return JSON.parse(stdout) as Record<string, unknown>;
}

const errorShape = {
  code: expect.stringMatching(/^WC\d{4}$/),
  message: expect.any(String),
  file: expect.toSatisfy((v: unknown) => v === null || typeof v === 'string'),
  offset: expect.toSatisfy((v: unknown) => v === null || typeof v === 'number'),
  path: expect.any(Array),
  hint: expect.any(String),
};

describe.concurrent('--json', () => {
  it('build: { ok: true, output, size, instances, imports, exports, artifacts }, exit 0', async () => {
    await p.writeConfig({ output: 'out/json.wasm' }, 'json.config.mjs');
    const r = await runCli(['build', '--json', '-c', 'json.config.mjs'], { cwd: p.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc).toEqual({
      ok: true,
      output: p.path('out/json.wasm'),
      size: (await p.read('out/json.wasm')).length,
      configFile: p.path('json.config.mjs'),
      instances: [{ name: 'ops', component: 'ops' }, { name: 'app', component: 'app' }],
      imports: [],
      exports: ['demo:math/app@0.1.0'],
      artifacts: [],
      warnings: [],
    });
  });

  it('build: { ok: false, error: { code, message, file, offset, path, hint } }, exit 1, nothing on stderr', async () => {
    await p.writeConfig({ components: [p.path('app.wat')], imports: 'none' }, 'open.config.mjs');
    const [r, missing] = await Promise.all([
      runCli(['build', '--json', '-c', 'open.config.mjs', '-o', 'never.wasm'], { cwd: p.dir }),
      runCli(['build', '--json', '-c', 'nope.config.ts'], { cwd: p.dir }),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const doc = json(r.stdout);
    expect(Object.keys(doc)).toEqual(['ok', 'error']);
    expect(doc.ok).toBe(false);
    expect(doc.error).toEqual({ ...errorShape, code: 'WC4010', file: p.path('open.config.mjs') });
    expect(await p.files()).not.toContain('never.wasm');

    expect(missing.code).toBe(1);
    expect(json(missing.stdout)).toEqual({
      ok: false,
      error: { code: 'WC4101', message: 'config file not found', file: p.path('nope.config.ts'), offset: null, path: [], hint: expect.any(String) },
    });
  });

  it('plug: success and failure', async () => {
    const [ok, bad] = await Promise.all([
      runCli(['plug', 'app.wat', '--plug', 'ops.wat', '-o', 'plugged.wasm', '--json'], { cwd: p.dir }),
      runCli(['plug', 'app.wat', '--plug', 'missing.wasm', '-o', 'x.wasm', '--json'], { cwd: p.dir }),
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(json(ok.stdout)).toEqual({
      ok: true,
      output: p.path('plugged.wasm'),
      size: (await p.read('plugged.wasm')).length,
      instances: [{ name: 'ops', component: 'ops' }, { name: 'socket', component: 'socket' }],
      imports: [],
      exports: ['demo:math/app@0.1.0'],
      warnings: [],
    });

    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('');
    expect(json(bad.stdout)).toEqual({ ok: false, error: { ...errorShape, code: 'WC9001', file: p.path('missing.wasm') } });
  });

  it('inspect: success and failure', async () => {
    await writeFile(p.path('core.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    const [ok, bad] = await Promise.all([
      runCli(['inspect', 'ops.wat', '--json'], { cwd: p.dir }),
      runCli(['inspect', 'core.wasm', '--json'], { cwd: p.dir }),
    ]);
    expect(ok.code).toBe(0);
    const doc = json(ok.stdout);
    expect(doc).toMatchObject({ ok: true, file: 'ops.wat', imports: [], exports: [{ name: 'demo:math/ops@0.1.0', kind: 'instance' }] });

    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('');
    expect(json(bad.stdout)).toEqual({ ok: false, error: { ...errorShape, code: 'WC1003', file: 'core.wasm', offset: expect.any(Number) } });
  });

  it('check: a component against a world, and a whole config', async () => {
    await p.writeConfig({ output: 'out/check.wasm' }, 'check.config.mjs');
    const [ok, findings, unreadable, config, noConfig] = await Promise.all([
      runCli(['check', 'ops.wat', '--wit', 'ops.wit', '--world', 'provider', '--json'], { cwd: p.dir }),
      runCli(['check', 'app.wat', '--wit', 'ops.wit', '--world', 'provider', '--json'], { cwd: p.dir }),
      runCli(['check', 'missing.wasm', '--wit', 'ops.wit', '--json'], { cwd: p.dir }),
      runCli(['check', '-c', 'check.config.mjs', '--json'], { cwd: p.dir }),
      runCli(['check', '-c', 'nope.mjs', '--json'], { cwd: p.dir }),
    ]);
    expect(ok.code).toBe(0);
    expect(json(ok.stdout)).toEqual({ ok: true, findings: [] });

    expect(findings.code).toBe(1);
    expect(json(findings.stdout)).toMatchObject({ ok: false, findings: [{ code: 'WC3001' }, { code: 'WC3002' }] });

    expect(unreadable.code).toBe(1);
    expect(json(unreadable.stdout)).toEqual({ ok: false, findings: [], error: { ...errorShape, code: 'WC9001' } });

    expect(config.code).toBe(0);
    expect(json(config.stdout)).toEqual({ ok: true, findings: [], warnings: [] });

    expect(noConfig.code).toBe(1);
    expect(noConfig.stderr).toBe('');
    expect(json(noConfig.stdout)).toEqual({ ok: false, findings: [], error: { ...errorShape, code: 'WC4101' } });
  });
});

describe.concurrent('exit codes and the one-line error form', () => {
  it('2 for a usage mistake (with or without --json), stdout empty', async () => {
    const calls = [['build', '--no-such-flag'], ['build', '--json', '--watch'], ['check', 'x.wasm', '--json'], ['frobnicate']];
    const results = await Promise.all(calls.map((args) => runCli(args, { cwd: p.dir })));
    for (const [i, r] of results.entries()) {
      const args = calls[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(/^error: /);
    }
  });

  it('1 for a problem in the inputs: `error: <file>: <path chain>: <message> [WCxxxx]`, then `  hint: …`', async () => {
    await p.writeConfig({ autoPlug: 'yes' as unknown as boolean }, 'bad.config.mjs');
    const r = await runCli(['build', '-c', 'bad.config.mjs'], { cwd: p.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      `error: ${p.path('bad.config.mjs')}: autoPlug: Invalid input: expected boolean, received string [WC4103]`,
      expect.stringMatching(/^ {2}hint: \S/),
      '',
    ]);
  });

  it('0 with one line on stdout', async () => {
    await p.writeConfig();
    const r = await runCli(['build'], { cwd: p.dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`composed 2 instances → ${p.path('out/app.wasm')} (${(await p.read('out/app.wasm')).length} bytes)\n`);
  });
});

describe.concurrent('colours', () => {
  // eslint-disable-next-line no-control-regex
  const ansi = /\x1b\[\d+(;\d+)*m/g;
  const run = async (env: Record<string, string>): Promise<{ code: number | null; stderr: string }> => {
    const cli = spawnCli(['inspect', 'missing.wasm'], p.dir, env);
    return { code: await cli.exited, stderr: cli.stderr() };
  };
  const plain = 'error: missing.wasm: cannot read file: no such file [WC9001]\n  hint: check the path\n';

  it('FORCE_COLOR=1 colours the error; without the colours it is the plain text', async () => {
    const coloured = await run({ FORCE_COLOR: '1' });
    expect(coloured.code).toBe(1);
    expect(coloured.stderr).toMatch(ansi);
    expect(coloured.stderr.replace(ansi, '')).toBe(plain);
  });

  it('NO_COLOR=1 gives plain text; so does a stream that is not a terminal', async () => {
    const [noColor, piped] = await Promise.all([run({ NO_COLOR: '1' }), run({})]);
    expect(noColor).toEqual({ code: 1, stderr: plain });
    expect(piped).toEqual({ code: 1, stderr: plain });
  });
});
