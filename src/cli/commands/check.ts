import type { Command } from 'commander';
import { formatFinding } from '../../check/finding.js';
import { diagnostics } from '../../diagnostics/codes.js';
import { createStyle, errorJson, plural, reportWarnings, withProgress, writeJson } from '../output.js';
import type { Plan } from '../../graph/model.js';
import { ExitCode, UsageError, action, exitCodeFor, jsonFlag } from '../run-command.js';
import { collectDeps, wacFlags } from './build.js';
import type { Finding } from '../../check/finding.js';

interface CheckFlags {
  wit?: string;
  depsDir?: string;
  dep?: string[];
  config?: string;
  world?: string;
  json?: boolean;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .alias('targets')
    .description(
      'check that a component targets a WIT world (with --wit), or type-check a whole composition config (no emit)',
    )
    .argument('[component]', 'a component binary (.wasm) to check against --wit, or a WAC document (.wac) to type-check')
    .argument('[wit]', 'the WIT package (the same as --wit)')
    .option('--deps-dir <dir>', 'WAC: the folder packages are found in (default: deps/ beside the document)')
    .option('--dep <pkg=path...>', 'WAC: where package ns:name is (repeatable)', collectDeps, [])
    .option('--wit <path>', 'the WIT package: a .wit file or a folder (with deps/)')
    .option('-c, --config <file>', 'the composition config to check (default: compose.config.ts)')
    .option('--world <name>', 'the world to target (needed when the package has several)')
    .option('--json', 'print one JSON document: { ok, findings } (and error, when an input cannot be read)')
    .action(
      action(async (file: string | undefined, witArg: string | undefined, opts: CheckFlags) => {
        if (witArg !== undefined) {
          if (opts.wit !== undefined) throw new UsageError('give the WIT package once: as an argument or with --wit');
          opts.wit = witArg;
        }
        if (file !== undefined && file.endsWith('.wac')) {
          if (opts.config !== undefined) throw new UsageError(`give either a document (${file}) or --config (${opts.config}), not both`);
          return checkConfig({ ...opts, config: file });
        }
        if (file === undefined) {
          // --wit and --world describe a target for a component: without one, checking the config instead would
          // quietly answer another question.
          const flag = opts.wit !== undefined ? '--wit' : opts.world !== undefined ? '--world' : undefined;
          if (flag !== undefined) {
            throw new UsageError(`${flag} checks a component against a world: name the component (wcompose check <component.wasm> --wit <path>)`);
          }
          return checkConfig(opts);
        }
        if (opts.wit === undefined) throw new UsageError('a component needs --wit <path>: the world to check it against');
        if (opts.config !== undefined) throw new UsageError('--config checks a composition, not a component: leave out one or the other');
        const { check } = await import('../../api/check.js');
        let result;
        try {
          const options = { component: file, wit: opts.wit, ...(opts.world === undefined ? {} : { world: opts.world }) };
          result = await withProgress(`checking ${file}…`, () => check(options), { disabled: opts.json === true });
        } catch (e) {
          if (!opts.json) throw e;
          return jsonFailure(e);
        }
        const world = opts.world === undefined ? `the world in ${opts.wit}` : `world ${opts.world}`;
        if (opts.json) {
          writeJson({ ok: result.ok, findings: result.findings });
        } else if (result.ok) {
          process.stdout.write(`${createStyle(process.stdout).ok('ok:')} ${file} targets ${world}\n`);
        } else {
          printFindings(`${file} does not target ${world}: ${plural(result.findings.length, 'problem')}`, result.findings);
        }
        return result.ok ? ExitCode.ok : ExitCode.problem;
      }, { json: jsonFlag }),
    );
}

function printFindings(header: string, findings: Finding[]): void {
  const s = createStyle(process.stdout);
  const lines = [header];
  for (const f of findings) {
    lines.push(`  ${s.error('✗')} ${formatFinding(f)} ${s.code(`[${f.code}]`)}`);
    lines.push(`    ${s.hint('hint:')} ${f.hint ?? diagnostics[f.code].hint}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * With --json, an input that cannot be read (or a config that cannot be loaded) is still one JSON document:
 * `{ ok: false, findings: [], error }`, exit code 1.
 */
function jsonFailure(e: unknown): number {
  writeJson({ ok: false, findings: [], error: errorJson(e) });
  return exitCodeFor(e);
}

async function checkConfig(opts: CheckFlags): Promise<number> {
  const { checkComposition } = await import('../../api/check-composition.js');
  let result;
  try {
    result = await withProgress('checking the composition…', () => checkComposition({ config: opts.config, ...wacFlags(opts) }), { disabled: opts.json === true });
  } catch (e) {
    if (!opts.json) throw e;
    return jsonFailure(e);
  }
  const where = result.configFile ?? 'the config';
  if (opts.json) {
    writeJson({ ok: result.ok, findings: result.findings, warnings: result.warnings.map((w) => w.toJSON()) });
    return result.ok ? ExitCode.ok : ExitCode.problem;
  }
  reportWarnings(result.warnings);
  if (result.ok) {
    const p = result.plan!;
    const s = createStyle(process.stdout);
    process.stdout.write(`${s.ok('ok:')} ${where}: ${counts(p)}\n`);
  } else {
    printFindings(`${where} does not compose: ${plural(result.findings.length, 'problem')}`, result.findings);
  }
  return result.ok ? ExitCode.ok : ExitCode.problem;
}

/** `2 instances, 1 import, 0 exports` */
function counts(p: Plan): string {
  return [plural(p.instances.length, 'instance'), plural(p.imports.length, 'import'), plural(p.exports.length, 'export')].join(', ');
}
