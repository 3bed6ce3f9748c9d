import type { Command } from 'commander';
import { check } from '../../api/check.js';
import { formatFinding } from '../../check/finding.js';
import { diagnostics } from '../../diagnostics/codes.js';
import { isWcomposeError } from '../../diagnostics/error.js';
import { ExitCode, action } from '../run-command.js';

interface CheckFlags {
  wit: string;
  world?: string;
  json?: boolean;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check that a component targets a WIT world: its imports are provided and its exports are there')
    .argument('<component>', 'a component binary (.wasm)')
    .requiredOption('--wit <path>', 'the WIT package: a .wit file or a folder (with deps/)')
    .option('--world <name>', 'the world to target (needed when the package has several)')
    .option('--json', 'print one JSON document { ok, findings }')
    .action(
      action(async (file: string, opts: CheckFlags) => {
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
          const lines = [`${file} does not target ${world}: ${n} problem${n === 1 ? '' : 's'}`];
          for (const f of result.findings) {
            lines.push(`  ✗ ${formatFinding(f)} [${f.code}]`);
            lines.push(`    hint: ${f.hint ?? diagnostics[f.code].hint}`);
          }
          process.stdout.write(`${lines.join('\n')}\n`);
        }
        return result.ok ? ExitCode.ok : ExitCode.problem;
      }),
    );
}
