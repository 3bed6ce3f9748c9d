import { relative } from 'node:path';
import type { Command } from 'commander';
import { createStyle, plural } from '../output.js';
import { ExitCode, action } from '../run-command.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a compose.config.ts for the .wasm components in a folder, with the plan wcompose infers')
    .argument('[dir]', 'the folder with the components (default: the current folder)')
    .action(
      action(async (dir: string | undefined) => {
        const { init } = await import('../../api/init.js');
        const result = await init({ dir });
        const s = createStyle(process.stdout);
        const shown = relative(process.cwd(), result.file) || result.file;
        const n = Object.keys(result.components).length;
        process.stdout.write(`${s.ok('wrote')} ${s.path(shown.startsWith('..') ? result.file : shown)} ${s.dim(`(${plural(n, 'component')})`)}\n`);
        for (const skipped of result.skipped) process.stdout.write(`  ${s.dim(`left out ${skipped.file}: ${skipped.reason}`)}\n`);
        return ExitCode.ok;
      }),
    );
}
