import type { Command as CommandType } from 'commander';
import { Command, CommanderError } from './commander.js';
import { version } from '../version.js';
import { registerBuild } from './commands/build.js';
import { registerCheck } from './commands/check.js';
import { registerInspect } from './commands/inspect.js';
import { registerPlug } from './commands/plug.js';
import { registerPlan } from './commands/plan.js';
import { ExitCode } from './run-command.js';

/** Builds the command-line program; a thin shell over the programmatic API. */
export function createProgram(): CommandType {
  const program = new Command('wcompose')
    .description('a build-time static linker for WebAssembly components')
    .version(version)
    .exitOverride()
    .showHelpAfterError();
  registerBuild(program);
  registerPlug(program);
  registerInspect(program);
  registerCheck(program);
  registerPlan(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = createProgram();
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
