/**
 * The invalid-output class closed: every socket × plug pair the composition fixtures allow (fixtures/wat/compose and
 * the example) is composed in memory, and wcompose's validator (which `compose` runs on every output) and jco must
 * agree that each output is valid. A pair that does not fit is a diagnostic, never an output.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compose } from '../src/api/compose.js';
import { isWcomposeError } from '../src/diagnostics/error.js';
import type { ComponentInput } from '../src/graph/model.js';
import { decodeComponent } from '../src/types/decode.js';
import { InvalidOutputError } from '../src/validate/index.js';
import { buildComposeWat, composeWatFixtureNames } from './support/fixtures.js';
import { validateComponent as jcoValidate } from './support/jco.js';
import { FIXTURES_DIR } from './support/paths.js';
import { parseWat } from './support/wasm-tools.js';

async function inputs(): Promise<ComponentInput[]> {
  const out: ComponentInput[] = [];
  const add = (name: string, bytes: Uint8Array): void => {
    out.push({ name, file: `${name}.wasm`, bytes, type: decodeComponent(bytes) });
  };
  for (const n of composeWatFixtureNames()) add(n, await buildComposeWat(n));
  for (const n of ['app', 'logger-stdout']) add(n, await parseWat(await readFile(join(FIXTURES_DIR, 'example', `${n}.wat`), 'utf8')));
  return out;
}

describe('every fixture pair wcompose composes is valid, to its validator and to jco', () => {
  it('socket × plug over fixtures/wat/compose and the example', async () => {
    const all = await inputs();
    let composed = 0;
    let refused = 0;
    let linked = 0;
    const invalid: string[] = [];
    for (const socket of all) {
      for (const plugged of all) {
        if (plugged === socket) continue;
        let bytes: Uint8Array;
        let plan;
        try {
          ({ bytes, plan } = compose({
            components: [socket, plugged],
            instances: [socket, plugged].map((c) => ({ name: c.name, component: c.name, with: {} })),
            exports: [{ instance: socket.name }],
          }));
        } catch (e) {
          if (e instanceof InvalidOutputError) {
            invalid.push(`${socket.name} ← ${plugged.name}: ours: ${e.message}`);
            continue;
          }
          if (!isWcomposeError(e)) throw e;
          refused++;
          continue;
        }
        composed++;
        if (plan.instances.some((i) => i.args.some((a) => a.source.kind !== 'import'))) linked++;
        try {
          await jcoValidate(bytes);
        } catch (e) {
          invalid.push(`${socket.name} ← ${plugged.name}: jco: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    console.log(`composed ${composed} pairs (${linked} where the plug fills an import), ${refused} refused with a diagnostic; all valid to both`);
    expect(invalid).toEqual([]);
    expect(composed).toBeGreaterThanOrEqual(100);
    expect(linked).toBeGreaterThanOrEqual(10);
  }, 300_000);
});
