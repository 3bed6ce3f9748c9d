import { createRequire } from 'node:module';

/**
 * commander, loaded with `require`: it is CommonJS, and `import` of it goes through its ESM wrapper, for which Node
 * first scans the CommonJS source for its export names. That scan costs about as much again as loading commander,
 * on every run of every command.
 */
const commander = createRequire(import.meta.url)('commander') as typeof import('commander');

export const { Command, CommanderError, Option } = commander;
