/**
 * Builds one componentize-js fixture (fixtures/js/<name>/: component.js, wit/, optional fixture.json) into a
 * component, and names its build by content. Shared by the test fixtures (test/support/fixtures.ts, which caches the
 * result under that name) and the fuzzer (fuzz/corpus.mjs, which reads the build the tests cached for the fixture's
 * current sources, or builds it), so both build a fixture the same way and agree on which build is current.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** The version of an installed package (`unknown` when it has none), as the cache key spells the tools. */
function packageVersion(root, pkg) {
  const json = JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8'));
  return typeof json.version === 'string' ? json.version : 'unknown';
}

/**
 * The content key of a fixture's build: sha256 over the tools (componentize-js and jco, with their versions) and
 * every source file of the fixture (its path in the fixture's folder and its contents), 20 hex digits. The cached
 * build is `<cache>/js/<name>-<key>.wasm`. `root` is the repository (where node_modules is).
 */
export async function fixtureCacheKey(dir, root) {
  const tool = [
    `@bytecodealliance/componentize-js@${packageVersion(root, '@bytecodealliance/componentize-js')}`,
    `@bytecodealliance/jco@${packageVersion(root, '@bytecodealliance/jco')}`,
  ].join(',');
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  const hash = createHash('sha256');
  hash.update(`${tool}\0`);
  for (const file of files) {
    hash.update(`${relative(dir, file).split(sep).join('/')}\0`);
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 20);
}

/** The fixture's componentize options, from its fixture.json (none: defaults). */
export async function readFixtureConfig(dir) {
  try {
    return JSON.parse(await readFile(join(dir, 'fixture.json'), 'utf8'));
  } catch (err) {
    if (err?.code === 'ENOENT') return {};
    throw err;
  }
}

/**
 * Builds the fixture in `dir`. componentize-js reads the WIT through preview2-shim's WASI filesystem, which has no
 * preopens by default ("os error 44"): the host root is preopened as `/` unless something already set preopens.
 */
export async function componentizeFixture(dir) {
  const config = await readFixtureConfig(dir);
  const fs = await import('@bytecodealliance/preview2-shim/filesystem');
  if (fs._getPreopens().length === 0) fs._setPreopens({ '/': '/' });
  const { componentize } = await import('@bytecodealliance/componentize-js');
  const { component } = await componentize({
    sourcePath: join(dir, 'component.js'),
    witPath: join(dir, 'wit'),
    ...(config.world !== undefined ? { worldName: config.world } : {}),
    disableFeatures: config.disableFeatures ?? [],
  });
  return component;
}
