/**
 * The published type definitions stand alone: a strict TypeScript project that imports from 'wcompose' compiles
 * without `skipLibCheck`, without `@types/node` (`types: []`) and without the DOM library. The package is installed
 * into a scratch project as npm would publish it (the files `npm pack` lists), next to its runtime dependencies.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/paths.js';

const run = promisify(execFile);
let scratch: string | undefined;

afterAll(() => (scratch === undefined ? undefined : rm(scratch, { recursive: true, force: true })));

const USE = `import {
  build, check, defineConfig, init, inspect, planComposition, plug, renderPlan, watch, WcomposeError, type BuildResult,
  type WcomposeConfig,
} from 'wcompose';

const config: WcomposeConfig = defineConfig({
  components: { app: 'app.wasm', ops: 'ops.wasm' },
  instances: { app: { component: 'app', with: { 'demo:math/ops@0.1.0': 'ops' } } },
  exports: ['app', { instance: 'ops', export: 'demo:math/ops@0.1.0', as: 'demo:math/ops2@0.1.0' }],
  imports: { deny: ['wasi:filesystem/*'] },
  artifacts: { wit: true, js: { instantiation: 'async' }, wadm: { version: 'v1' } },
});

export async function use(): Promise<string> {
  const built: BuildResult = await build({ config });
  const { findings } = await check({ component: built.output, wit: 'wit/' });
  const { wit } = await inspect(built.output);
  const { graph } = await planComposition({ config });
  await plug({ socket: 'a.wasm', plugs: ['b.wasm'], output: 'c.wasm' });
  let last = '';
  const watcher = watch({ config }, (r) => {
    last = r.ok ? r.result.output : String(r.error);
  });
  await watcher.close();
  const e = new WcomposeError('WC4001', 'x');
  const { file } = await init({ dir: 'build' });
  return [wit, renderPlan(graph, 'mermaid'), e.format(), findings.length, last, file].join('');
}
`;

it('dist/*.d.ts compile in a strict project with types: [] and no skipLibCheck', { timeout: 120_000 }, async () => {
  expect(existsSync(join(PROJECT_ROOT, 'dist', 'index.d.ts')), 'run `npm run build` first').toBe(true);
  scratch = await mkdtemp(join(tmpdir(), 'wcompose-dts-'));
  const pkg = join(scratch, 'node_modules', 'wcompose');
  // What `npm pack` would publish, copied as an install would lay it out.
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PROJECT_ROOT });
  const [{ files }] = JSON.parse(stdout) as [{ files: { path: string }[] }];
  expect(files.map((f) => f.path)).toContain('dist/index.d.ts');
  for (const { path } of files) {
    await mkdir(dirname(join(pkg, path)), { recursive: true });
    await cp(join(PROJECT_ROOT, path), join(pkg, path));
  }
  const manifest = (await import('../package.json', { with: { type: 'json' } })).default as { dependencies: Record<string, string> };
  for (const dep of Object.keys(manifest.dependencies)) {
    await mkdir(dirname(join(scratch, 'node_modules', dep)), { recursive: true });
    await symlink(join(PROJECT_ROOT, 'node_modules', dep), join(scratch, 'node_modules', dep), 'dir');
  }
  await writeFile(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', type: 'module', private: true }));
  await writeFile(join(scratch, 'use.ts'), USE);
  await writeFile(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        lib: ['es2022'],
        types: [],
        skipLibCheck: false,
        noEmit: true,
      },
      files: ['use.ts'],
    }),
  );
  const tsc = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await run(process.execPath, [tsc, '-p', scratch, '--listFiles'], { cwd: scratch }).then(
    (r) => ({ ok: true, out: r.stdout }),
    (e: { stdout?: string }) => ({ ok: false, out: e.stdout ?? String(e) }),
  );
  expect(result.out.split('\n').filter((l) => !l.includes('/node_modules/typescript/lib/') && !l.startsWith('/')).join('\n')).toBe('');
  expect(result.ok).toBe(true);
  // The program really read the published declarations (and nothing from @types).
  expect(result.out).toContain(join(pkg, 'dist', 'index.d.ts'));
  expect(result.out).not.toContain('@types/');
});
