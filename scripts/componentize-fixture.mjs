/**
 * Builds one componentize-js fixture (fixtures/js/<name>/: component.js, wit/, optional fixture.json) into a
 * component. Shared by the test fixtures (test/support/fixtures.ts, which caches the result by content) and the
 * fuzzer (fuzz/corpus.mjs), so both build a fixture the same way.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

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
