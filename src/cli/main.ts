import { CommanderError } from 'commander';
import { ConfigError } from '../config/config.js';
import { DataDirLockedError } from '../runtime/data-dir-lock.js';
import { CliError } from './cli-error.js';
import { buildProgram } from './program.js';

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const ok = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      process.exit(ok ? 0 : error.exitCode === 1 ? 2 : error.exitCode);
    }
    if (error instanceof ConfigError || error instanceof CliError || error instanceof DataDirLockedError) {
      process.stderr.write(`lastmile: ${error.message}\n`);
      process.exit(error instanceof CliError ? error.exitCode : 1);
    }
    process.stderr.write(`lastmile: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  }
}

await main(process.argv);
