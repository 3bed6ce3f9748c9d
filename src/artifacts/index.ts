import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { WcomposeError } from '../diagnostics/error.js';
import type { Plan } from '../graph/model.js';
import { generatedBy, jsArtifact } from './js.js';
import type { ArtifactKind, ArtifactPlan } from './resolve.js';
import { wadmArtifact } from './wadm.js';
import { witArtifact } from './wit.js';
import { writeError } from '../emit/write-atomic.js';
import type { OutputEntry } from './write.js';

export { artifactKinds, artifactPaths, resolveArtifacts, type ArtifactKind, type ArtifactPlan } from './resolve.js';
export { isTempName, writeAllAtomic, type OutputEntry } from './write.js';

/** An artifact a build wrote. */
export interface ArtifactResult {
  kind: ArtifactKind;
  /** The file written (the folder, for `js`). */
  path: string;
  /** Every file written, as absolute paths (for `wit` and `wadm`, just `path`). */
  files: string[];
}

const labels: Record<ArtifactKind, string> = { wit: 'the WIT file', js: 'the JS bindings folder', wadm: 'the wadm manifest' };

/**
 * Checks the artifacts' paths before anything is generated: each different from the composed component's and from
 * each other (none inside the JS folder), and the JS folder either new, empty, or one wcompose wrote before.
 */
export async function checkArtifactPaths(output: string, plan: ArtifactPlan): Promise<void> {
  const taken: { kind: ArtifactKind | 'output'; path: string }[] = [{ kind: 'output', path: output }];
  const describe = (k: ArtifactKind | 'output'): string => (k === 'output' ? 'the composed component' : labels[k]);
  for (const [kind, path] of [['wit', plan.wit?.path], ['js', plan.js?.dir], ['wadm', plan.wadm?.path]] as const) {
    if (path === undefined) continue;
    for (const other of taken) {
      const inside = (dir: string, p: string): boolean => p.startsWith(`${dir}${sep}`);
      if (other.path === path || (kind === 'js' && inside(path, other.path)) || (other.kind === 'js' && inside(other.path, path))) {
        throw new WcomposeError('WC5003', `${labels[kind]} (${path}) and ${describe(other.kind)} (${other.path}) would overwrite each other`, {
          file: output,
          path: [`artifacts.${kind}`],
        });
      }
    }
    taken.push({ kind, path });
  }
  if (plan.js !== undefined) await checkJsFolder(plan.js.dir, output);
}

async function checkJsFolder(dir: string, output: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) return;
  const fail = (why: string): never => {
    throw new WcomposeError('WC5004', `${dir} ${why}`, { file: output, path: ['artifacts.js'] });
  };
  if (!info.isDirectory()) fail('exists and is not a folder');
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (e) {
    throw writeError(e, dir);
  }
  if (entries.length === 0) return;
  try {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { generatedBy?: unknown };
    if (typeof pkg.generatedBy === 'string' && pkg.generatedBy.startsWith(generatedBy)) return;
  } catch {
    // no package.json, or not ours: not a folder wcompose wrote
  }
  fail('holds files wcompose did not write');
}

export interface ArtifactContext {
  /** The composed component's path. */
  output: string;
  /** The composed component. */
  bytes: Uint8Array;
  plan: Plan;
}

/**
 * Generates every artifact in memory (nothing is written): entries for `writeAllAtomic`, and what to report. A
 * failure in any of them is a diagnostic (WC5001, WC5002), before any file is touched.
 */
export async function generateArtifacts(artifacts: ArtifactPlan, ctx: ArtifactContext): Promise<{ entries: OutputEntry[]; results: ArtifactResult[] }> {
  const entries: OutputEntry[] = [];
  const results: ArtifactResult[] = [];
  if (artifacts.wit !== undefined) {
    const path = artifacts.wit.path;
    entries.push({ kind: 'file', path, data: witArtifact(ctx.bytes, ctx.output) });
    results.push({ kind: 'wit', path, files: [path] });
  }
  if (artifacts.js !== undefined) {
    const dir = artifacts.js.dir;
    const files = await jsArtifact(ctx.bytes, artifacts.js, ctx.output);
    entries.push({ kind: 'dir', path: dir, files });
    const names = Object.keys(files).sort();
    results.push({ kind: 'js', path: dir, files: names.map((n) => join(dir, n)) });
  }
  if (artifacts.wadm !== undefined) {
    const path = artifacts.wadm.path;
    entries.push({ kind: 'file', path, data: wadmArtifact(artifacts.wadm, ctx.output, ctx.plan) });
    results.push({ kind: 'wadm', path, files: [path] });
  }
  return { entries, results };
}

/** `out/app.wit` relative to `from` (for messages), or the absolute path when it is elsewhere. */
export function displayPath(path: string, from: string): string {
  const rel = relative(from, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}
