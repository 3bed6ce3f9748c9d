/**
 * The names a config file is looked for under, in this order. A module of its own so that `init` and `watch` can
 * name them without loading the config loader (jiti) and the schema (zod).
 */
export const configFileNames = ['compose.config.ts', 'compose.config.mts', 'compose.config.js', 'compose.config.mjs'];
