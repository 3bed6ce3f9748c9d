/** Per-fixture componentize options, from fixtures/js/<name>/fixture.json. */
export interface JsFixtureConfig {
  /** World to target (defaults to the only world in the WIT package). */
  world?: string;
  /** componentize-js `disableFeatures` (default: none disabled). */
  disableFeatures?: ('stdio' | 'random' | 'clocks' | 'http' | 'fetch-event')[];
}
export function readFixtureConfig(dir: string): Promise<JsFixtureConfig>;
/** Builds the fixture in `dir` with componentize-js. */
export function componentizeFixture(dir: string): Promise<Uint8Array>;
/** The content key of the fixture's build (`<cache>/js/<name>-<key>.wasm`); `root` is the repository. */
export function fixtureCacheKey(dir: string, root: string): Promise<string>;
