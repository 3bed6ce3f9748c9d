import { z } from 'zod';

/**
 * The shape of `compose.config.ts`. Names follow what a wac or Vite user would guess: `components` are files,
 * `instances` are what gets instantiated (by default one per component, named after it), `with` gives explicit
 * arguments, `exports` chooses what the composition exports, `imports` says what may be left to the host.
 */
const argument = z.union([
  z.string().describe('an instance name: its export matching the import name, else the whole instance'),
  z.strictObject({ instance: z.string(), export: z.string().optional() }),
]);

const instance = z.strictObject({
  component: z.string(),
  with: z.record(z.string(), argument).optional(),
});

const exportSpec = z.union([
  z.string().describe('an instance name: all of its exports'),
  z.strictObject({ instance: z.string(), export: z.string().optional(), as: z.string().optional() }),
]);

const importPolicy = z.union([
  z.literal('allow'),
  z.literal('none'),
  z.strictObject({ allow: z.array(z.string()).optional(), deny: z.array(z.string()).optional() }),
]);

export const configSchema = z.strictObject({
  /** Where to write the composed component (relative to the config file). Default: `composed.wasm`. */
  output: z.string().optional(),
  /** Component files (paths or globs; `.wasm` or `.wat`): a list (named after their file names) or name → path. */
  components: z.union([z.array(z.string()).min(1), z.record(z.string(), z.string())]),
  instances: z.record(z.string(), instance).optional(),
  exports: z.array(exportSpec).optional(),
  imports: importPolicy.optional(),
  /** Plug an open import from the one instance that exports it. Default: true. */
  autoPlug: z.boolean().optional(),
});

/** A wcompose configuration, as written in `compose.config.ts`. */
export type WcomposeConfig = z.input<typeof configSchema>;

/** Gives a config its type in the editor; returns it unchanged. */
export function defineConfig(config: WcomposeConfig): WcomposeConfig {
  return config;
}

export const configKeys = Object.keys(configSchema.shape);
