/**
 * Test fixtures, built from source at test time and cached on disk.
 *
 *  - WAT fixtures: fixtures/wat/<name>.wat, parsed with the wasm-tools build
 *    bundled in @bytecodealliance/jco-transpile (cheap, ~ms).
 *  - JS fixtures: fixtures/js/<name>/{component.js, wit/, fixture.json},
 *    built with @bytecodealliance/componentize-js (~10 s, ~12 MB each; built
 *    once per run by test/support/global-setup.ts).
 *
 * Binaries are cached under node_modules/.cache/wcompose-fixtures/<kind>/ as
 * `<name>-<key>.wasm`, where key = sha256(fixture source files + tool
 * versions + build options), so unchanged fixtures are reused across runs.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { CACHE_DIR, FIXTURES_DIR, PROJECT_ROOT } from './paths.js';
import { parseWat } from './wasm-tools.js';
import { componentizeFixture, fixtureCacheKey } from '../../scripts/componentize-fixture.mjs';

export type FixtureKind = 'wat' | 'js';

/**
 * WAT fixtures that exercise newer, feature-gated proposals (map types,
 * `implements`, `versionsuffix`, nested package names, gc/memory64 canon
 * options, core tags, shared-everything threads). They are valid, but a
 * reader targeting the stable component model may legitimately reject them;
 * filter them out with `watFixtureNames().filter(n => !EXPERIMENTAL_WAT_FIXTURES.includes(n))`.
 */
export const EXPERIMENTAL_WAT_FIXTURES: readonly string[] = ['proposals'];

const WAT_DIR = join(FIXTURES_DIR, 'wat');
const JS_DIR = join(FIXTURES_DIR, 'js');
/**
 * WAT components for the composition tests: fixtures/wat/compose/<name>.wat.
 * Kept out of watFixtureNames() (they are pieces meant to be linked, e.g. a
 * component importing and exporting the same interface), built and cached
 * the same way (under <cache>/wat-compose/).
 */
const COMPOSE_WAT_DIR = join(WAT_DIR, 'compose');

/** Names (without `.wat`) of all fixtures/wat/*.wat files, sorted. */
export function watFixtureNames(): string[] {
  return readdirSync(WAT_DIR)
    .filter((f) => f.endsWith('.wat'))
    .map((f) => f.slice(0, -'.wat'.length))
    .sort();
}

/** Names (without `.wat`) of all fixtures/wat/compose/*.wat files, sorted. */
export function composeWatFixtureNames(): string[] {
  return readdirSync(COMPOSE_WAT_DIR)
    .filter((f) => f.endsWith('.wat'))
    .map((f) => f.slice(0, -'.wat'.length))
    .sort();
}

