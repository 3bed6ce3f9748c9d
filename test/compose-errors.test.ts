/**
 * Issue #4, "must show" 7: compositions that cannot be built. Each case is a config in a temp project; it must fail
 * through build() with a WcomposeError (code, message and reason chain) and through `wcompose build` with exit code 1
 * and the same one-line diagnostic on stderr, and write nothing: no output file, no temporary file.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../src/api/build.js';
import { plug } from '../src/api/plug.js';
import type { DiagnosticCode } from '../src/diagnostics/codes.js';
import { WcomposeError } from '../src/diagnostics/error.js';
import { runCli } from './support/cli.js';
import { tempProject, type ProjectComponent } from './support/compose.js';

const T = 'demo:text/transform@0.1.0';
const GREETER = 'demo:greet/greeter@0.1.0';

interface ErrorCase {
  name: string;
  components: Record<string, ProjectComponent>;
  config: Record<string, unknown>;
  code: DiagnosticCode;
  /** The message, without the reason chain. */
  message: string | RegExp;
  /** The reason chain (WcomposeError.path), when the error has one. */
  path?: (string | RegExp)[];
}

const text = { upper: { wat: 'upper' }, decorator: { wat: 'decorator' }, exclaim: { wat: 'exclaim' } } satisfies Record<string, ProjectComponent>;

const cases: ErrorCase[] = [
  {
    name: 'missing argument (imports: "none")',
    components: { exclaim: text.exclaim },
    config: { components: ['exclaim.wasm'], imports: 'none' },
    code: 'WC4010',
    message: `import "${T}" of instance "exclaim" is not supplied, and imports are "none"`,
  },
  {
    name: 'type mismatch in a parameter, with the reason chain',
    // Plugged by name: bad-greeter exports demo:greet/greeter@0.1.0, whose greet takes a u32, not a string.
    components: { app: { js: 'app' }, 'bad-greeter': { wat: 'bad-greeter' } },
    config: { components: ['app.wasm', 'bad-greeter.wasm'] },
    // The subtype checker's own code, as `wcompose check` reports the same link.
    code: 'WC3006',
    message: `${GREETER} › greet › parameter "name": expected string, found u32`,
    path: [`instance "app" ← export "${GREETER}" of instance "bad-greeter"`],
  },
  {
    name: 'type mismatch: a function where an interface is imported',
    components: { app: { js: 'app' }, 'bad-greeter': { wat: 'bad-greeter' } },
    config: {
      components: ['app.wasm', 'bad-greeter.wasm'],
      instances: { app: { component: 'app', with: { [GREETER]: { instance: 'bad-greeter', export: 'greet' } } } },
    },
    code: 'WC3003',
    message: `${GREETER}: expected an interface, found a function`,
    path: [`instance "app" ← export "greet" of instance "bad-greeter"`],
  },
  {
    name: 'dependency cycle',
    components: { decorator: text.decorator },
    config: {
      components: ['decorator.wasm'],
      instances: { a: { component: 'decorator', with: { [T]: 'b' } }, b: { component: 'decorator', with: { [T]: 'a' } } },
    },
    code: 'WC4006',
    message: `instances depend on each other in a cycle: a → b → a ("a" takes import "${T}" from "b", "b" takes import "${T}" from "a")`,
  },
  {
    name: 'ambiguous plug',
    components: text,
    config: { components: ['exclaim.wasm', 'upper.wasm', 'decorator.wasm'] },
    code: 'WC4005',
    message: `import "${T}" of instance "exclaim" can be plugged by several instances: decorator (${T}), upper (${T})`,
    path: ['instances.exclaim.with'],
  },
  {
    name: 'unknown instance, with "did you mean"',
    components: { upper: text.upper, exclaim: text.exclaim },
    config: { components: ['upper.wasm', 'exclaim.wasm'], instances: { exclaim: { component: 'exclaim', with: { [T]: 'uper' } } } },
    code: 'WC4002',
    message: 'unknown instance "uper" — did you mean "upper"?',
    path: [`instances.exclaim.with["${T}"]`],
  },
  {
    name: 'duplicate export name',
    components: { upper: text.upper, decorator: text.decorator },
    config: { components: ['upper.wasm', 'decorator.wasm'], exports: ['upper', 'decorator'] },
    code: 'WC4007',
    message: `export "${T}" is exported twice: from instance "upper" and from instance "decorator"`,
    path: ['exports'],
  },
  {
    name: 'a leftover import the policy forbids',
    components: { banner: { wat: 'wasi-banner' }, cli: { js: 'cli' } },
    config: { components: ['banner.wasm', 'cli.wasm'], imports: { deny: ['wasi:*'] } },
    code: 'WC4008',
    message: 'import "wasi:io/poll@0.2.12" of instance "cli" would be an import of the composition, which the imports policy forbids',
  },
  {
    name: 'invalid config key (top level)',
    components: { upper: text.upper },
    config: { components: ['upper.wasm'], export: ['upper'] },
    code: 'WC4103',
    message: 'unknown option "export" — did you mean "exports"?',
    path: ['(the config)'],
  },
  {
    name: 'invalid config key (in an instance)',
    components: { upper: text.upper, exclaim: text.exclaim },
    config: { components: ['upper.wasm', 'exclaim.wasm'], instances: { exclaim: { component: 'exclaim', width: { [T]: 'upper' } } } },
    code: 'WC4103',
    message: 'unknown option "width" — did you mean "with"?',
    path: ['instances.exclaim'],
  },
];

