/**
 * Issue 11 (start-up and footprint) meets the friendlier CLI edges and WAC: large components, read by their
 * component layer only, still reach every destination whole (stdout, a device written in place), `.wac` documents
 * and `init` work on them, and a `.wac` build loads neither the config loader nor the schema or glob libraries.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fileBacking } from '../src/binary/layer.js';
import { loadComponentFile } from '../src/io/read-input.js';
import { tempProject } from './support/compose.js';
import { validateComponent } from './support/jco.js';
import { PROJECT_ROOT } from './support/paths.js';
import { moduleTraceArgs } from './support/module-trace.js';

const BIN = join(PROJECT_ROOT, 'bin', 'wcompose.js');

/** How often `needle` occurs in `haystack`. */
function occurrences(haystack: Uint8Array, needle: Uint8Array): number {
  const h = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
  let n = 0;
  for (let at = h.indexOf(needle); at >= 0; at = h.indexOf(needle, at + 1)) n++;
  return n;
}

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** Modules loaded, when `traceLoads` was asked for. */
  urls: string[];
}

/** Runs `wcompose args…` with stdout a pipe, collecting its bytes; optionally tracing the modules it loads. */
function wcompose(args: string[], cwd: string, traceLoads = false): Promise<Run> {
  const pre: string[] = [];
  if (traceLoads) {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-loads-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    pre.push(...moduleTraceArgs(dir));
  }
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...pre, BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const urls = stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length));
      const rest = stderr.split('\n').filter((l) => !l.startsWith('LOADED ')).join('\n');
      resolvePromise({ code, stdout: Buffer.concat(out), stderr: rest, urls });
    });
  });
}

const GREETER = 'demo:greet/greeter@0.1.0';

describe('large components reach every destination whole', () => {
  it('plug to stdout (a pipe) and to a named pipe (written in place) gives the bytes -o gives', async () => {
    const p = await tempProject({ app: { js: 'app' }, greeter: { js: 'greeter' } });
    const app = await readFile(p.path('app.wasm'));
    const greeter = await readFile(p.path('greeter.wasm'));
    // Inputs this large are read by their component layer only: their code is copied from the files on writing.
    expect(fileBacking((await loadComponentFile(p.path('greeter.wasm'))).bytes)).toBeDefined();

    const toFile = await wcompose(['plug', 'app.wasm', '--plug', 'greeter.wasm', '-o', 'out.wasm'], p.dir);
    expect(toFile.stderr).toBe('');
    expect(toFile.code).toBe(0);
    const reference = await p.read('out.wasm');
    expect(occurrences(reference, greeter)).toBe(1);
    expect(occurrences(reference, app)).toBe(1);
    await validateComponent(reference);

    const piped = await wcompose(['plug', 'app.wasm', '--plug', 'greeter.wasm'], p.dir);
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(0);
    expect(Buffer.compare(piped.stdout, Buffer.from(reference))).toBe(0);

    // A named pipe is written in place (a rename would replace it): its reader gets the same bytes.
    const fifo = p.path('out.fifo');
    execFileSync('mkfifo', [fifo]);
    const received = new Promise<Buffer>((resolveRead, reject) => {
      const parts: Buffer[] = [];
      createReadStream(fifo).on('data', (d) => parts.push(d as Buffer)).on('end', () => resolveRead(Buffer.concat(parts))).on('error', reject);
    });
    const device = await wcompose(['plug', 'app.wasm', '--plug', 'greeter.wasm', '-o', 'out.fifo'], p.dir);
    expect(device.stderr).toBe('');
    expect(device.code).toBe(0);
    expect(Buffer.compare(await received, Buffer.from(reference))).toBe(0);
  });
});

describe('WAC documents and init on large components', () => {
  it('build app.wac composes them byte for byte, without loading the config loader, schema or glob libraries', async () => {
    const p = await tempProject({ app: { js: 'app' }, greeter: { js: 'greeter' } });
    mkdirSync(p.path('deps/demo'), { recursive: true });
    const app = await readFile(p.path('app.wasm'));
    const greeter = await readFile(p.path('greeter.wasm'));
    writeFileSync(p.path('deps/demo/app.wasm'), app);
    writeFileSync(p.path('deps/demo/greeter.wasm'), greeter);
    writeFileSync(
      p.path('app.wac'),
      `package demo:composition;\nlet g = new demo:greeter { ... };\nlet a = new demo:app { "${GREETER}": g["${GREETER}"], ... };\nexport a...;\n`,
    );
    const built = await wcompose(['build', 'app.wac', '-o', 'out.wasm'], p.dir, true);
    expect(built.stderr).not.toMatch(/error/);
    expect(built.code).toBe(0);
    expect(built.urls.some((u) => u.includes('/dist/wac/'))).toBe(true);
    expect(built.urls.filter((u) => /node_modules\/(jiti|zod|fast-glob|chalk|@viz-js|@bytecodealliance)\//.test(u))).toEqual([]);
    const bytes = await p.read('out.wasm');
    expect(occurrences(bytes, greeter)).toBe(1);
    expect(occurrences(bytes, app)).toBe(1);
    await validateComponent(bytes);
  });

  it('init writes a config for them that builds, embedding each once', async () => {
    const p = await tempProject({ app: { js: 'app' }, greeter: { js: 'greeter' } });
    const initialized = await wcompose(['init'], p.dir, true);
    expect(initialized.stderr).not.toMatch(/error/);
    expect(initialized.code).toBe(0);
    // init lists components without loading the config loader (it writes a config, it does not read one).
    expect(initialized.urls.filter((u) => /node_modules\/jiti\//.test(u))).toEqual([]);
    const config = await readFile(p.path('compose.config.ts'), 'utf8');
    expect(config).toContain('greeter.wasm');
    const built = await wcompose(['build', '-o', 'out.wasm'], p.dir);
    expect(built.stderr).not.toMatch(/error/);
    expect(built.code).toBe(0);
    const bytes = await p.read('out.wasm');
    expect(occurrences(bytes, await readFile(p.path('greeter.wasm')))).toBe(1);
    expect(occurrences(bytes, await readFile(p.path('app.wasm')))).toBe(1);
    await validateComponent(bytes);
  });
});
