/**
 * Node arguments that make a child process print every module it loads (`LOADED <url>` on stderr), through a module
 * resolution hook: how tests show which libraries a command loads, and which it does not.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the hook into `dir` (a temporary folder the caller removes) and returns the `--import` arguments. */
export function moduleTraceArgs(dir: string): string[] {
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, `import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  writeSync(2, 'LOADED ' + r.url + '\\n');
  return r;
}
`);
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${hooks}`).href)});\n`);
  return ['--import', register];
}
