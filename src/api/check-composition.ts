import type { Finding } from '../check/finding.js';
import { obtainConfig } from '../config/load-config.js';
import { resolveConfig } from '../config/resolve.js';
import type { WcomposeConfig } from '../config/schema.js';
import { isWcomposeError } from '../diagnostics/error.js';
import type { WcomposeWarning } from '../diagnostics/warning.js';
import type { Plan } from '../graph/model.js';
import { plan } from '../graph/plan.js';

export interface CheckCompositionOptions {
  /** The config file (default: compose.config.ts or .mts/.js/.mjs in `cwd`), or a config object. */
  config?: string | WcomposeConfig | undefined;
  cwd?: string | undefined;
}

export interface CheckCompositionResult {
  ok: boolean;
  findings: Finding[];
  /** The checked plan, when the composition fits together. */
  plan: Plan | undefined;
  configFile: string | undefined;
  /** What is valid but probably not meant (e.g. nothing exported): reported, and `ok` stays true. */
  warnings: WcomposeWarning[];
}

/**
 * Type-checks a whole composition without emitting anything: every link, the leftover imports against the policy,
 * the exports. A problem in the inputs is a finding, not an exception; a config that cannot be found or read is.
 */
export async function checkComposition(options: CheckCompositionOptions = {}): Promise<CheckCompositionResult> {
  const cwd = options.cwd ?? process.cwd();
  const { config, configFile } = await obtainConfig(options.config, cwd);
  const spec = await resolveConfig(config, configFile, cwd);
  const findings: Finding[] = [];
  try {
    // Every link is checked, and every one that does not fit is reported (not only the first).
    const p = plan(spec, {
      onLinkProblems: (where, problems) => findings.push(...problems.map((f) => ({ ...f, path: [where, ...f.path] }))),
    });
    return { ok: findings.length === 0, findings, plan: findings.length === 0 ? p : undefined, configFile, warnings: p.warnings };
  } catch (e) {
    if (!isWcomposeError(e)) throw e;
    const f: Finding = { code: e.code, path: [...e.path], message: e.message, hint: e.hint };
    return { ok: false, findings: [...findings, f], plan: undefined, configFile, warnings: [] };
  }
}
