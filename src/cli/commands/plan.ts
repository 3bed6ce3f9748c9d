import type { Command } from 'commander';
import { Option } from '../commander.js';
import { isWcomposeError } from '../../diagnostics/error.js';
import { planFormats, type PlanFormat } from '../../plan-view/formats.js';
import { colorLevel, errorJson, plural, reportWarnings, writeJson } from '../output.js';
import { ExitCode, UsageError, action } from '../run-command.js';
import { collectDeps, configArgument, wacFlags } from './build.js';

interface PlanFlags {
  config?: string;
  depsDir?: string;
  dep?: string[];
  format?: PlanFormat;
  json?: boolean;
  svg?: string;
}

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('show the planned composition graph: instances, what satisfies each import, imports and exports')
    .argument('[document]', 'a WAC document (.wac) to plan, instead of a config')
    .option('-c, --config <file>', 'the config file (default: compose.config.ts in the current folder), or a .wac document')
    .option('--deps-dir <dir>', 'WAC: the folder packages are found in (default: deps/ beside the document)')
    .option('--dep <pkg=path...>', 'WAC: where package ns:name is (repeatable)', collectDeps, [])
    .addOption(new Option('--format <format>', 'what to print (default: text)').choices(planFormats))
    .option('--json', 'the same as --format json')
    .option('--svg <file>', 'also draw the graph to an SVG file (with Graphviz)')
    .action(
      action(async (document: string | undefined, opts: PlanFlags) => {
        if (opts.json && opts.format !== undefined && opts.format !== 'json') {
          throw new UsageError(`--json and --format ${opts.format} contradict each other`);
        }
        const format: PlanFormat | undefined = opts.json ? 'json' : opts.format;
        // Loaded when the command runs: the planner, the views and chalk are not needed to parse the command line.
        const [{ planComposition }, { renderPlan }, { Chalk }] = await Promise.all([
          import('../../api/plan.js'), import('../../plan-view/index.js'), import('chalk'),
        ]);
        let result;
        try {
          result = await planComposition({ config: configArgument(document, opts.config), svg: opts.svg, ...wacFlags(opts) });
        } catch (e) {
          if (format !== 'json' || !isWcomposeError(e)) throw e;
          // With JSON output, a problem is still one JSON document (and exit code 1).
          writeJson({ ok: false, error: errorJson(e) });
          return ExitCode.problem;
        }
        // On stderr, so that stdout holds only the plan (one JSON document with --json).
        reportWarnings(result.warnings);
        if (result.svg !== undefined && format === undefined) {
          // Only drawing: say what was drawn where, as `build` does.
          process.stdout.write(`drew ${plural(result.plan.instances.length, 'instance')} → ${opts.svg}\n`);
          return ExitCode.ok;
        }
        // Without an output in the config, `wcompose build` writes to stdout: the plan says so.
        const graph = result.outputNamed ? result.graph : { ...result.graph, output: format === 'json' ? undefined : '(stdout)' };
        process.stdout.write(renderPlan(graph, format ?? 'text', { chalk: new Chalk({ level: colorLevel(process.stdout) }) }));
        return ExitCode.ok;
      }),
    );
}

