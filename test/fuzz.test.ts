/**
 * Issue 10: the fuzzer, in a short seeded run (about half a minute) as part of the suite; `npm run fuzz` runs it for
 * as long as asked. Mutants of every fixture go through `inspect` and `plug`; none may crash, hang, write on failure,
 * or make a plug output that jco rejects.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPatch, mutant } from '../fuzz/mutate.mjs';
import { badFindings, minimize, runFuzz } from '../fuzz/run.mjs';

describe('the fuzzer', () => {
  it('makes the same mutants from the same seed, and others from another', () => {
    const corpus = [{ name: 'a', bytes: Uint8Array.from([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 7, 3, 1, 0x70, 0x7d]) }];
    const bytes = (seed: number, i: number): string => {
      const m = mutant(seed, 1, i, corpus);
      if (m.bytes !== undefined) return Buffer.from(m.bytes).toString('hex');
      const copy = Uint8Array.from(m.entry.bytes);
      applyPatch(copy, m.patch!);
      return Buffer.from(copy).toString('hex');
    };
    const first = Array.from({ length: 50 }, (_, i) => bytes(7, i));
    expect(Array.from({ length: 50 }, (_, i) => bytes(7, i))).toEqual(first);
    expect(Array.from({ length: 50 }, (_, i) => bytes(8, i))).not.toEqual(first);
    expect(corpus[0]!.bytes).toEqual(Uint8Array.from([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 7, 3, 1, 0x70, 0x7d]));
  });

  it('minimizes a crashing input while it still crashes the same way', () => {
    const input = Uint8Array.from([...Array(8).fill(1), ...Array(200).fill(0), 0xee, ...Array(100).fill(0)]);
    const out = minimize(input, (b) => b.includes(0xee));
    expect(out.length).toBe(9);
    expect([...out]).toContain(0xee);
  });

  it('a short seeded run: no crash, no hang over 2 s, nothing written on failure, no plug output jco rejects', async () => {
    const out = await mkdtemp(join(tmpdir(), 'wcompose-fuzz-test-'));
    try {
      const summary = await runFuzz({ seed: 20261203, timeSeconds: 30, workers: 2, inspect: 40_000, plug: 800, out, log: () => {} });
      expect(badFindings(summary)).toEqual([]);
      expect(summary.totals.inspect).toBeGreaterThan(1000);
      expect(summary.totals.plug).toBeGreaterThan(20);
      // Every successful plug output was checked by jco; diagnostics of many kinds were reached.
      const c = summary.counts.plug;
      expect(c['jco-checked']).toBe((c['ok'] ?? 0) + (c['invalid-output'] ?? 0) + (c['invalid-output-of-invalid-input'] ?? 0));
      expect(Object.keys(summary.counts.inspect).filter((k) => k.startsWith('WC')).length).toBeGreaterThan(5);
      expect(summary.saved).toEqual([]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 240_000);
});
