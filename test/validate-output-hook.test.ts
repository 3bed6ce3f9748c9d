/**
 * The composed output is validated before it is written: with an emitter made faulty on purpose (its export points at
 * an instance that does not exist), `build` and `plug` fail with the internal error WC9101 and write nothing.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ComponentReader } from '../src/binary/read.js';
import { buildComposeWat } from './support/fixtures.js';

vi.mock('../src/emit/emit.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/emit/emit.js')>();
  return {
    ...original,
    // What build and plug validate and write: the emitter's chunks, before file-backed inputs become file ranges.
    emitBuffers: (plan: Parameters<typeof original.emitBuffers>[0]): Uint8Array[] => {
      const bytes = original.emit(plan);
      const exports = ComponentReader.open(bytes).headers.find((h) => h.kind === 'export')!;
      // The last export ends `0x05 (instance) index 0x00`: point it past every instance.
      bytes[exports.end - 2] = 0x7f;
      return [bytes];
    },
  };
});

const { build } = await import('../src/api/build.js');
const { plug } = await import('../src/api/plug.js');
const { InvalidOutputError } = await import('../src/validate/index.js');

describe('an invalid composed output is never written', () => {
  it('build: internal error WC9101, no output file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-bad-output-'));
    writeFileSync(join(dir, 'upper.wasm'), await buildComposeWat('upper'));
    const output = join(dir, 'out.wasm');
    const error = await build({ config: { components: ['upper.wasm'], output: 'out.wasm' }, cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOutputError);
    expect((error as Error).message).toMatch(/\[WC9101\].*nothing was written.*bug in wcompose/);
    expect(existsSync(output)).toBe(false);
  });

  it('plug: internal error WC9101, no output file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-bad-output-'));
    writeFileSync(join(dir, 'upper.wasm'), await buildComposeWat('upper'));
    writeFileSync(join(dir, 'exclaim.wasm'), await buildComposeWat('exclaim'));
    const output = join(dir, 'out.wasm');
    const error = await plug({ socket: 'exclaim.wasm', plugs: ['upper.wasm'], output, cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOutputError);
    expect(existsSync(output)).toBe(false);
  });
});
