/**
 * Sanity checks for the composition tests' own fixtures: every fixtures/wat/compose/*.wat builds to a valid
 * component and says what it covers, and the greeter/app JS fixtures have the worlds the tests rely on.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeComponent } from '../src/types/decode.js';
import { buildComposeWat, buildJs, composeWatFixtureNames, composeWatPath, watFixtureNames } from './support/fixtures.js';
import { runComponent, validateComponent } from './support/jco.js';
import { FIXTURES_DIR } from './support/paths.js';

describe('compose WAT fixtures', () => {
  const names = composeWatFixtureNames();

  it('are kept apart from the standalone WAT fixtures', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) expect(watFixtureNames()).not.toContain(name);
  });

  describe.each(names)('%s.wat', (name) => {
    it('builds to a valid component, cached on disk', async () => {
      const bytes = await buildComposeWat(name);
      await validateComponent(bytes);
      expect(await composeWatPath(name)).toMatch(/node_modules\/\.cache\/wcompose-fixtures\/wat-compose\//);
    });

    it('starts with a comment saying what it covers', async () => {
      const source = await readFile(join(FIXTURES_DIR, 'wat', 'compose', `${name}.wat`), 'utf8');
      expect(source).toMatch(new RegExp(`^;; ${name}\\.wat\\n;; Covers: `));
    });
  });
});

describe('greeter and app JS fixtures', () => {
  it('greeter exports demo:greet/greeter@0.1.0 and imports nothing', async () => {
    const bytes = await buildJs('greeter');
    const type = decodeComponent(bytes);
    expect([...type.imports.keys()]).toEqual([]);
    expect([...type.exports.keys()]).toEqual(['demo:greet/greeter@0.1.0']);
    const { greeter } = await runComponent<{ greeter: { greet(name: string): string } }>(bytes, 'greeter');
    expect(greeter.greet('x')).toBe('Hello, x!');
  });

  it('app imports demo:greet/greeter@0.1.0 only and exports demo:greet/app@0.1.0', async () => {
    const bytes = await buildJs('app');
    const type = decodeComponent(bytes);
    expect([...type.imports.keys()]).toEqual(['demo:greet/greeter@0.1.0']);
    expect([...type.exports.keys()]).toEqual(['demo:greet/app@0.1.0']);
    // With a host greeter, run() shows what it got back.
    const { app } = await runComponent<{ app: { run(name: string): string } }>(bytes, 'app', {
      imports: { 'demo:greet/greeter': { greet: (name: string) => `Hi ${name}` } },
    });
    expect(app.run('x')).toBe('app: Hi x (1 chars)');
  });
});
