import { checkTarget } from '../check/target.js';
import type { Finding } from '../check/finding.js';
import type { ComponentType } from '../types/model.js';
import { decodeComponent } from '../types/decode.js';
import { loadWitWorld, type LoadWitOptions } from '../wit/load.js';
import { inFile, loadComponentFile } from '../io/read-input.js';

export interface CheckOptions extends LoadWitOptions {
  /** The component: a path to its binary, the binary itself, or its already decoded type. */
  component: string | Uint8Array | ComponentType;
  /** The WIT package holding the world: a .wit file or a folder (with `deps/`), or WIT text. */
  wit: string | { source: string; name?: string };
  /** The world in that package; may be left out when the package has just one. */
  world?: string;
  /** Unstable WIT features to enable. */
  features?: string[];
}

export interface CheckResult {
  /** True when the component targets the world: no findings. */
  ok: boolean;
  /** Every offending import and export, with its reason chain. */
  findings: Finding[];
  /** The component's type. */
  component: ComponentType;
  /** The world's type. */
  world: ComponentType;
}

/**
 * Does a component target a world? Its imports must all be provided by the world's imports (semver-aware: an
 * import of `wasi:io/streams@0.2.0` is provided by `wasi:io/streams@0.2.12`, and the provided interface may export
 * more), and its exports must cover the world's exports (it may export more).
 */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const component = await componentType(options.component);
  const wit = typeof options.wit === 'string'
    ? { path: options.wit }
    : { source: options.wit.source, ...(options.wit.name === undefined ? {} : { sourceName: options.wit.name }) };
  const loaded = await loadWitWorld(
    {
      ...wit,
      ...(options.world === undefined ? {} : { world: options.world }),
      ...(options.features === undefined ? {} : { features: options.features }),
    },
    options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir },
  );
  const findings = checkTarget(component, loaded.type);
  return { ok: findings.length === 0, findings, component, world: loaded.type };
}

async function componentType(c: CheckOptions['component']): Promise<ComponentType> {
  if (typeof c === 'string') return (await loadComponentFile(c, { coreCode: false })).type;
  if (c instanceof Uint8Array) return inFile('<component bytes>', () => decodeComponent(c));
  return c;
}
