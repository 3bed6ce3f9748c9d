import type { Command } from 'commander';
import { inspect } from '../../api/inspect.js';
import { action } from '../run-command.js';

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description("print a component's world as WIT (default) or JSON")
    .argument('<file>', 'a component binary (.wasm)')
    .option('--wit', 'print the world as WIT (the default)')
    .option('--json', 'print imports and exports as JSON')
    .action(
      action(async (file: string, opts: { wit?: boolean; json?: boolean }) => {
        const result = await inspect(file);
        if (opts.json) process.stdout.write(`${JSON.stringify(result.json, null, 2)}\n`);
        else process.stdout.write(result.wit.endsWith('\n') ? result.wit : `${result.wit}\n`);
      }),
    );
}
