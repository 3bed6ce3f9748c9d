import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createJiti } from 'jiti';
import type { z } from 'zod';
import { WcomposeError } from '../diagnostics/error.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { configSchema, type WcomposeConfig } from './schema.js';

export const configFileNames = ['compose.config.ts', 'compose.config.mts', 'compose.config.js', 'compose.config.mjs'];

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
  try {
    const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
    loaded = await jiti.import(path, { default: true });
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new WcomposeError('WC4102', `cannot load the config: ${message}`, { file: path });
  }
  return validateConfig(loaded, path);
}

export function validateConfig(value: unknown, file: string | undefined): WcomposeConfig {
  const result = configSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new WcomposeError('WC4103', describeIssue(issue), { file, path: [configPath(issue.path)] });
}

function configPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, p) => {
    if (typeof p === 'number') return `${acc}[${p}]`;
    const key = String(p);
    return /^[A-Za-z_$][\w$]*$/.test(key) ? (acc ? `${acc}.${key}` : key) : `${acc}["${key}"]`;
  }, '') || '(the config)';
}

const knownKeys: Record<string, string[]> = {
  '': ['output', 'components', 'instances', 'exports', 'imports', 'autoPlug'],
  instance: ['component', 'with'],
  export: ['instance', 'export', 'as'],
  argument: ['instance', 'export'],
  imports: ['allow', 'deny'],
};

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const depth = issue.path.length;
    const where = depth === 0 ? '' : issue.path[0] === 'instances' ? (depth === 2 ? 'instance' : 'argument') : issue.path[0] === 'exports' ? 'export' : 'imports';
    return issue.keys.map((k) => `unknown option "${k}"${didYouMean(k, knownKeys[where] ?? [])}`).join('; ');
  }
  if (issue.code === 'invalid_union') return `${issue.message.toLowerCase()}: see the documented shapes in the README`;
  return issue.message;
}
