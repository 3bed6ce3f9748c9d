/**
 * Issue 10: safe writes and internal errors. The output and the artifacts never overwrite an input component, the
 * config file or each other (WC5003, comparing real paths); a write the file system refuses (a parent that is a file,
 * a full disk, no permission) is WC9002 naming the path, never an internal error; a real internal error (a bug) exits
 * 70 and asks for a bug report.
 */
import { existsSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { build } from '../src/api/build.js';
import { plug } from '../src/api/plug.js';
import { ExitCode, action } from '../src/cli/run-command.js';
import { dxProject, type DxProject } from './dx-support.js';
import { runCli } from './support/cli.js';

/** A failure to inject into writes (`open` fails with `open`, `writev` with `writev`), for disks we cannot fill. */
const inject = vi.hoisted(() => ({ open: undefined as string | undefined, writev: undefined as string | undefined }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const errno = (code: string): Error => Object.assign(new Error(`${code}: injected`), { code });
  return {
    ...fs,
    open: async (...args: Parameters<typeof fs.open>) => {
      if (inject.open !== undefined) throw errno(inject.open);
      const handle = await fs.open(...args);
      if (inject.writev === undefined) return handle;
      const code = inject.writev;
      return { writev: async () => Promise.reject(errno(code)), close: () => handle.close() };
    },
  };
});

let p: DxProject;
beforeAll(async () => {
  p = await dxProject();
});
afterAll(async () => {
  await p.remove();
});
afterEach(() => {
  inject.open = undefined;
  inject.writev = undefined;
});

async function snapshot(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of await p.files()) out.set(f, Buffer.from(await p.read(f)).toString('base64'));
  return out;
}

describe('the output never overwrites an input, the config or another output (WC5003, on real paths)', () => {
  it('build: output onto the config file, or onto a component (written as ./ops.wat), is refused; nothing changes', async () => {
    const config = await p.writeConfig({ output: 'compose.config.mjs' });
    const before = await snapshot();
    await expect(build({ config, cwd: p.dir })).rejects.toMatchObject({
      code: 'WC5003', message: expect.stringMatching(/the composed component would overwrite the config file/), path: ['output'],
    });
    await p.writeConfig({ output: './ops.wat' });
    await expect(build({ config, cwd: p.dir })).rejects.toMatchObject({
      code: 'WC5003', message: expect.stringMatching(/would overwrite component "ops"/),
    });
    await p.writeConfig({ output: 'compose.config.mjs' });
    expect(await snapshot()).toEqual(before);
  });

  it('build: an artifact onto an input, or a JS folder that holds one, is refused', async () => {
    const config = await p.writeConfig({ output: 'out/app.wasm', artifacts: { wit: 'app.wat' } });
    const before = await snapshot();
    await expect(build({ config, cwd: p.dir })).rejects.toMatchObject({
      code: 'WC5003', message: expect.stringMatching(/the WIT file would overwrite component "app"/), path: ['artifacts.wit'],
    });
    await p.writeConfig({ output: 'out/app.wasm', artifacts: { js: '.' } });
    await expect(build({ config, cwd: p.dir })).rejects.toMatchObject({
      code: 'WC5003', message: expect.stringMatching(/the JS bindings folder .* is replaced as a whole, and holds/), path: ['artifacts.js'],
    });
    await p.writeConfig({ output: 'out/app.wasm', artifacts: { js: '.' } });
    expect([...(await snapshot()).keys()].filter((f) => !before.has(f))).toEqual([]);
  });

  it('plug: -o onto the socket (./app.wat for app.wat) or onto a plug through a symlink is refused; the inputs stay', async () => {
    await fsp.symlink(p.path('ops.wat'), p.path('link.wat'));
    const before = await snapshot();
    const cli = await runCli(['plug', 'app.wat', '--plug', 'ops.wat', '-o', './app.wat'], { cwd: p.dir });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/the output would overwrite the socket: they are the same file .* \[WC5003\]/);
    await expect(plug({ socket: p.path('app.wat'), plugs: [p.path('ops.wat')], output: 'link.wat', cwd: p.dir }))
      .rejects.toMatchObject({ code: 'WC5003', message: expect.stringMatching(/would overwrite the plug ops: .*link\.wat is .*ops\.wat/) });
    expect(await snapshot()).toEqual(before);
  });
});

describe('a write the file system refuses is WC9002 naming the path, and leaves nothing behind', () => {
  it('a parent folder that is a file (ENOTDIR)', async () => {
    await fsp.writeFile(p.path('afile'), 'x');
    const config = await p.writeConfig({ output: 'afile/sub/app.wasm' });
    const before = await snapshot();
    await expect(build({ config, cwd: p.dir })).rejects.toMatchObject({
      code: 'WC9002', file: p.path('afile', 'sub', 'app.wasm'), message: expect.stringMatching(/a folder on its path is a file/),
    });
    await expect(build({ config: await p.writeConfig({ output: 'afile/sub/app.wasm', artifacts: { wit: true } }), cwd: p.dir }))
      .rejects.toMatchObject({ code: 'WC9002', file: expect.stringContaining(p.path('afile')) });
    await p.writeConfig({ output: 'afile/sub/app.wasm' });
    expect(await snapshot()).toEqual(before);
  });

  it('a full disk (ENOSPC) and a permission problem (EACCES)', async () => {
    const config = await p.writeConfig({ output: 'out/full.wasm' });
    inject.writev = 'ENOSPC';
    await expect(build({ config, cwd: p.dir })).rejects.toMatchObject({
      code: 'WC9002', file: p.path('out', 'full.wasm'), message: 'cannot write file: no space left on the device (ENOSPC)',
    });
    inject.writev = undefined;
    inject.open = 'EACCES';
    await expect(plug({ socket: p.path('app.wat'), plugs: [p.path('ops.wat')], output: p.path('out', 'denied.wasm') }))
      .rejects.toMatchObject({ code: 'WC9002', file: p.path('out', 'denied.wasm'), message: 'cannot write file: permission denied (EACCES)' });
    expect((await p.files()).filter((f) => f.startsWith('out/'))).toEqual([]);
    expect(existsSync(p.path('out', 'full.wasm'))).toBe(false);
  });
});

describe('an internal error (a bug in wcompose) has its own exit code and asks for a bug report', () => {
  it('exits 70, prints `internal error in wcompose: …` and the request; with --json, error.code is `internal`', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const saved = process.exitCode;
    try {
      await action(async () => {
        throw new RangeError('Maximum call stack size exceeded');
      })();
      expect(process.exitCode).toBe(ExitCode.internal);
      expect(ExitCode.internal).toBe(70);
      const text = stderr.mock.calls.map((c) => String(c[0])).join('');
      expect(text).toMatch(/^error: internal error in wcompose: Maximum call stack size exceeded\n {2}hint: this is a bug in wcompose, not a problem in your input: please report it with the command you ran and its input files/);
      await action(async () => {
        throw new TypeError('oops');
      }, { json: () => true })();
      expect(process.exitCode).toBe(70);
      const json = JSON.parse(String(stdout.mock.calls.at(-1)![0])) as { ok: boolean; error: { code: string } };
      expect(json).toMatchObject({ ok: false, error: { code: 'internal' } });
    } finally {
      process.exitCode = saved;
      stderr.mockRestore();
      stdout.mockRestore();
    }
  });
});
