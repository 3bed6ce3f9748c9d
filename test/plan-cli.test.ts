/** `wcompose plan`, run as a user would (the built CLI, in a child process): formats, --svg, exit codes 0/1/2. */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planComposition } from '../src/api/plan.js';
import { renderPlan, type PlanGraph } from '../src/plan-view/index.js';
import { runCli } from './support/cli.js';
import { PROJECT_ROOT } from './support/paths.js';

let example: PlanGraph;
const tmp = mkdtempSync(join(tmpdir(), 'wcompose-plan-cli-'));

beforeAll(async () => {
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'cli', 'commands', 'plan.js'))) {
    throw new Error('the CLI is not built: run `npm run build` first');
  }
  example = (await planComposition({ cwd: PROJECT_ROOT })).graph;
});

afterAll(() => rm(tmp, { recursive: true, force: true }));

/** A config in its own folder using the bundled example's components, with `extra` merged in. */
async function config(name: string, extra: Record<string, unknown>): Promise<string> {
  const file = join(tmp, `${name}.config.mjs`);
  const components = { app: join(PROJECT_ROOT, 'fixtures/example/app.wat'), logger: join(PROJECT_ROOT, 'fixtures/example/logger-stdout.wat') };
  await writeFile(file, `export default ${JSON.stringify({ components, ...extra }, null, 2)};\n`);
  return file;
}

describe('wcompose plan', () => {
  it('prints the bundled example as text by default (exit 0), coloured only when asked to', async () => {
    // Child processes run two at a time (the CI machine has two cores): the suite stays fast.
    const [r, coloured] = await Promise.all([
      runCli(['plan'], { cwd: PROJECT_ROOT }),
      runCli(['plan'], { cwd: PROJECT_ROOT, env: { NO_COLOR: '', FORCE_COLOR: '1' } }),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(renderPlan(example, 'text'));
    expect(r.stdout.split('\n')[0]).toBe('compose.config.ts → out/example.wasm');
    // The README's Planning section shows this very output.
    expect(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8')).toContain(`\n$ npx wcompose plan\n${r.stdout}\`\`\`\n`);
    // FORCE_COLOR (NO_COLOR unset) colours it; the text underneath is the same.
    const esc = String.fromCharCode(27);
    expect(coloured.code).toBe(0);
    expect(coloured.stdout).toContain(`${esc}[`);
    expect(coloured.stdout.replace(new RegExp(`${esc}\\[\\d+m`, 'g'), '')).toBe(r.stdout);
  });

  it('--format dot and --json print what the API renders', async () => {
    const [dot, json] = await Promise.all([
      runCli(['plan', '-c', 'compose.config.ts', '--format', 'dot'], { cwd: PROJECT_ROOT }),
      runCli(['plan', '--json'], { cwd: PROJECT_ROOT }),
    ]);
    expect([dot.code, json.code]).toEqual([0, 0]);
    expect(dot.stdout).toBe(renderPlan(example, 'dot'));
    expect(json.stdout).toBe(renderPlan(example, 'json'));
  });

  it('--svg draws the graph to a file, atomically; with --format (mermaid here), prints that format too', async () => {
    const out = join(tmp, 'svg', 'plan.svg');
    const both = join(tmp, 'both.svg');
    const [r, withFormat] = await Promise.all([
      runCli(['plan', '--svg', out], { cwd: PROJECT_ROOT }),
      runCli(['plan', '--svg', both, '--format', 'mermaid'], { cwd: PROJECT_ROOT }),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`drew 2 instances → ${out}\n`);
    expect(readdirSync(join(tmp, 'svg'))).toEqual(['plan.svg']);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    for (const i of example.instances) expect(svg.replaceAll('&#45;', '-')).toContain(`>${i.name}</text>`);
    expect(withFormat.code).toBe(0);
    expect(withFormat.stdout).toBe(renderPlan(example, 'mermaid'));
    expect(readFileSync(both, 'utf8')).toBe(svg);
  });

  it('exits 2 on a usage mistake: an unknown format, or --json with another format', async () => {
    const [unknown, both] = await Promise.all([
      runCli(['plan', '--format', 'xml'], { cwd: PROJECT_ROOT }),
      runCli(['plan', '--json', '--format', 'dot'], { cwd: PROJECT_ROOT }),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain("argument 'xml' is invalid. Allowed choices are text, mermaid, dot, json.");
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('error: --json and --format dot contradict each other\n');
  });

  it('exits 1 with the same diagnostic as build on a graph problem', async () => {
    const file = await config('ambiguous', { instances: { one: { component: 'logger' }, two: { component: 'logger' } } });
    const [planned, built] = await Promise.all([
      runCli(['plan', '-c', file], { cwd: tmp }),
      runCli(['build', '-c', file], { cwd: tmp }),
    ]);
    expect(planned.code).toBe(1);
    expect(planned.stdout).toBe('');
    expect(planned.stderr).toMatch(/\[WC4005\]/);
    expect(planned.stderr).toBe(built.stderr);
    expect(built.code).toBe(1);
  });

  it('exits 1 with a one-line diagnostic on a config problem', async () => {
    const file = await config('invalid', { autoPlug: 'yes' });
    const planned = await runCli(['plan', '-c', file], { cwd: tmp });
    expect(planned.code).toBe(1);
    expect(planned.stdout).toBe('');
    expect(planned.stderr).toMatch(new RegExp(`^error: ${file}: autoPlug: .* \\[WC4103\\]\n  hint: `));
  });

  it('--json with a problem prints one JSON document { ok: false, error }', async () => {
    const file = await config('unknown', { instances: { app: { component: 'ap' } } });
    const [r, missing] = await Promise.all([
      runCli(['plan', '-c', file, '--json'], { cwd: tmp }),
      runCli(['plan', '-c', 'missing.config.ts', '--format', 'json'], { cwd: tmp }),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as { ok: boolean; error: Record<string, unknown> };
    expect(Object.keys(doc)).toEqual(['ok', 'error']);
    expect(doc.ok).toBe(false);
    expect(doc.error).toMatchObject({
      code: 'WC4001',
      message: expect.stringContaining('unknown component "ap"'),
      file,
      path: [],
      hint: expect.any(String),
    });
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ ok: false, error: { code: 'WC4101', file: join(tmp, 'missing.config.ts') } });
  });
});

describe('the README pictures of the bundled example', () => {
  it('are what `plan --format mermaid` and `plan --svg` make of it now', async () => {
    const svg = join(mkdtempSync(join(tmpdir(), 'wcompose-plan-')), 'plan.svg');
    const [mermaid, drawn] = await Promise.all([
      runCli(['plan', '--format', 'mermaid'], { cwd: PROJECT_ROOT }),
      runCli(['plan', '--svg', svg], { cwd: PROJECT_ROOT }),
    ]);
    expect([mermaid.code, drawn.code]).toEqual([0, 0]);
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`\`\`\`mermaid\n${mermaid.stdout}\`\`\`\n`);
    expect(readFileSync(svg, 'utf8')).toBe(readFileSync(join(PROJECT_ROOT, 'docs/example-plan.svg'), 'utf8'));
  });
});
