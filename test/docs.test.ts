import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnostics } from '../src/diagnostics/codes.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every diagnostic code, with its title', () => {
    for (const [code, { title }] of Object.entries(diagnostics)) {
      expect(readme, code).toMatch(new RegExp(`\\| ${code} \\| ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
  });

  it('lists no code that does not exist', () => {
    const listed = [...readme.matchAll(/^\| (WC\d+) \|/gm)].map((m) => m[1]);
    expect(listed.filter((c) => !(c! in diagnostics))).toEqual([]);
  });

  it('shows the quick start: the main job and the test command', () => {
    expect(readme).toContain('npm ci && npx wcompose build');
    expect(readme).toContain('npm ci && npm test');
  });
});
