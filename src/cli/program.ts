/**
 * The `lastmile` command tree. Usage errors (unknown command or flag, a bad value) print the
 * usage and exit with 2; failures the user can act on print one line and exit with 1.
 */
import { Command } from 'commander';
import { version } from '../version.js';
import { register as registerServe } from './commands/serve.js';
import { register as registerMigrate } from './commands/migrate.js';
import { register as registerKeys } from './commands/keys.js';
import { register as registerSolve } from './commands/solve.js';
import { register as registerBenchSolver } from './commands/bench-solver.js';
import { register as registerRoadGraph } from './commands/roadgraph.js';
import { register as registerBenchRoadGraph } from './commands/bench-roadgraph.js';
import { register as registerWorker } from './commands/worker.js';
import { register as registerBenchApi } from './commands/bench-api.js';
import { register as registerBenchTracking } from './commands/bench-tracking.js';

export function buildProgram(): Command {
  const program = new Command('lastmile')
    .description('Open last-mile logistics: dispatch API, route optimisation, road graph, live tracking.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerServe(program);
  registerWorker(program);
  registerMigrate(program);
  registerKeys(program);
  registerSolve(program);
  registerBenchSolver(program);
  registerRoadGraph(program);
  registerBenchRoadGraph(program);
  registerBenchApi(program);
  registerBenchTracking(program);
  // Subcommands added above inherit exitOverride only when created after it; make sure of it.
  const inherit = (command: Command) => {
    command.exitOverride().showHelpAfterError('(run with --help for usage)');
    command.commands.forEach(inherit);
  };
  program.commands.forEach(inherit);
  return program;
}
