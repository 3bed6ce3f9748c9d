import type { Command as CommandType } from 'commander';
import { Command, CommanderError } from './commander.js';
import { version } from '../version.js';
import { installInterruptHandler } from './interrupt.js';
import { ExitCode } from './run-command.js';

type Register = (program: CommandType) => void;

/**
 * The commands, in the order help lists them. Each one's module is loaded only when it may run: a run of one command
 * loads that command's definition, and help or an unknown command loads them all.
 */
const commands: Record<string, () => Promise<Register>> = {
  build: async () => (await import('./commands/build.js')).registerBuild,
  plug: async () => (await import('./commands/plug.js')).registerPlug,
  inspect: async () => (await import('./commands/inspect.js')).registerInspect,
  check: async () => (await import('./commands/check.js')).registerCheck,
  plan: async () => (await import('./commands/plan.js')).registerPlan,
  init: async () => (await import('./commands/init.js')).registerInit,
};

/** Other names of commands (commander aliases), so that a run under an alias also loads only its command. */
const aliases: Record<string, string> = { targets: 'check' };

/**
 * Builds the command-line program; a thin shell over the programmatic API. With `argv`, only the command it runs is
 * defined when it names one (`argv[2]`); without, every command.
 */
export async function createProgram(argv?: readonly string[]): Promise<CommandType> {
  const program = new Command('wcompose')
    .description('a build-time static linker for WebAssembly components')
    .version(version)
    .exitOverride()
    .showHelpAfterError();
  const given = argv?.[2];
  const name = given !== undefined && Object.hasOwn(aliases, given) ? aliases[given] : given;
  const defined = name !== undefined && Object.hasOwn(commands, name) ? [name] : Object.keys(commands);
  const registers = await Promise.all(defined.map((n) => commands[n]!()));
  for (const register of registers) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  installInterruptHandler();
  const program = await createProgram(argv);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with code 0; usage mistakes with exit code 2.
      process.exitCode = e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return;
    }
    throw e;
  }
}
