/**
 * WAC's nested access (`n.outer.inner.g`) in compose.config.ts: `path` inside an instance export, for arguments and
 * exports. The config and the WAC document that say the same thing compose to the same bytes.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { isWcomposeError } from '../src/diagnostics/error.js';
import { jcoWit, normalizeWit } from './support/jco.js';
import { PROJECT_ROOT } from './support/paths.js';

const deps = join(PROJECT_ROOT, 'fixtures', 'wac', 'deps');
const components = { nested: join(deps, 't', 'nested.wat'), two: join(deps, 't', 'two.wat') };

describe('config: exports inside instance exports (path)', () => {
  it('as arguments and as exports, the same bytes as the WAC document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-config-path-'));
    const fromConfig = await build({
      config: {
        components,
        instances: {
          n: { component: 'nested' },
          c: {
            component: 'two',
            with: {
              't:iface/a@0.1.0': { instance: 'n', export: 'outer', path: ['t:iface/a@0.1.0'] },
              g: { instance: 'n', export: 'outer', path: ['inner', 'g'] },
            },
          },
        },
        exports: [{ instance: 'c', export: 'out' }, { instance: 'n', export: 'outer', path: ['inner'], as: 'inner2' }, { instance: 'n', export: 'outer', path: ['inner', 'g'], as: 'g3' }],
        output: join(dir, 'config.wasm'),
      },
    });
    const bytes = new Uint8Array(readFileSync(fromConfig.output));
    expect(normalizeWit(await jcoWit(bytes))).toBe(
      normalizeWit('package root:component; world root { export out: func(); export inner2: interface { f: func(); g: func(); } export g3: func(); }'),
    );
    writeFileSync(join(dir, 'app.wac'), `package test:nested;
let n = new t:nested {};
let c = new t:two { a: n.outer.a, g: n.outer.inner.g };
export c.out;
export n.outer.inner as "inner2";
export n.outer.inner.g as "g3";`);
    const fromWac = await build({ config: join(dir, 'app.wac'), depsDir: deps, output: join(dir, 'wac.wasm') });
    expect(Buffer.compare(readFileSync(fromWac.output), bytes)).toBe(0);
  }, 60_000);

  it('a step that is not there is WC4004, naming the path walked, and nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-config-path-bad-'));
    const error = await build({
      config: {
        components,
        instances: { n: { component: 'nested' }, c: { component: 'two', with: { g: { instance: 'n', export: 'outer', path: ['inner', 'h'] } } } },
        output: join(dir, 'out.wasm'),
      },
      cwd: dir,
    }).then(() => undefined, (e: unknown) => e);
    expect(isWcomposeError(error) && error.code).toBe('WC4004');
    expect((error as Error).message).toMatch(/export "outer\.inner" of instance "n" has no export "h" — did you mean "[fg]"\?/);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});
