import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { ComponentReader } from '../src/binary/read.js';
import { decodeComponent } from '../src/types/decode.js';
import { runCli } from './support/cli.js';

const preamble = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
const dir = mkdtempSync(join(tmpdir(), 'wcompose-bad-'));

function file(name: string, bytes: Uint8Array | number[]): string {
  const path = join(dir, name);
  writeFileSync(path, Uint8Array.from(bytes));
  return path;
}

/** A deterministic pseudo-random byte string (xorshift), so the test is the same every run. */
function randomBytes(n: number, seed = 0x2545f491): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const valid = await parse(`(component
  (import "demo:x/y@1.0.0" (instance (export "f" (func (param "a" string)))))
  (core module (func (export "g")))
)`);

const cases: { name: string; bytes: () => Uint8Array | number[]; message: RegExp; offset: number | undefined }[] = [
  { name: 'empty', bytes: () => [], message: /the file is empty \[WC1001\]/, offset: 0 },
  { name: 'random', bytes: () => randomBytes(256), message: /bad magic number/, offset: 0 },
  { name: 'truncated', bytes: () => valid.subarray(0, valid.length - 20), message: /runs past the end/, offset: undefined },
  { name: 'core-module', bytes: () => [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], message: /core WebAssembly module, not a component \[WC1003\]/, offset: 4 },
  { name: 'wrong-magic', bytes: () => [0x00, 0x61, 0x73, 0x78, 0x0d, 0x00, 0x01, 0x00], message: /bad magic number \[|bad magic number:/, offset: 0 },
  { name: 'leb-overflow', bytes: () => [...preamble, 0x07, 0xff, 0xff, 0xff, 0xff, 0x7f], message: /does not fit in 32 bits \[WC1005\]/, offset: 9 },
  { name: 'section-past-end', bytes: () => [...preamble, 0x07, 0x10, 0x01, 0x00], message: /type section of 16 bytes runs past the end of its container \(2 bytes left\) \[WC1006\]/, offset: 10 },
  { name: 'unknown-section', bytes: () => [...preamble, 0x0e, 0x00], message: /unknown section id 14 \[WC1007\]/, offset: 8 },
  {
    name: 'bad-utf8',
    // An import section with one import whose name is the bytes ff fe.
    bytes: () => [...preamble, 0x0a, 0x07, 0x01, 0x00, 0x02, 0xff, 0xfe, 0x01, 0x00],
    message: /a name is not valid UTF-8 \[WC1008\]/,
    offset: 12,
  },
];

describe('bad input never crashes', () => {
  for (const c of cases) {
    it(`${c.name}: exit code 1 and a one-line message with file and offset`, async () => {
      const path = file(`${c.name}.wasm`, c.bytes());
      const result = await runCli(['inspect', path]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const [first, ...rest] = result.stderr.trimEnd().split('\n');
      expect(first).toContain(path);
      expect(first).toMatch(c.message);
      expect(first).toMatch(/at byte \d+ \(0x[0-9a-f]+\)/);
      if (c.offset !== undefined) expect(first).toContain(`at byte ${c.offset} `);
      // The rest is the hint: no stack trace.
      expect(rest.every((line) => line.startsWith('  hint: '))).toBe(true);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('a missing file: exit code 1, names the file', async () => {
    const path = join(dir, 'does-not-exist.wasm');
    const result = await runCli(['inspect', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path}: cannot read file: no such file [WC9001]`);
    expect(existsSync(path)).toBe(false);
  });

  it('every prefix of a valid component is rejected with a diagnostic, never an exception of another kind', () => {
    // A prefix that ends exactly between sections is itself a valid (smaller) component.
    const boundaries = new Set([8, ...ComponentReader.open(valid).headers.map((h) => h.end)]);
    for (let n = 0; n < valid.length; n++) {
      if (boundaries.has(n)) continue;
      const prefix = valid.subarray(0, n);
      expect(() => decodeComponent(prefix), `prefix of ${n} bytes`).toThrowError(
        expect.objectContaining({ name: 'WcomposeError' }) as Error,
      );
    }
    expect(() => decodeComponent(valid)).not.toThrow();
  });

  it('random mutations never raise anything but diagnostics', () => {
    const noise = randomBytes(4096, 7);
    for (let i = 0; i < 500; i++) {
      const mutated = Uint8Array.from(valid);
      const at = 8 + (noise[i]! * 7 + noise[i + 1]!) % (valid.length - 8);
      mutated[at] = noise[i + 2]!;
      try {
        const reader = ComponentReader.open(mutated);
        for (const h of reader.headers) reader.section(h);
        decodeComponent(mutated);
      } catch (e) {
        expect((e as Error).name, `mutation at ${at}`).toBe('WcomposeError');
      }
    }
  });
});
