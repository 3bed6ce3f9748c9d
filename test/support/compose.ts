/**
 * Helpers for the composition tests (test/compose-*.test.ts): a throw-away
 * project folder holding built fixtures under friendly names and a
 * compose.config.ts, and reading back what a build wrote.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { copyFile, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { composeWatPath, fixturePath } from './fixtures.js';

/** Where a component of a test project comes from. */
export type ProjectComponent = { js: string } | { wat: string };

/** The built file of a fixture: fixtures/js/<name>/ or fixtures/wat/compose/<name>.wat. */
export function componentPath(source: ProjectComponent): Promise<string> {
  return 'js' in source ? fixturePath('js', source.js) : composeWatPath(source.wat);
}

export interface Project {
  dir: string;
  /** `dir`/`name`. */
  path(name: string): string;
  /** Writes `compose.config.ts` (or `file`) exporting `config` as its default export. */
  writeConfig(config: unknown, file?: string): Promise<string>;
  /** The bytes of a file in the project. */
  read(name: string): Promise<Uint8Array>;
  /** Whether a file exists in the project. */
  exists(name: string): boolean;
  /** The project's files, sorted (to check that a failed build left nothing behind, not even a temporary file). */
  files(): Promise<string[]>;
}

/**
 * A fresh folder under the OS temp dir with each component linked in as `<name>.wasm` (so file names, and the
 * component names derived from them, are the same in every run). Called in a test, the folder is removed when the
 * test ends (set WCOMPOSE_KEEP_TMP=1 to keep it).
 */
export async function tempProject(components: Record<string, ProjectComponent>): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), 'wcompose-compose-'));
  if (process.env['WCOMPOSE_KEEP_TMP'] !== '1') onTestFinished(() => rm(dir, { recursive: true, force: true }));
  for (const [name, source] of Object.entries(components)) {
    const from = await componentPath(source);
    const to = join(dir, `${name}.wasm`);
    // The built fixtures are megabytes (componentize-js ones ~12 MB): link rather than copy where possible.
    await symlink(from, to).catch(() => copyFile(from, to));
  }
  const path = (name: string): string => join(dir, name);
  return {
    dir,
    path,
    async writeConfig(config, file = 'compose.config.ts') {
      await writeFile(path(file), `// written by a wcompose test\nexport default ${JSON.stringify(config, null, 2)};\n`);
      return path(file);
    },
    async read(name) {
      return new Uint8Array(await readFile(path(name)));
    },
    exists(name) {
      return existsSync(path(name));
    },
    async files() {
      return (await readdir(dir)).sort();
    },
  };
}

/**
 * A short digest of a component, to compare outputs: `expect(a).toEqual(b)` on multi-megabyte Uint8Arrays makes
 * vitest walk (and on a mismatch, print) every byte, which takes minutes and can run out of memory.
 */
export function digest(bytes: Uint8Array): string {
  return `${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`;
}
