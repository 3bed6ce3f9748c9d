/** `wcompose check`, run as a user would (the built CLI, in a child process). */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_0_2_3_WORLD, TOOL_WORLD, WASI_0_2_12, componentForWorld, tempDir, witFolder } from './check-helpers.js';
import { runCli } from './support/cli.js';
import { PROJECT_ROOT } from './support/paths.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let app: string;
let tool: string;

beforeAll(async () => {
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'cli', 'commands', 'check.js'))) {
    throw new Error('the CLI is not built: run `npm run build` first');
  }
  tmp = await tempDir();
  app = join(tmp.path, 'app.wasm');
  tool = join(tmp.path, 'tool.wasm');
  await writeFile(app, await componentForWorld(await witFolder(APP_0_2_3_WORLD, tmp.path), 'app'));
  await writeFile(tool, await componentForWorld(await witFolder(TOOL_WORLD, tmp.path), 'tool'));
});

afterAll(() => tmp?.remove());

describe('wcompose check', () => {
  it('exits 0 when the component targets the world', async () => {
    const r = await runCli(['check', app, '--wit', WASI_0_2_12, '--world', 'command']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`ok: ${app} targets world command\n`);
    expect(r.stderr).toBe('');
  });

  it('exits 1 and lists every offending import and export with its reason chain and a hint', async () => {
    const r = await runCli(['check', tool, '--wit', WASI_0_2_12, '--world', 'command']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      `${tool} does not target world command: 2 problems`,
      '  ✗ demo:tool/custom@0.1.0: imported by the component, but the world does not provide it [WC3001]',
      expect.stringMatching(/^ {4}hint: the target must provide every import/),
      '  ✗ wasi:cli/run@0.2.12: required by the world, but the component does not export it [WC3002]',
      expect.stringMatching(/^ {4}hint: a component or interface must export everything/),
      '',
    ]);
  });

  it('--json prints one document { ok, findings }', async () => {
    const r = await runCli(['check', tool, '--wit', WASI_0_2_12, '--world', 'command', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { ok: boolean; findings: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(['ok', 'findings']);
    expect(doc.ok).toBe(false);
    expect(doc.findings).toEqual([
      {
        code: 'WC3001',
        path: ['demo:tool/custom@0.1.0'],
        message: 'imported by the component, but the world does not provide it',
        hint: expect.any(String),
      },
      {
        code: 'WC3002',
        path: ['wasi:cli/run@0.2.12'],
        message: 'required by the world, but the component does not export it',
        hint: expect.any(String),
      },
    ]);
    const ok = await runCli(['check', app, '--wit', WASI_0_2_12, '--world', 'command', '--json']);
    expect([ok.code, JSON.parse(ok.stdout)]).toEqual([0, { ok: true, findings: [] }]);
  });

  it('prints type mismatches with both types as WIT', async () => {
    const wit = join(tmp.path, 'greeter.wit');
    await writeFile(wit, 'package demo:app@0.1.0;\ninterface greeter { greet: func(name: string) -> string; }\nworld w { export greeter; }\n');
    const built = join(tmp.path, 'built.wit');
    await writeFile(built, 'package demo:app@0.1.2;\ninterface greeter { greet: func(name: u32) -> string; }\nworld w { export greeter; }\n');
    const component = join(tmp.path, 'greeter.wasm');
    await writeFile(component, await componentForWorld(built, 'w'));
    const r = await runCli(['check', component, '--wit', wit, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      findings: [
        {
          code: 'WC3006',
          path: ['demo:app/greeter@0.1.0', 'greet', 'parameter "name"'],
          message: 'expected string, found u32',
          expected: 'string',
          found: 'u32',
          hint: expect.any(String),
        },
      ],
    });
  });

  it('reports a WIT problem as one line on stderr, exit 1 (or as JSON with --json)', async () => {
    const r = await runCli(['check', app, '--wit', WASI_0_2_12, '--world', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `error: ${WASI_0_2_12}: World \`nope\` not found in package \`wasi:cli@0.2.12\` [WC2102]\n` +
        '  hint: name the world with --world <name> (a name in the package, or `namespace:package/world`)\n',
    );
    const json = await runCli(['check', app, '--wit', WASI_0_2_12, '--world', 'nope', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, findings: [], error: { code: 'WC2102' } });
  });

  it('needs --wit (a usage error, exit 2)', async () => {
    const r = await runCli(['check', app]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--wit <path>/);
  });

  it('reports a component file that cannot be read', async () => {
    const r = await runCli(['check', join(tmp.path, 'missing.wasm'), '--wit', WASI_0_2_12, '--world', 'command']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing\.wasm: cannot read file: no such file \[WC9001\]/);
  });
});
