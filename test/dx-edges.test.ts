/**
 * Issue 11, "friendlier edges": the places where the command line used to surprise — a `check` that silently
 * checked something else, codes that differed between `check` and `build`, "problem(s)", config errors without a
 * place, plug-mode messages that spoke of a config, paths shown as `../../../`.
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { writeFileAtomic } from '../src/emit/write-atomic.js';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDestination } from '../src/cli/component-output.js';
import { UsageError } from '../src/cli/run-command.js';
import { runCli } from './support/cli.js';
import { jcoPrint, validateComponent } from './support/jco.js';
import { parseWat } from './support/wasm-tools.js';
import { decodeComponent } from '../src/types/decode.js';
import { APP_WAT, OPS_WIT, dxProject, opsWat, requireBuiltCli, spawnCli, waitFor, type DxProject } from './dx-support.js';

let p: DxProject;

beforeAll(async () => {
  requireBuiltCli();
  p = await dxProject();
  await writeFile(p.path('ops.wit'), OPS_WIT);
  // demo:math/ops whose `add` takes a u64 `a`: the app's import does not accept it.
  await writeFile(p.path('ops-u64.wat'), opsWat().replace('(param "a" u32)', '(param "a" u64)').replace('(param i32 i32)', '(param i64 i32)').replace('local.get 0 local.get 1', 'local.get 0 i32.wrap_i64 local.get 1'));
});

afterAll(() => p?.remove());

describe.concurrent('check', () => {
  it('--wit and --world without a component are a usage error (exit 2), not a check of the config', async () => {
    await p.writeConfig({ output: 'out/usage.wasm' });
    const [wit, world] = await Promise.all([
      runCli(['check', '--wit', 'ops.wit', '--world', 'provider'], { cwd: p.dir }),
      runCli(['check', '--world', 'provider', '--json'], { cwd: p.dir }),
    ]);
    for (const r of [wit, world]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: --(wit|world) checks a component against a world: name the component/);
    }
  });

  it('counts read "1 problem", "1 export"', async () => {
    await p.writeConfig({ output: 'out/counts.wasm' }, 'counts.config.mjs');
    const [ok, bad] = await Promise.all([
      runCli(['check', '-c', 'counts.config.mjs'], { cwd: p.dir }),
      runCli(['check', 'app.wat', '--wit', 'ops.wit', '--world', 'provider'], { cwd: p.dir }),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(`ok: ${p.path('counts.config.mjs')}: 2 instances, 0 imports, 1 export\n`);
    expect(bad.code).toBe(1);
    expect(bad.stdout.split('\n')[0]).toBe('app.wat does not target world provider: 2 problems');
  });

  it('a type mismatch has the same code from `check` and from `build`, and "1 problem"', async () => {
    await p.writeConfig({ components: [p.path('app.wat'), p.path('ops-u64.wat')], output: 'out/mismatch.wasm' }, 'mismatch.config.mjs');
    const [checked, built, json] = await Promise.all([
      runCli(['check', '-c', 'mismatch.config.mjs'], { cwd: p.dir }),
      runCli(['build', '-c', 'mismatch.config.mjs'], { cwd: p.dir }),
      runCli(['check', '-c', 'mismatch.config.mjs', '--json'], { cwd: p.dir }),
    ]);
    expect(checked.code).toBe(1);
    const lines = checked.stdout.split('\n');
    expect(lines[0]).toBe(`${p.path('mismatch.config.mjs')} does not compose: 1 problem`);
    expect(lines[1]).toMatch(/parameter "a": expected u32, found u64 \[WC3006\]$/);
    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(/parameter "a": expected u32, found u64 \[WC3006\]\n {2}hint: /);
    expect((JSON.parse(json.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code)).toEqual(['WC3006']);
    expect(await p.files()).not.toContain('out/mismatch.wasm');
  });
});

describe.concurrent('config errors', () => {
  it('a syntax error is reported at file:line:column with the lines around it', async () => {
    const file = p.path('syntax.config.ts');
    await writeFile(file, `import { defineConfig } from 'wcompose';\n\nexport default defineConfig({\n  components: ['app.wat'],\n  output: 'x.wasm'\n  autoPlug: true,\n});\n`);
    const r = await runCli(['build', '-c', 'syntax.config.ts'], { cwd: p.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      `error: ${file}:6:3: syntax error: Unexpected token, expected "," [WC4102]`,
      "    4 |   components: ['app.wat'],",
      "    5 |   output: 'x.wasm'",
      '  > 6 |   autoPlug: true,',
      '      |   ^',
      '    7 | });',
      '    8 |',
      expect.stringMatching(/^ {2}hint: \S/),
      '',
    ]);
  });

  it('a syntax error in an ES module config too (Node loads those)', async () => {
    const file = p.path('syntax.config.mjs');
    await writeFile(file, `export default {\n  components: ['app.wat'] ]\n};\n`);
    const r = await runCli(['check', '-c', 'syntax.config.mjs'], { cwd: p.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:27: syntax error: .* \\[WC4102\\]\n[^]*> 2 \\|`));
  });

  it('a misspelt top-level key is named, with the key it should be', async () => {
    await writeFile(p.path('typo.config.mjs'), `export default { component: ['app.wat', 'ops.wat'], output: 'out/typo.wasm' };\n`);
    const r = await runCli(['build', '-c', 'typo.config.mjs'], { cwd: p.dir });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(
      `error: ${p.path('typo.config.mjs')}: (the config): unknown option "component" — did you mean "components"? [WC4103]`,
    );
  });

  it("`import { defineConfig } from 'wcompose'` works where wcompose is not installed (global install, npx)", async () => {
    // The temp project has no node_modules: only the running wcompose can answer the import.
    const config = (ext: string): string =>
      `import { defineConfig } from 'wcompose';\nexport default defineConfig({ components: ['app.wat', 'ops.wat'], exports: ['app'], output: 'out/imported-${ext}.wasm' });\n`;
    await writeFile(p.path('imported.config.ts'), config('ts'));
    await writeFile(p.path('imported.config.mjs'), config('mjs'));
    const [ts, mjs] = await Promise.all([
      runCli(['build', '-c', 'imported.config.ts'], { cwd: p.dir }),
      runCli(['build', '-c', 'imported.config.mjs'], { cwd: p.dir }),
    ]);
    expect(ts.stderr).toBe('');
    expect(ts.code).toBe(0);
    expect(mjs.stderr).toBe('');
    expect(mjs.code).toBe(0);
    expect(await p.files()).toEqual(expect.arrayContaining(['out/imported-ts.wasm', 'out/imported-mjs.wasm']));
  });
});

describe('plan', () => {
  it('shows paths relative to the current folder inside it, absolute outside it, never ../', async () => {
    await mkdir(p.path('sub', 'deeper'), { recursive: true });
    await writeFile(
      p.path('sub', 'compose.config.mjs'),
      `export default ${JSON.stringify({ components: { app: p.path('app.wat'), ops: p.path('ops.wat') }, output: 'deeper/app.wasm' })};\n`,
    );
    const [inside, below] = await Promise.all([
      runCli(['plan'], { cwd: p.path('sub') }),
      runCli(['plan', '-c', '../compose.config.mjs'], { cwd: p.path('sub', 'deeper') }),
    ]);
    expect(inside.code).toBe(0);
    expect(inside.stdout).toContain('compose.config.mjs → deeper/app.wasm\n');
    expect(inside.stdout).toContain(`app  ${p.path('app.wat')}`);
    expect(below.code).toBe(0);
    expect(below.stdout).toContain(`${p.path('sub', 'compose.config.mjs')} → app.wasm\n`);
    for (const r of [inside, below]) expect(r.stdout).not.toContain('../');
  });
});

/** Runs the CLI with stdout as a pipe, keeping stdout's bytes as they are (a component is not text). */
function runCliBytes(args: string[], cwd: string): Promise<{ code: number | null; stdout: Uint8Array; stderr: string }> {
  const bin = fileURLToPath(new URL('../bin/wcompose.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: new Uint8Array(Buffer.concat(out)), stderr }));
  });
}

