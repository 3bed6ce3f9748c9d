import type { Command } from 'commander';
import { check } from '../../api/check.js';
import { checkComposition } from '../../api/check-composition.js';
import { formatFinding } from '../../check/finding.js';
import { diagnostics } from '../../diagnostics/codes.js';
import { isWcomposeError } from '../../diagnostics/error.js';
import { ExitCode, UsageError, action } from '../run-command.js';
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
    .option('--json', 'print one JSON document { ok, findings }')
    .action(
      action(async (file: string | undefined, opts: CheckFlags) => {
        if (file === undefined) return checkConfig(opts);
        if (opts.wit === undefined) throw new UsageError('a component needs --wit <path>: the world to check it against');
        let result;
        try {
          result = await check({ component: file, wit: opts.wit, ...(opts.world === undefined ? {} : { world: opts.world }) });
        } catch (e) {
          if (!opts.json || !isWcomposeError(e)) throw e;
          // With --json, an input that cannot be read is still one JSON document.
          const error = { code: e.code, message: e.message, file: e.file, hint: e.hint };
          process.stdout.write(`${JSON.stringify({ ok: false, findings: [], error }, null, 2)}\n`);
          return ExitCode.problem;
        }
        const world = opts.world === undefined ? `the world in ${opts.wit}` : `world ${opts.world}`;
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ ok: result.ok, findings: result.findings }, null, 2)}\n`);
        } else if (result.ok) {
          process.stdout.write(`ok: ${file} targets ${world}\n`);
        } else {
          const n = result.findings.length;
          printFindings(`${file} does not target ${world}: ${n} problem${n === 1 ? '' : 's'}`, result.findings);
        }
        return result.ok ? ExitCode.ok : ExitCode.problem;
      }),
    );
}

function printFindings(header: string, findings: Finding[]): void {
  const lines = [header];
  for (const f of findings) {
    lines.push(`  ✗ ${formatFinding(f)} [${f.code}]`);
    lines.push(`    hint: ${f.hint ?? diagnostics[f.code].hint}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function checkConfig(opts: CheckFlags): Promise<number> {
  const result = await checkComposition({ config: opts.config });
  const where = result.configFile ?? 'the config';
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ok: result.ok, findings: result.findings }, null, 2)}\n`);
  } else if (result.ok) {
    const p = result.plan!;
    process.stdout.write(`ok: ${where}: ${p.instances.length} instances, ${p.imports.length} imports, ${p.exports.length} exports\n`);
  } else {
    printFindings(`${where} does not compose: ${result.findings.length} problem(s)`, result.findings);
  }
  return result.ok ? ExitCode.ok : ExitCode.problem;
}
