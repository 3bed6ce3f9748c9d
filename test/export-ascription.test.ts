/**
 * Exported instances get an explicit type (`(export "n" (instance i) (instance (type T)))`) where their type uses a
 * resource they do not declare themselves; the others are exported as they are. See `needsAscription` in
 * src/emit/emit.ts. The graph case two-instances-exported-renamed is the other half (jco prints its world only
 * with the ascriptions).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { plug } from '../src/api/plug.js';
import { jcoPrint, jcoWit, normalizeWit } from './support/jco.js';
import { PROJECT_ROOT } from './support/paths.js';

/** The exports of a component's top level that carry a type, as WAT prints them. */
function ascribedExports(wat: string): string[] {
  return [...wat.matchAll(/^ {2}\(export \(;\d+;\) "([^"]+)" \(instance \d+\) \(instance \(type \d+\)\)\)$/gm)].map((m) => m[1]!);
}

describe('exported instances: ascribed where needed', () => {
  it('fuzz finding plug-3940: an exported function taking borrow<blob> through an imported interface\'s alias of it is valid for jco', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-ascribe-'));
    const result = await plug({
      socket: join(PROJECT_ROOT, 'fuzz', 'regressions', 'plug-3940-socket.wat'),
      plugs: [join(PROJECT_ROOT, 'fixtures', 'wat', 'compose', 'shared-types-callee.wat')],
      output: join(dir, 'out.wasm'),
    });
    const bytes = new Uint8Array(readFileSync(result.output));
    // Before: "instance not valid to be used as export" (the export's borrow named store's alias of blob, which
    // neither an import nor an export of the composition names).
    expect(normalizeWit(await jcoWit(bytes))).toBe(
      normalizeWit('package root:component; world root { import demo:t/types@0.1.0; export demo:t/app@0.1.0; }'),
    );
    expect(ascribedExports(await jcoPrint(bytes))).toEqual(['demo:t/app@0.1.0']);
  }, 60_000);

  it('an instance whose type uses no resource it does not declare is exported as it is (the bundled example)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wcompose-ascribe-example-'));
    const result = await build({ config: join(PROJECT_ROOT, 'compose.config.ts'), output: join(dir, 'out.wasm') });
    const wat = await jcoPrint(new Uint8Array(readFileSync(result.output)));
    expect(wat).toContain('(export (;');
    expect(ascribedExports(wat)).toEqual([]);
  }, 60_000);
});
