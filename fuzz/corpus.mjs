/**
 * The fuzzer's seeds: the repository's fixtures, built from their sources (WAT with jco's wasm-tools; the
 * componentize-js fixtures from the test cache, or built with componentize-js when not there), and the plug
 * scenarios (a socket and its plugs) that compose successfully and validate.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plug } from '../dist/index.js';
import { componentizeFixture, fixtureCacheKey } from '../scripts/componentize-fixture.mjs';
import { jcoValidate } from './targets.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'wcompose-fixtures');

async function wasmTools() {
  return import('@bytecodealliance/jco-transpile/wasm-tools');
}

function watFiles(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.wat')).sort().map((f) => join(dir, f));
}

/**
 * The build of componentize-js fixture `name` for its current sources, if the tests cached it: looked up by the same
 * content key the tests use (not the newest file: a build of older sources may be newer on disk).
 */
async function cachedJs(name) {
  const key = await fixtureCacheKey(join(ROOT, 'fixtures', 'js', name), ROOT);
  try {
    return new Uint8Array(readFileSync(join(CACHE, 'js', `${name}-${key}.wasm`)));
  } catch {
    return undefined;
  }
}

/** Caches a build as the tests do (under its content key, published whole by a rename); best effort. */
async function cacheJs(name, bytes) {
  try {
    const key = await fixtureCacheKey(join(ROOT, 'fixtures', 'js', name), ROOT);
    const file = join(CACHE, 'js', `${name}-${key}.wasm`);
    mkdirSync(join(CACHE, 'js'), { recursive: true });
    writeFileSync(`${file}.tmp-${process.pid}`, bytes);
    renameSync(`${file}.tmp-${process.pid}`, file);
  } catch {
    // the next run builds it again
  }
}

/**
 * Every fixture as `{ name, bytes, big }`, sorted by name (the order is part of what makes a seed reproducible).
 * `js: false` leaves the componentize-js components out (they are 12 MB each).
 */
export async function loadCorpus({ js = true, log = () => {} } = {}) {
  const { parse } = await wasmTools();
  const entries = [];
  const dirs = [join(ROOT, 'fixtures', 'wat'), join(ROOT, 'fixtures', 'wat', 'compose'), join(ROOT, 'fixtures', 'example')];
  for (const dir of dirs) {
    for (const file of watFiles(dir)) {
      try {
        entries.push({ name: relative(ROOT, file), bytes: await parse(readFileSync(file, 'utf8')) });
      } catch (e) {
        log(`skipping ${relative(ROOT, file)}: ${String(e?.message ?? e).split('\n')[0]}`);
      }
    }
  }
  if (js) {
    const jsDir = join(ROOT, 'fixtures', 'js');
    for (const name of readdirSync(jsDir).sort()) {
      let bytes = await cachedJs(name);
      if (bytes === undefined) {
        log(`building fixtures/js/${name} with componentize-js…`);
        bytes = await componentizeFixture(join(ROOT, 'fixtures', 'js', name));
        await cacheJs(name, bytes);
      }
      entries.push({ name: `fixtures/js/${name}`, bytes, big: true });
    }
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Plug scenarios: every (socket, plug) pair of the corpus that `wcompose plug` composes into a component jco
 * validates, plus the known multi-plug ones. Found by trying, so new fixtures join in by themselves.
 */
export async function findScenarios(corpus, dir, { log = () => {} } = {}) {
  const path = (e) => join(dir, e.name.replace(/[^A-Za-z0-9.-]+/g, '_') + (e.name.endsWith('.wasm') ? '' : '.wasm'));
  for (const e of corpus) writeFileSync(path(e), e.bytes);
  const candidates = [];
  const small = corpus.filter((e) => !e.big);
  for (const s of small) for (const p of small) if (s !== p) candidates.push([s, p]);
  const byName = (n) => corpus.find((e) => e.name.endsWith(n));
  const groups = [
    ['compose/kv-app.wat', 'compose/kv-over-bucket.wat', 'compose/bucket-memory.wat'],
    ['js/app', 'js/greeter'],
    ['example/app.wat', 'example/logger-stdout.wat'],
  ];
  for (const g of groups) if (g.every((n) => byName(n) !== undefined)) candidates.push(g.map(byName));
  const scenarios = [];
  for (const group of candidates) {
    const files = group.map(path);
    const output = join(dir, 'scenario-out.wasm');
    try {
      await plug({ socket: files[0], plugs: files.slice(1), output });
    } catch {
      continue;
    }
    const v = await jcoValidate(readFileSync(output));
    if (!v.valid || v.witOnly) continue;
    scenarios.push({ names: group.map((e) => e.name), components: group.map((e) => e.bytes), big: group.some((e) => e.big) });
  }
  log(`${scenarios.length} plug scenarios`);
  return scenarios;
}
