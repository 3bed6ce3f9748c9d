import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plug } from '../src/api/plug.js';
import { runCli } from './support/cli.js';
import { PROJECT_ROOT } from './support/paths.js';

const unrelated = join(PROJECT_ROOT, 'fixtures/wat/compose/upper.wat');
const outFile = (): string => join(mkdtempSync(join(tmpdir(), 'wcompose-plug-')), 'out.wasm');

describe('wcompose plug, as wac plug', () => {
  it('leaves out a plug that fills nothing', async () => {
    const out = outFile();
    const result = await plug({
      socket: 'fixtures/example/app.wat',
      plugs: ['fixtures/example/logger-stdout.wat', unrelated],
      output: out,
      cwd: PROJECT_ROOT,
    });
    expect(result.plan.instances.map((i) => i.name)).toEqual(['logger-stdout', 'socket']);
    expect(existsSync(out)).toBe(true);
  });

  it('rejects plugs of which none fills anything, and writes no file', async () => {
    const out = outFile();
    const result = await runCli(['plug', 'fixtures/example/app.wat', '--plug', unrelated, '-o', out], { cwd: PROJECT_ROOT });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${join(PROJECT_ROOT, 'fixtures/example/app.wat')}: no plug fills an import of the socket [WC4014]`);
    expect(result.stderr).toContain('hint: the socket imports "demo:log/logger@0.1.0"; upper exports "demo:text/transform@0.1.0"');
    expect(existsSync(out)).toBe(false);
  });
});
