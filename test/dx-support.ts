/**
 * Helpers for the developer-experience tests (test/dx-*.test.ts): a temp project with two small WAT components —
 * `app.wat` exports demo:math/app (`double`) written against demo:math/ops, `ops.wat` implements demo:math/ops —
 * and a config (`compose.config.mjs`) naming them by absolute path.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WcomposeConfig } from '../src/config/schema.js';
import { PROJECT_ROOT } from './support/paths.js';

export const APP_WAT = `(component
  (import "demo:math/ops@0.1.0" (instance $ops
    (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
  (alias export $ops "add" (func $add))
  (core func $add-lowered (canon lower (func $add)))
  (core instance $ops-core (export "add" (func $add-lowered)))
  (core module $m
    (import "ops" "add" (func $add (param i32 i32) (result i32)))
    (func (export "double") (param i32) (result i32) local.get 0 local.get 0 call $add))
  (core instance $i (instantiate $m (with "ops" (instance $ops-core))))
  (type $double-type (func (param "x" u32) (result u32)))
  (func $double (type $double-type) (canon lift (core func $i "double")))
  (instance $app (export "double" (func $double)))
  (export "demo:math/app@0.1.0" (instance $app))
)
`;

/** demo:math/ops with `add` computed by `op` (`i32.add`, or `i32.mul` to change what the composition does). */
export function opsWat(op = 'i32.add'): string {
  return `(component
  (core module $m
    (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 ${op}))
  (core instance $i (instantiate $m))
  (type $add-type (func (param "a" u32) (param "b" u32) (result u32)))
  (func $add (type $add-type) (canon lift (core func $i "add")))
  (instance $ops (export "add" (func $add)))
  (export "demo:math/ops@0.1.0" (instance $ops))
)
`;
}

/** The WIT of what ops.wat implements, for `wcompose check`. */
export const OPS_WIT = `package demo:math@0.1.0;

interface ops {
  add: func(a: u32, b: u32) -> u32;
}

world provider {
  export ops;
}
`;

export interface DxProject {
  dir: string;
  path(...parts: string[]): string;
  /** Writes `compose.config.mjs`, or `name` (components default to the absolute paths of app.wat and ops.wat). */
  writeConfig(config?: Partial<WcomposeConfig>, name?: string): Promise<string>;
  /** Every file under the project, relative, sorted (temporaries included: they must never be left behind). */
  files(): Promise<string[]>;
  read(...parts: string[]): Promise<Uint8Array>;
  remove(): Promise<void>;
}

export async function dxProject(): Promise<DxProject> {
  const dir = await mkdtemp(join(tmpdir(), 'wcompose-dx-'));
  const path = (...parts: string[]): string => join(dir, ...parts);
  await writeFile(path('app.wat'), APP_WAT);
  await writeFile(path('ops.wat'), opsWat());
  return {
    dir,
    path,
    async writeConfig(config = {}, name = 'compose.config.mjs') {
      const full = { components: [path('app.wat'), path('ops.wat')], exports: ['app'], output: 'out/app.wasm', ...config };
      const file = path(name);
      await writeFile(file, `export default ${JSON.stringify(full, null, 2)};\n`);
      return file;
    },
    async files() {
      const entries = await readdir(dir, { recursive: true, withFileTypes: true });
      return entries
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
        .sort();
    },
    async read(...parts) {
      return new Uint8Array(await readFile(path(...parts)));
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Throws unless the CLI has been built (the CLI tests run bin/wcompose.js, which runs dist/). */
export function requireBuiltCli(): void {
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'api', 'watch.js'))) {
    throw new Error('the CLI is not built: run `npm run build` (or `npx tsc -p tsconfig.build.json`) first');
  }
}

/** Polls `check` every 20 ms until it returns true, or fails after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

const bin = fileURLToPath(new URL('../bin/wcompose.js', import.meta.url));

/**
 * Starts `wcompose <args>` without waiting for it (for `build --watch`). The environment is this process's without
 * NO_COLOR, FORCE_COLOR and CI, plus `env` (default: NO_COLOR=1): Node warns when both colour variables are set.
 */
export function spawnCli(args: string[], cwd: string, env: Record<string, string> = { NO_COLOR: '1' }): Spawned {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['NO_COLOR', 'FORCE_COLOR', 'CI'].includes(k)));
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Runs a Node ES module snippet in a child process and returns its stdout. */
export function runNode(code: string, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, stdout, stderr }));
  });
}
