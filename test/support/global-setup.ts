/**
 * vitest globalSetup: build every componentize-js fixture once per test run
 * (two at a time; the CI machine has 2 cores) so tests only read the on-disk
 * cache. Cached builds are reused across runs, so this is ~instant when the
 * fixture sources and tool versions are unchanged.
 *
 * Set WCOMPOSE_SKIP_JS_FIXTURES=1 to skip the eager build (tests that need a
 * JS fixture will then build it on demand).
 */
import { buildJs, jsFixtureNames } from './fixtures.js';

const CONCURRENCY = 2;

export default async function setup(): Promise<void> {
  if (process.env.WCOMPOSE_SKIP_JS_FIXTURES === '1') return;
  const queue = jsFixtureNames();
  const failures: string[] = [];
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      try {
        await buildJs(name);
      } catch (err) {
        failures.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (failures.length > 0) {
    throw new Error(`failed to build JS fixtures:\n${failures.join('\n')}`);
  }
}
