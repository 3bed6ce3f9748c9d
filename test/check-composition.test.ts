/**
 * `wcompose check` with a config: every link is type-checked and every one that does not fit is reported, nothing is
 * written.
 */
import { describe, expect, it } from 'vitest';
import { checkComposition } from '../src/api/check-composition.js';
import { formatFinding } from '../src/check/finding.js';
import { runCli } from './support/cli.js';
import { tempProject } from './support/compose.js';

const GREETER = 'demo:greet/greeter@0.1.0';

describe('checking a whole composition', () => {
  it('reports every link that does not fit, not only the first', async () => {
    const p = await tempProject({ app: { js: 'app' }, 'bad-greeter': { wat: 'bad-greeter' } });
    await p.writeConfig({
      components: ['app.wasm', 'bad-greeter.wasm'],
      instances: {
        first: { component: 'app', with: { [GREETER]: 'bad-greeter' } },
        second: { component: 'app', with: { [GREETER]: 'bad-greeter' } },
      },
      exports: ['first'],
    });
    const before = await p.files();
    const result = await checkComposition({ cwd: p.dir });
    expect(result.ok).toBe(false);
    expect(result.findings.map(formatFinding)).toEqual([
      `instance "first" ← export "${GREETER}" of instance "bad-greeter" › ${GREETER} › greet › parameter "name": expected string, found u32`,
      `instance "second" ← export "${GREETER}" of instance "bad-greeter" › ${GREETER} › greet › parameter "name": expected string, found u32`,
    ]);
    expect(result.findings.map((f) => f.code)).toEqual(['WC3006', 'WC3006']);

    const cli = await runCli(['check', '--json'], { cwd: p.dir });
    expect(cli.code).toBe(1);
    const json = JSON.parse(cli.stdout) as { ok: boolean; findings: { code: string; path: string[] }[] };
    expect(json.ok).toBe(false);
    expect(json.findings.map((f) => f.path[0])).toEqual([
      `instance "first" ← export "${GREETER}" of instance "bad-greeter"`,
      `instance "second" ← export "${GREETER}" of instance "bad-greeter"`,
    ]);
    expect(await p.files()).toEqual(before);
  });

  it('passes a composition that fits, and says what it checked', async () => {
    const p = await tempProject({ app: { js: 'app' }, greeter: { js: 'greeter' } });
    await p.writeConfig({ components: ['app.wasm', 'greeter.wasm'] });
    const cli = await runCli(['check'], { cwd: p.dir });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^ok: .*compose\.config\.ts: 2 instances, 0 imports, 1 export\n$/);
  });
});
