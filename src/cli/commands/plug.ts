import type { Command } from 'commander';
import { reportWarnings, startProgress, writeJson } from '../output.js';
import { action, jsonFlag } from '../run-command.js';
import { planJson, summaryLine } from './build.js';

export function registerPlug(program: Command): void {
  program
    .command('plug')
    .description("fill a socket component's imports with the exports of plug components (no config needed)")
    .argument('<socket>', 'the component whose imports are filled and whose exports are the result')
    .requiredOption('--plug <file>', 'a component whose exports fill imports (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .requiredOption('-o, --output <file>', 'where to write the composed component')
    .option('--no-validate', 'do not validate the input components and the composed one (as wac --no-validate)')
    .option('--json', 'print one JSON document: { ok: true, output, size, … } or { ok: false, error }')
    .action(
      action(async (socket: string, opts: { plug: string[]; output: string; json?: boolean; validate?: boolean }) => {
        const n = opts.plug.length + 1;
        const progress = startProgress(`composing ${n} components…`, { disabled: opts.json === true });
        const { plug } = await import('../../api/plug.js');
        let result;
        try {
          result = await plug({ socket, plugs: opts.plug, output: opts.output, validate: opts.validate !== false });
        } finally {
          progress.done();
        }
        if (opts.json) {
          const warnings = result.warnings.map((w) => w.toJSON());
          writeJson({ ok: true, output: result.output, size: result.size, ...planJson(result.plan), warnings });
        } else {
          reportWarnings(result.warnings);
          process.stdout.write(`${summaryLine(result)}\n`);
        }
      }, { json: jsonFlag }),
    );
}