describe.concurrent('the component on stdout, or as text', () => {
  it('plug without -o writes the component to stdout when it is not a terminal; the same bytes as with -o', async () => {
    const [piped, file] = await Promise.all([
      runCliBytes(['plug', 'app.wat', '--plug', 'ops.wat'], p.dir),
      runCli(['plug', 'app.wat', '--plug', 'ops.wat', '-o', 'out/plug-file.wasm'], { cwd: p.dir }),
    ]);
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(0);
    expect(file.code).toBe(0);
    expect(piped.stdout).toEqual(await p.read('out/plug-file.wasm'));
    await validateComponent(piped.stdout);
  });

  it('build writes to -o or the config\'s output; with neither, to stdout', async () => {
    await writeFile(p.path('no-output.config.mjs'), `export default ${JSON.stringify({ components: [p.path('app.wat'), p.path('ops.wat')], exports: ['app'] })};\n`);
    await p.writeConfig({ output: 'out/named.wasm' }, 'named.config.mjs');
    const [piped, named] = await Promise.all([
      runCliBytes(['build', '-c', 'no-output.config.mjs'], p.dir),
      runCliBytes(['build', '-c', 'named.config.mjs'], p.dir),
    ]);
    expect(piped.code).toBe(0);
    await validateComponent(piped.stdout);
    // Nothing written next to the config: not even the old default composed.wasm.
    expect(await p.files()).not.toContain('composed.wasm');
    expect(named.code).toBe(0);
    expect(new TextDecoder().decode(named.stdout)).toMatch(/^composed 2 instances → .*named\.wasm/);
    expect(piped.stdout).toEqual(await p.read('out/named.wasm'));
    // `plan` says where `build` would write: stdout.
    const planned = await runCli(['plan', '-c', 'no-output.config.mjs'], { cwd: p.dir });
    expect(planned.stdout.split('\n')[0]).toBe('no-output.config.mjs → (stdout)');
  });

  it('--json, or artifacts, without a file for the component: usage error (exit 2), nothing written', async () => {
    await writeFile(p.path('no-output2.config.mjs'), `export default ${JSON.stringify({ components: [p.path('app.wat'), p.path('ops.wat')], exports: ['app'] })};\n`);
    const results = await Promise.all([
      runCliBytes(['plug', 'app.wat', '--plug', 'ops.wat', '--json'], p.dir),
      runCliBytes(['build', '-c', 'no-output2.config.mjs', '--json'], p.dir),
      runCliBytes(['build', '-c', 'no-output2.config.mjs', '--wit'], p.dir),
      runCliBytes(['build', '-c', 'no-output2.config.mjs', '-t', '--json'], p.dir),
    ]);
    for (const r of results) {
      expect(r.code).toBe(2);
      expect(r.stdout.length).toBe(0);
      expect(r.stderr).toMatch(/^error: /);
    }
    // (The tests run side by side in one folder: only the files these calls could have written are checked.)
    expect((await p.files()).filter((f) => f.endsWith('.wasm') || f.endsWith('.wit') || f.includes('.tmp'))).toEqual(
      expect.not.arrayContaining(['composed.wasm', 'composed.wit']),
    );
  });

  it('-t/--wat prints WebAssembly text (jco\'s printer) to stdout, or to -o', async () => {
    await p.writeConfig({ output: 'out/for-wat.wasm' }, 'wat.config.mjs');
    const [plugText, buildText, plugBytes] = await Promise.all([
      runCli(['plug', 'app.wat', '--plug', 'ops.wat', '-t'], { cwd: p.dir }),
      runCli(['build', '-c', 'wat.config.mjs', '--wat', '-o', 'out/build.wat'], { cwd: p.dir }),
      runCliBytes(['plug', 'app.wat', '--plug', 'ops.wat'], p.dir),
    ]);
    expect(plugText.stderr).toBe('');
    expect(plugText.code).toBe(0);
    expect(plugText.stdout).toMatch(/^\(component\n/);
    expect(plugText.stdout.trimEnd()).toBe((await jcoPrint(plugBytes.stdout)).trimEnd());

    expect(buildText.code).toBe(0);
    expect(buildText.stdout).toMatch(/^composed 2 instances → .*build\.wat \(\d+ bytes\)\n$/);
    // The text, not the binary; and not at the config's output, which names the binary.
    const text = await readFile(p.path('out/build.wat'), 'utf8');
    expect(text.trimEnd()).toBe(plugText.stdout.trimEnd());
    expect(await p.files()).not.toContain('out/for-wat.wasm');
  });
});

describe('refusing a terminal', () => {
  it('without -o (and without -t), a binary is never written to a terminal: usage error', () => {
    const tty = { isTTY: true, write: () => true };
    const pipe = { isTTY: false, write: () => true };
    expect(() => checkDestination({}, '-o <file>', tty)).toThrow(UsageError);
    expect(() => checkDestination({}, '-o <file>', tty)).toThrow(/refusing to write a binary component to a terminal: name a file with -o <file>/);
    expect(() => checkDestination({}, '-o <file>', pipe)).not.toThrow();
    expect(() => checkDestination({ wat: true }, '-o <file>', tty)).not.toThrow();
    expect(() => checkDestination({ output: 'x.wasm' }, '-o <file>', tty)).not.toThrow();
  });
});

describe('init', () => {
  it('writes a commented compose.config.ts for the components in a folder, which `build` composes; never overwrites', async () => {
    await mkdir(p.path('init', 'lib'), { recursive: true });
    await writeFile(p.path('init', 'app.wasm'), await parseWat(APP_WAT));
    await writeFile(p.path('init', 'lib', 'ops.wasm'), await parseWat(opsWat()));
    await writeFile(p.path('init', 'core.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    const r = await runCli(['init', 'init'], { cwd: p.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('wrote init/compose.config.ts (2 components)');
    const text = await readFile(p.path('init', 'compose.config.ts'), 'utf8');
    expect(text).toContain("import { defineConfig } from 'wcompose';");
    expect(text).toContain("    app: 'app.wasm',\n    ops: 'lib/ops.wasm',\n");
    expect(text).toContain('  //   app: demo:math/ops@0.1.0 ← ops (auto)\n');
    expect(text).toContain('  //   core.wasm: this is a core WebAssembly module, not a component\n');
    expect(text).toContain("    'app', // demo:math/app@0.1.0\n");

    const built = await runCli(['build'], { cwd: p.path('init') });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const bytes = await p.read('init', 'composed.wasm');
    await validateComponent(bytes);
    const type = decodeComponent(bytes);
    expect([...type.imports.keys()]).toEqual([]);
    expect([...type.exports.keys()]).toEqual(['demo:math/app@0.1.0']);

    const again = await runCli(['init'], { cwd: p.path('init') });
    expect(again.code).toBe(1);
    expect(again.stderr.split('\n')[0]).toBe(
      `error: ${p.path('init', 'compose.config.ts')}: a config already exists here; wcompose init does not overwrite it [WC4107]`,
    );
    expect(await readFile(p.path('init', 'compose.config.ts'), 'utf8')).toBe(text);
  });

  it('chooses explicitly where several components export what an import needs; an empty folder is an error', async () => {
    await mkdir(p.path('init2'), { recursive: true });
    await mkdir(p.path('empty'), { recursive: true });
    await writeFile(p.path('init2', 'app.wasm'), await parseWat(APP_WAT));
    await writeFile(p.path('init2', 'ops.wasm'), await parseWat(opsWat()));
    await writeFile(p.path('init2', 'ops-mul.wasm'), await parseWat(opsWat('i32.mul')));
    const [r, empty] = await Promise.all([runCli(['init'], { cwd: p.path('init2') }), runCli(['init', 'empty'], { cwd: p.dir })]);
    expect(r.code).toBe(0);
    const text = await readFile(p.path('init2', 'compose.config.ts'), 'utf8');
    expect(text).toContain("        'demo:math/ops@0.1.0': 'ops', // also exported by: ops-mul\n");
    const built = await runCli(['build'], { cwd: p.path('init2') });
    expect(built.code).toBe(0);
    await validateComponent(await p.read('init2', 'composed.wasm'));

    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^error: no WebAssembly component in .*empty \[WC4108\]/);
    expect(await p.files()).not.toContain('empty/compose.config.ts');
  });
});

describe('writing to something that is not a regular file', () => {
  it('-o /dev/null, a named pipe…: written in place, never replaced by a renamed temporary file', async () => {
    const fifo = p.path('pipe');
    execFileSync('mkfifo', [fifo]);
    const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0]);
    const [read] = await Promise.all([readFile(fifo), writeFileAtomic(fifo, [bytes.subarray(0, 3), bytes.subarray(3)])]);
    expect(new Uint8Array(read)).toEqual(bytes);
    expect((await stat(fifo)).isFIFO()).toBe(true);
    expect((await p.files()).filter((f) => f.includes('pipe'))).toEqual([]);
  });
});

describe('Ctrl-C', () => {
  it('an interrupted command exits with code 130 and leaves no file behind', async () => {
    // A config that takes its time to load: the test interrupts the build while it waits.
    const marker = p.path('slow-started');
    await writeFile(
      p.path('slow.config.mjs'),
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, '');\nawait new Promise((r) => setTimeout(r, 60_000));\nexport default { components: ['app.wat', 'ops.wat'], output: 'out/slow.wasm' };\n`,
    );
    const cli = spawnCli(['build', '-c', 'slow.config.mjs'], p.dir);
    await waitFor(async () => (await p.files()).includes('slow-started'), 30_000, 'the config to start loading');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(130);
    expect(cli.stdout()).toBe('');
    expect(await p.files()).not.toContain('out/slow.wasm');
  });
});
