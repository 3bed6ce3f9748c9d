/**
 * `check` on real worlds: does a component target `wasi:cli/command` of WASI 0.2.12 (loaded from WIT files with
 * their deps/)?
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/api/check.js';
import { formatFinding } from '../src/check/finding.js';
import { decodeComponent } from '../src/types/decode.js';
import { APP_0_2_3_WORLD, TOOL_WORLD, WASI_0_2_12, componentForWorld, tempDir, witFolder } from './check-helpers.js';
import { buildJs } from './support/fixtures.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let app: string;
let tool: string;

beforeAll(async () => {
  tmp = await tempDir();
  app = join(tmp.path, 'app.wasm');
  tool = join(tmp.path, 'tool.wasm');
  await writeFile(app, await componentForWorld(await witFolder(APP_0_2_3_WORLD, tmp.path), 'app'));
  await writeFile(tool, await componentForWorld(await witFolder(TOOL_WORLD, tmp.path), 'tool'));
});

afterAll(() => tmp.remove());

describe('check against wasi:cli/command@0.2.12', () => {
  it('a component built for wasi:cli 0.2.3 targets the 0.2.12 command world', async () => {
    const type = decodeComponent(new Uint8Array(await readFile(app)));
    // It really is a 0.2.3 component …
    expect([...type.imports.keys()]).toContain('wasi:io/streams@0.2.3');
    expect([...type.exports.keys()]).toEqual(['wasi:cli/run@0.2.3']);
    // … and it fits.
    const result = await check({ component: app, wit: WASI_0_2_12, world: 'command' });
    expect(result.findings).toEqual([]);
    expect(result.ok).toBe(true);
    expect([...result.world.exports.keys()]).toEqual(['wasi:cli/run@0.2.12']);
  });

  it('the world can be named with its package', async () => {
    const result = await check({ component: app, wit: WASI_0_2_12, world: 'wasi:cli/command@0.2.12' });
    expect(result.ok).toBe(true);
  });

  it('a component exporting a plain function and importing its own interface does not', async () => {
    const result = await check({ component: tool, wit: WASI_0_2_12, world: 'command' });
    expect(result.ok).toBe(false);
    expect(result.findings.map(formatFinding)).toEqual([
      'demo:tool/custom@0.1.0: imported by the component, but the world does not provide it',
      'wasi:cli/run@0.2.12: required by the world, but the component does not export it',
    ]);
    expect(result.findings.map((f) => f.code)).toEqual(['WC3001', 'WC3002']);
  });

  it('interfaces of an incompatible version are named with the versions the world has', async () => {
    const world = APP_0_2_3_WORLD.replaceAll('@0.2.3', '@0.3.0');
    const bytes = await componentForWorld(await witFolder(world, tmp.path, '0.3.0'), 'app');
    const result = await check({ component: bytes, wit: WASI_0_2_12, world: 'command' });
    expect(result.findings.map(formatFinding)).toEqual([
      'wasi:cli/environment@0.3.0: imported by the component, but the world provides only wasi:cli/environment@0.2.12',
      'wasi:io/error@0.3.0: imported by the component, but the world provides only wasi:io/error@0.2.12',
      'wasi:io/poll@0.3.0: imported by the component, but the world provides only wasi:io/poll@0.2.12',
      'wasi:io/streams@0.3.0: imported by the component, but the world provides only wasi:io/streams@0.2.12',
      'wasi:cli/stdout@0.3.0: imported by the component, but the world provides only wasi:cli/stdout@0.2.12',
      'wasi:cli/stderr@0.3.0: imported by the component, but the world provides only wasi:cli/stderr@0.2.12',
      'wasi:clocks/wall-clock@0.3.0: imported by the component, but the world provides only wasi:clocks/wall-clock@0.2.12',
      'wasi:clocks/monotonic-clock@0.3.0: imported by the component, but the world provides only wasi:clocks/monotonic-clock@0.2.12',
      'wasi:filesystem/types@0.3.0: imported by the component, but the world provides only wasi:filesystem/types@0.2.12',
      'wasi:filesystem/preopens@0.3.0: imported by the component, but the world provides only wasi:filesystem/preopens@0.2.12',
      'wasi:random/random@0.3.0: imported by the component, but the world provides only wasi:random/random@0.2.12',
      'wasi:cli/run@0.2.12: required by the world, but the component exports only wasi:cli/run@0.3.0',
    ]);
    expect(new Set(result.findings.map((f) => f.code))).toEqual(new Set(['WC3004']));
  });

  it('the componentize-js cli fixture (imports WASI 0.2.12, exports run@0.2.3) targets it too', async () => {
    const bytes = await buildJs('cli');
    const result = await check({ component: bytes, wit: WASI_0_2_12, world: 'command' });
    expect(result.findings.map(formatFinding)).toEqual([]);
  });

  it('wasi:cli/imports has no exports to cover, but also no run for a command to need', async () => {
    const result = await check({ component: app, wit: WASI_0_2_12, world: 'imports' });
    expect(result.ok).toBe(true);
  });
});
