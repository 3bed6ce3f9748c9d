/**
 * The validator's oracle is jco (wasmparser): on seeded mutants of the fixtures (bit flips, LEB128 bytes, truncations,
 * sections duplicated, dropped or swapped), wcompose's validator and jco must give the same accept/reject verdict at
 * the component layer.
 *
 * Out of the comparison, and counted apart:
 * - mutants that only changed bytes inside an embedded core module's body: they break core code or core types, which
 *   wcompose embeds verbatim and does not validate (wasmparser does, so jco rejects what we accept);
 * - mutants jco refuses for a reason that is not validation (its WIT decoder cannot describe a valid component, or it
 *   traps): their message carries no `(at offset …)`.
 *
 * `npm test` runs WCOMPOSE_MUTANTS (default 1500) mutants; `npm run test:mutants` runs many more.
 */
import { describe, expect, it } from 'vitest';
import { validateComponent } from '../src/validate/index.js';
import { buildComposeWat, buildWat, composeWatFixtureNames, watFixtureNames } from './support/fixtures.js';
import { coreBodies, mutate, seededRandom } from './support/mutants.js';
import { parseWat } from './support/wasm-tools.js';
import { validateComponent as jcoValidate } from './support/jco.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURES_DIR } from './support/paths.js';

const COUNT = Number(process.env['WCOMPOSE_MUTANTS'] ?? 1500);
const SEED = Number(process.env['WCOMPOSE_MUTANT_SEED'] ?? 0x5eed);

type Verdict = 'accept' | 'reject' | 'other';

async function jcoVerdict(bytes: Uint8Array): Promise<{ verdict: Verdict; message: string }> {
  try {
    await jcoValidate(bytes);
    return { verdict: 'accept', message: '' };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // wasmparser's errors end with `(at offset 0x…)`; wit-component's own (it cannot describe a valid component as
    // WIT) start with `failed to decode WIT`.
    const validation = /\(at offset 0x[0-9a-f]+\)/.test(message) && !/failed to decode WIT/.test(message);
    return { verdict: validation ? 'reject' : 'other', message };
  }
}

function ourVerdict(bytes: Uint8Array): { verdict: Verdict; message: string } {
  try {
    validateComponent(bytes);
    return { verdict: 'accept', message: '' };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (typeof err.code !== 'string' || !err.code.startsWith('WC')) throw e; // a crash is a test failure
    return { verdict: 'reject', message: `${err.code} ${err.message ?? ''}` };
  }
}

async function fixtures(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const n of watFixtureNames()) out.push({ name: n, bytes: await buildWat(n) });
  for (const n of composeWatFixtureNames()) out.push({ name: `compose/${n}`, bytes: await buildComposeWat(n) });
  for (const n of ['app', 'logger-stdout']) {
    out.push({ name: `example/${n}`, bytes: await parseWat(await readFile(join(FIXTURES_DIR, 'example', `${n}.wat`), 'utf8')) });
  }
  return out;
}

describe('validator vs jco on seeded mutants', () => {
  it(`gives jco's verdict at the component layer on ${COUNT} mutants`, async () => {
    const inputs = await fixtures();
    const bodies = new Map(inputs.map((f) => [f.name, coreBodies(f.bytes)]));
    const rand = seededRandom(SEED);
    const stats = { compared: 0, agree: 0, coreOnly: 0, jcoOther: 0, bothAccept: 0, bothReject: 0 };
    const disagreements: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const f = inputs[Math.floor(rand() * inputs.length)]!;
      const m = mutate(f.bytes, rand, bodies.get(f.name)!);
      if (m.coreOnly) {
        stats.coreOnly++;
        continue;
      }
      const jco = await jcoVerdict(m.bytes);
      if (jco.verdict === 'other') {
        stats.jcoOther++;
        continue;
      }
      const ours = ourVerdict(m.bytes);
      stats.compared++;
      if (ours.verdict === jco.verdict) {
        stats.agree++;
        if (ours.verdict === 'accept') stats.bothAccept++;
        else stats.bothReject++;
      } else {
        disagreements.push(`${f.name} ${m.what}: ours ${ours.verdict} ${ours.message} | jco ${jco.verdict} ${jco.message.split('\n').slice(1).join(' ')}`);
      }
    }
    const rate = stats.agree / stats.compared;
    console.log(`validator vs jco: ${stats.agree}/${stats.compared} agree (${(rate * 100).toFixed(2)}%); both accept ${stats.bothAccept}, both reject ${stats.bothReject}; out of scope: ${stats.coreOnly} core-only, ${stats.jcoOther} jco non-validation`);
    for (const d of disagreements.slice(0, 40)) console.log(`  ${d}`);
    expect(stats.compared).toBeGreaterThan(COUNT / 2);
    expect(rate).toBeGreaterThanOrEqual(0.99);
  }, 600_000);
});
