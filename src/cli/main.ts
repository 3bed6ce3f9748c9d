import type { Command as CommandType } from 'commander';
import { Command, CommanderError } from './commander.js';
import { version } from '../version.js';
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
};

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
  const name = argv?.[2];
  const defined = name !== undefined && Object.hasOwn(commands, name) ? [name] : Object.keys(commands);
  const registers = await Promise.all(defined.map((n) => commands[n]!()));
  for (const register of registers) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
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