/** Names of all fixtures/js/<name>/ directories that contain a component.js, sorted. */
export function jsFixtureNames(): string[] {
  return readdirSync(JS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .filter((n) => {
      try {
        return statSync(join(JS_DIR, n, 'component.js')).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}

function packageVersion(pkg: string): string {
  const json = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'node_modules', pkg, 'package.json'), 'utf8'),
  ) as { version?: unknown };
  return typeof json.version === 'string' ? json.version : 'unknown';
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** sha256 over tool identity + every source file (path and contents). */
async function cacheKey(tool: string, files: string[], base: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${tool}\0`);
  for (const file of files) {
    hash.update(`${relative(base, file).split(sep).join('/')}\0`);
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 20);
}

interface BuildPlan {
  /** Cache subfolder: the fixture kind, or `wat-compose` for fixtures/wat/compose/. */
  kind: FixtureKind | 'wat-compose';
  name: string;
  path: string;
  build: () => Promise<Uint8Array>;
}

async function planWat(name: string, kind: 'wat' | 'wat-compose' = 'wat'): Promise<BuildPlan> {
  const dir = kind === 'wat' ? WAT_DIR : COMPOSE_WAT_DIR;
  const source = join(dir, `${name}.wat`);
  const tool = `@bytecodealliance/jco-transpile@${packageVersion('@bytecodealliance/jco-transpile')}`;
  const key = await cacheKey(tool, [source], dir);
  return {
    kind,
    name,
    path: join(CACHE_DIR, kind, `${name}-${key}.wasm`),
    build: async () => parseWat(await readFile(source, 'utf8'), relative(PROJECT_ROOT, source)),
  };
}

export type { JsFixtureConfig } from '../../scripts/componentize-fixture.mjs';

async function planJs(name: string): Promise<BuildPlan> {
  const dir = join(JS_DIR, name);
  const files = await listFiles(dir);
  if (files.length === 0) throw new Error(`no JS fixture named ${name} (looked in ${dir})`);
  // The key the fuzzer looks its builds up by, too (scripts/componentize-fixture.mjs).
  const key = await fixtureCacheKey(dir, PROJECT_ROOT);
  return {
    kind: 'js',
    name,
    path: join(CACHE_DIR, 'js', `${name}-${key}.wasm`),
    build: () => componentizeFixture(dir),
  };
}

/** In-process memo, keyed by cache path (which already encodes the source hash). */
const inFlight = new Map<string, Promise<Uint8Array>>();

async function readOrBuild(plan: BuildPlan): Promise<Uint8Array> {
  let pending = inFlight.get(plan.path);
  if (pending === undefined) {
    pending = (async () => {
      try {
        return new Uint8Array(await readFile(plan.path));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      const bytes = await plan.build();
      await mkdir(join(CACHE_DIR, plan.kind), { recursive: true });
      // Atomic publish: concurrent workers either see nothing or a whole file.
      const tmp = `${plan.path}.tmp-${process.pid}-${Date.now()}`;
      await writeFile(tmp, bytes);
      await rename(tmp, plan.path);
      await pruneStale(plan);
      return bytes;
    })();
    inFlight.set(plan.path, pending);
    pending.catch(() => inFlight.delete(plan.path));
  }
  return pending;
}

/** Remove older cached builds of the same fixture (best effort). */
async function pruneStale(plan: BuildPlan): Promise<void> {
  const dir = join(CACHE_DIR, plan.kind);
  const keep = relative(dir, plan.path);
  const re = new RegExp(`^${plan.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9a-f]{20}\\.wasm$`);
  for (const file of await readdir(dir)) {
    if (file !== keep && re.test(file)) {
      await rm(join(dir, file), { force: true }).catch(() => undefined);
    }
  }
}

/** Build (or read from cache) fixtures/wat/<name>.wat. */
export async function buildWat(name: string): Promise<Uint8Array> {
  return readOrBuild(await planWat(name));
}

/** Build (or read from cache) fixtures/wat/compose/<name>.wat. */
export async function buildComposeWat(name: string): Promise<Uint8Array> {
  return readOrBuild(await planWat(name, 'wat-compose'));
}

/** Absolute path of the built `.wasm` of fixtures/wat/compose/<name>.wat (building it first if needed). */
export async function composeWatPath(name: string): Promise<string> {
  const plan = await planWat(name, 'wat-compose');
  await readOrBuild(plan);
  return plan.path;
}

/** Build (or read from cache) the componentize-js fixture fixtures/js/<name>/. */
export async function buildJs(name: string): Promise<Uint8Array> {
  return readOrBuild(await planJs(name));
}

/** Build (or read from cache) a fixture of either kind. */
export function buildFixture(kind: FixtureKind, name: string): Promise<Uint8Array> {
  return kind === 'wat' ? buildWat(name) : buildJs(name);
}

/**
 * Absolute path of the built `.wasm` for a fixture (building it first if
 * needed), for tests that drive the CLI with file paths.
 */
export async function fixturePath(kind: FixtureKind, name: string): Promise<string> {
  const plan = kind === 'wat' ? await planWat(name) : await planJs(name);
  await readOrBuild(plan);
  return plan.path;
}
