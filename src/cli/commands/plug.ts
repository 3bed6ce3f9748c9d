import type { Command } from 'commander';
import { plug } from '../../api/plug.js';
import { action } from '../run-command.js';

export function registerPlug(program: Command): void {
  program
    .command('plug')
    .description("fill a socket component's imports with the exports of plug components (no config needed)")
    .argument('<socket>', 'the component whose imports are filled and whose exports are the result')
    .requiredOption('--plug <file>', 'a component whose exports fill imports (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .requiredOption('-o, --output <file>', 'where to write the composed component')
    .action(
      action(async (socket: string, opts: { plug: string[]; output: string }) => {
        const result = await plug({ socket, plugs: opts.plug, output: opts.output });
        process.stdout.write(`composed ${result.plan.instances.length} instances → ${result.output} (${result.size} bytes)\n`);
      }),
    );
}
