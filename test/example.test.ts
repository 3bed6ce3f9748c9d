import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { PROJECT_ROOT } from './support/paths.js';

const run = promisify(execFile);

describe('the bundled example (the README quick start)', () => {
  it('composes with `wcompose build`, targets wasi:cli/command once composed, and runs on Node', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wcompose-example-')), 'example.wasm');
    const built = await runCli(['build', '-o', out], { cwd: PROJECT_ROOT });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/^composed 2 instances → .*example\.wasm \(\d+ bytes\)\n$/);
    expect(existsSync(out)).toBe(true);

    const { stdout } = await run(process.execPath, ['scripts/run-example.mjs', out], { cwd: PROJECT_ROOT });
    expect(stdout).toContain('imports: demo:log/logger@0.1.0');
    expect(stdout).toContain('targets wasi:cli/command@0.2.12: no (demo:log/logger@0.1.0: imported by the component');
    expect(stdout).toContain('imports: wasi:io/error@0.2.3, wasi:io/streams@0.2.3, wasi:cli/stdout@0.2.3');
    expect(stdout).toContain('targets wasi:cli/command@0.2.12: yes');
    expect(stdout).toMatch(
      /\[log\] Hello from a component written against demo:log\/logger\.\n\[log\] wcompose plugged in a logger built on wasi:cli\/stdout\.\n$/,
    );
  });
});