function matches(actual: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? actual === expected : expected.test(actual);
}

describe('composition errors', () => {
  it.each(cases)('$name', async (c) => {
    const p = await tempProject(c.components);
    const config = await p.writeConfig(c.config);
    const before = await p.files();

    const error = await build({ cwd: p.dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WcomposeError);
    const e = error as WcomposeError;
    expect(e.code).toBe(c.code);
    expect(e.message).toMatch(typeof c.message === 'string' ? new RegExp(`^${escape(c.message)}$`) : c.message);
    expect(e.file).toBe(config);
    if (c.path !== undefined) {
      expect(e.path).toHaveLength(c.path.length);
      c.path.forEach((step, i) => expect(matches(e.path[i]!, step), `path[${i}] = ${e.path[i]}`).toBe(true));
    }
    expect(await p.files()).toEqual(before);

    const cli = await runCli(['build'], { cwd: p.dir });
    expect(cli.code).toBe(1);
    expect(cli.stdout).toBe('');
    const [line, hint, ...rest] = cli.stderr.split('\n');
    expect(line).toBe(`error: ${e.format()}`);
    expect(line).toContain(`[${c.code}]`);
    expect(hint).toBe(`  hint: ${e.hint}`);
    expect(rest).toEqual(['']);
    expect(await p.files()).toEqual(before);
  });

  it('`wcompose plug` reports an ambiguous plug with exit code 1 and writes nothing', async () => {
    const p = await tempProject(text);
    const before = await p.files();
    const cli = await runCli(['plug', 'exclaim.wasm', '--plug', 'upper.wasm', '--plug', 'decorator.wasm', '-o', 'out.wasm'], { cwd: p.dir });
    expect(cli.code).toBe(1);
    // Plug mode has no config: the message names the plugs as typed and says how to choose, never `instances.socket.with`.
    expect(cli.stderr.split('\n')).toEqual([
      `error: ${p.path('exclaim.wasm')}: import "${T}" of the socket can be filled by several plugs: upper.wasm (${T}), decorator.wasm (${T}) [WC4005]`,
      '  hint: plug mode takes each import from the one plug that exports it: pass only one of these with --plug, or compose with a config (`wcompose init` writes one) and choose in `instances.<name>.with`',
      '',
    ]);
    expect(cli.stderr).not.toContain('instances.socket');
    expect(await p.files()).toEqual(before);
    await expect(
      plug({ socket: p.path('exclaim.wasm'), plugs: [p.path('upper.wasm'), p.path('decorator.wasm')], output: p.path('out.wasm') }),
    ).rejects.toMatchObject({ code: 'WC4005' });
    expect(await p.files()).toEqual(before);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
