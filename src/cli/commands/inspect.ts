import type { Command } from 'commander';
import { writeJson } from '../output.js';
import { action, jsonFlag } from '../run-command.js';

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description("print a component's world as WIT (default) or JSON")
    .argument('<file>', 'a component binary (.wasm) or component text (.wat)')
    .option('--wit', 'print the world as WIT (the default)')
    .option('--json', 'print one JSON document: { ok: true, file, imports, exports } or { ok: false, error }')
    .action(
      action(async (file: string, opts: { wit?: boolean; json?: boolean }) => {
        const { inspect } = await import('../../api/inspect.js');
        const result = await inspect(file);
        if (opts.json) writeJson({ ok: true, file: result.file, ...result.json });
        else process.stdout.write(result.wit.endsWith('\n') ? result.wit : `${result.wit}\n`);
      }, { json: jsonFlag }),
    );
}
