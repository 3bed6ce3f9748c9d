import type { Command } from 'commander';
import { build } from '../../api/build.js';
import { action } from '../run-command.js';

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('compose the components a config describes into one component')
    .option('-c, --config <file>', 'the config file (default: compose.config.ts in the current folder)')
    .option('-o, --output <file>', "where to write the composed component (overrides the config's output)")
    .action(
      action(async (opts: { config?: string; output?: string }) => {
        const result = await build({ config: opts.config, output: opts.output });
        const n = result.plan.instances.length;
        process.stdout.write(`composed ${n} instance${n === 1 ? '' : 's'} → ${result.output} (${result.size} bytes)\n`);
      }),
    );
}
