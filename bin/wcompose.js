#!/usr/bin/env node
// Start-up matters: wcompose runs in CI steps and npm hooks many times a day. Node's compile cache (Node >= 22.1)
// keeps the compiled modules between runs; `--version` alone is answered before the command line parser loads.
import module from 'node:module';

module.enableCompileCache?.();
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = await import('../dist/version.js');
  process.stdout.write(`${version}\n`);
} else {
  const { main } = await import('../dist/cli/main.js');
  await main(process.argv);
}
