import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null | undefined;

/**
 * The file `import … from 'wcompose'` means: this very package's entry point (its `exports["."].import`), found by
 * walking up from this module to the package.json named `wcompose`. Configs import `defineConfig` from 'wcompose';
 * pointing that name at the running wcompose makes them load where wcompose is not a dependency of the project (a
 * global install, `npx wcompose`), and with the same wcompose that reads them. Undefined when not found.
 */
export function selfEntry(): string | undefined {
  if (cached !== undefined) return cached ?? undefined;
  cached = null;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; exports?: { '.'?: { import?: unknown } } };
        const entry = pkg.exports?.['.']?.import;
        if (pkg.name === 'wcompose' && typeof entry === 'string' && existsSync(join(dir, entry))) {
          cached = join(dir, entry);
          break;
        }
      } catch {
        // Not a readable manifest: keep walking up.
      }
    }
    if (dirname(dir) === dir) break;
  }
  return cached ?? undefined;
}
