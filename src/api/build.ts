import { findConfig, loadConfig } from '../config/load-config.js';
import { outputPath, resolveConfig } from '../config/resolve.js';
import type { WcomposeConfig } from '../config/schema.js';
import { validateConfig } from '../config/load-config.js';
import { writeFileAtomic } from '../emit/write-atomic.js';
import type { Plan } from '../graph/model.js';
import { composeChunks } from './compose.js';

export interface BuildOptions {
  /** The config file (default: compose.config.ts or .mts/.js/.mjs in `cwd`), or a config object. */
  config?: string | WcomposeConfig | undefined;
  /** Where relative paths start when `config` is an object, and where the config is looked for. Default: cwd. */
  cwd?: string | undefined;
  /** Overrides the config's `output`. */
  output?: string | undefined;
}

export interface BuildResult {
  /** The file written. */
  output: string;
  /** Its size in bytes. */
  size: number;
  plan: Plan;
  configFile: string | undefined;
}

/** Builds the composition a config describes and writes it (atomically) to its output file. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  let configFile: string | undefined;
  let config: WcomposeConfig;
  if (typeof options.config === 'object') {
    config = validateConfig(options.config, undefined);
  } else {
    configFile = findConfig(cwd, options.config);
    config = await loadConfig(configFile);
  }
  const spec = await resolveConfig(config, configFile, cwd);
  const { plan, chunks, size } = composeChunks(spec);
  const output = outputPath(config, configFile, cwd, options.output);
  await writeFileAtomic(output, chunks);
  return { output, size, plan, configFile };
}
