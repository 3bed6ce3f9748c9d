import type { Command } from 'commander';
import { checkDestination, deliverComponent, watOption } from '../component-output.js';
import { reportWarnings, startProgress, writeJson } from '../output.js';
import { action, jsonFlag } from '../run-command.js';
import { planJson, summaryLine } from './build.js';

interface PlugFlags {
  plug: string[];
  output?: string;
  wat?: boolean;
  json?: boolean;
  validate?: boolean;
}

export function registerPlug(program: Command): void {
  program
    .command('plug')
    .description("fill a socket component's imports with the exports of plug components (no config needed)")
    .argument('<socket>', 'the component whose imports are filled and whose exports are the result')
    .requiredOption('--plug <file>', 'a component whose exports fill imports (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('-o, --output <file>', 'where to write the composed component (default: stdout, when it is not a terminal)')
    .addOption(watOption())
    .option('--no-validate', 'do not validate the input components and the composed one (as wac --no-validate)')
    .option('--json', 'print one JSON document: { ok: true, output, size, … } or { ok: false, error }')
    .action(
      action(async (socket: string, opts: PlugFlags) => {
        checkDestination(opts, '-o <file>');
        const n = opts.plug.length + 1;
        const progress = startProgress(`composing ${n} components…`, { disabled: opts.json === true });
        const { plug, preparePlug } = await import('../../api/plug.js');
        if (opts.output !== undefined && !opts.wat) {
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
          return;
        }
        let prepared;
        try {
          prepared = await preparePlug({ socket, plugs: opts.plug, validate: opts.validate !== false });
        } finally {
          progress.done();
        }
        reportWarnings(prepared.plan.warnings);
        const { file, size } = await deliverComponent(prepared.chunks, opts);
        if (file !== undefined) process.stdout.write(`${summaryLine({ output: file, size, plan: prepared.plan })}\n`);
      }, { json: jsonFlag }),
    );
}
