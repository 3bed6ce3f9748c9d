import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { createJiti } from 'jiti';
import type { z } from 'zod';
import { WcomposeError } from '../diagnostics/error.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { configSchema, optionKeys, type WcomposeConfig } from './schema.js';
import { selfEntry } from './self-entry.js';
import { syntaxErrorLocation } from './syntax-location.js';

import { configFileNames } from './file-names.js';

export { configFileNames };

/** Finds the config file: the one given, or the first of the usual names in `cwd`. */
export function findConfig(cwd: string, given?: string): string {
  if (given !== undefined) {
    const path = resolve(cwd, given);
    if (!existsSync(path)) throw new WcomposeError('WC4101', `config file not found`, { file: path });
    return path;
  }
  for (const name of configFileNames) {
    const path = resolve(cwd, name);
    if (existsSync(path)) return path;
  }
  throw new WcomposeError('WC4101', `no config file in ${cwd} (looked for ${configFileNames.join(', ')})`, {
    hint: 'create compose.config.ts, or pass --config <file>',
  });
}

/** Loads a config file with jiti (TypeScript without a build step) and validates it. */
export async function loadConfig(path: string): Promise<WcomposeConfig> {
  let loaded: unknown;
  const alias = selfEntry();
  // jiti is loaded only for the configs Node cannot load itself (TypeScript, CommonJS), or to locate a syntax error.
  const jiti = async (): Promise<ReturnType<typeof createJiti>> =>
    (await import('jiti')).createJiti(import.meta.url, { moduleCache: false, fsCache: false, ...(alias === undefined ? {} : { alias: { wcompose: alias } }) });
  try {
    if (isNativeEsm(path)) {
      try {
        // jiti hands ES modules to Node's loader, which caches them by URL: a query made of the file's mtime and size
        // loads a changed config again (for `build --watch`); an unchanged one comes from the cache.
        const { mtimeMs, size } = statSync(path);
        const mod = (await import(`${pathToFileURL(path).href}?v=${mtimeMs}-${size}`)) as { default?: unknown };
        loaded = mod.default ?? mod;
      } catch (e) {
        // `import … from 'wcompose'` where wcompose is not installed in the project (global, npx): Node cannot
        // resolve it, jiti can (see selfEntry). Nothing of the config ran: resolution fails before evaluation.
        if (!cannotFindWcompose(e)) throw e;
        loaded = await (await jiti()).import(path, { default: true });
      }
    } else {
      loaded = await (await jiti()).import(path, { default: true });
    }
  } catch (e) {
    const at = syntaxErrorLocation(path, await jiti());
    if (at !== undefined) {
      throw new WcomposeError('WC4102', `syntax error: ${at.message}`, {
        file: path,
        line: at.line,
        column: at.column,
        hint: 'the config must be a JavaScript or TypeScript module: fix the syntax at that line and column',
      });
    }
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new WcomposeError('WC4102', `cannot load the config: ${message}`, { file: path });
  }
  return validateConfig(loaded, path);
}

function cannotFindWcompose(e: unknown): boolean {
  const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && message.includes("'wcompose'");
}

/** Whether jiti would load `path` with Node's own loader: `.mjs`, or `.js` in a `"type": "module"` package. */
function isNativeEsm(path: string): boolean {
  const ext = extname(path);
  if (ext === '.mjs') return true;
  if (ext !== '.js') return false;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown }).type === 'module';
    } catch {
      if (dirname(dir) === dir) return false;
    }
  }
}

export function validateConfig(value: unknown, file: string | undefined): WcomposeConfig {
  const result = configSchema.safeParse(value);
  if (result.success) {
    if (result.data.components === undefined && result.data.wac === undefined) {
      throw new WcomposeError('WC4103', 'the config needs `components` (or a `wac` document)', { file, path: ['components'] });
    }
    return result.data;
  }
  // An unknown key first: a misspelt `component` also leaves `components` missing, and the unknown key (with its
  // "did you mean") is the one that says what to fix.
  const issues = result.error.issues;
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
  throw new WcomposeError('WC4103', describeIssue(issue), { file, path: [configPath(issue.path)] });
}

function configPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, p) => {
    if (typeof p === 'number') return `${acc}[${p}]`;
    const key = String(p);
    return /^[A-Za-z_$][\w$]*$/.test(key) ? (acc ? `${acc}.${key}` : key) : `${acc}["${key}"]`;
  }, '') || '(the config)';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const depth = issue.path.length;
    const where = depth === 0 ? '' : issue.path[0] === 'artifacts' ? ['artifacts', ...issue.path.slice(1, 2)].join('.') : issue.path[0] === 'instances' ? (depth === 2 ? 'instance' : 'argument') : issue.path[0] === 'exports' ? 'export' : 'imports';
    return issue.keys.map((k) => `unknown option "${k}"${didYouMean(k, optionKeys[where] ?? [])}`).join('; ');
  }
  if (issue.code === 'invalid_union') return `${issue.message.toLowerCase()}: see the documented shapes in the README`;
  return issue.message;
}

/**
 * The config a command works from: an object given in code (validated), or a file — the one given, or the one found
 * in `cwd` — loaded and validated. `onFile` hears of the file before it is loaded (watch mode watches it even when
 * it does not load).
 */
export async function obtainConfig(
  given: string | WcomposeConfig | undefined,
  cwd: string,
  onFile?: (file: string) => void,
): Promise<{ config: WcomposeConfig; configFile: string | undefined }> {
  if (typeof given === 'object') return { config: validateConfig(given, undefined), configFile: undefined };
  const configFile = findConfig(cwd, given);
  onFile?.(configFile);
  return { config: await loadConfig(configFile), configFile };
}
