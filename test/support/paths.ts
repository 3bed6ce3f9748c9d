/** Well-known locations used by the test-support helpers. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above test/support/). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Fixture sources: fixtures/wat/*.wat and fixtures/js/<name>/. */
export const FIXTURES_DIR = join(PROJECT_ROOT, 'fixtures');

/** Build outputs (fixture binaries, transpiled JS); safe to delete at any time. */
export const CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'wcompose-fixtures');
