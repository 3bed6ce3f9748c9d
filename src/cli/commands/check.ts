import type { Command } from 'commander';
import { formatFinding } from '../../check/finding.js';
import { diagnostics } from '../../diagnostics/codes.js';
import { createStyle, errorJson, reportWarnings, withProgress, writeJson } from '../output.js';
import { ExitCode, UsageError, action, exitCodeFor, jsonFlag } from '../run-command.js';
import type { Finding } from '../../check/finding.js';

interface CheckFlags {
  wit?: string;
  config?: string;
  world?: string;
  json?: boolean;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      'check that a component targets a WIT world (with --wit), or type-check a whole composition config (no emit)',
    )
    .argument('[component]', 'a component binary (.wasm) to check against --wit')
    .option('--wit <path>', 'the WIT package: a .wit file or a folder (with deps/)')
    .option('-c, --config <file>', 'the composition config to check (default: compose.config.ts)')
    .option('--world <name>', 'the world to target (needed when the package has several)')
    .option('--json', 'print one JSON document: { ok, findings } (and error, when an input cannot be read)')
    .action(
      action(async (file: string | undefined, opts: CheckFlags) => {
        if (file === undefined) return checkConfig(opts);
        if (opts.wit === undefined) throw new UsageError('a component needs --wit <path>: the world to check it against');
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
          const n = result.findings.length;
          printFindings(`${file} does not target ${world}: ${n} problem${n === 1 ? '' : 's'}`, result.findings);
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
    result = await withProgress('checking the composition…', () => checkComposition({ config: opts.config }), { disabled: opts.json === true });
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
    process.stdout.write(`${s.ok('ok:')} ${where}: ${p.instances.length} instances, ${p.imports.length} imports, ${p.exports.length} exports\n`);
  } else {
    printFindings(`${where} does not compose: ${result.findings.length} problem(s)`, result.findings);
  }
  return result.ok ? ExitCode.ok : ExitCode.problem;
}
