import type { Command } from 'commander';
import { z } from 'zod';
import { SolverInputError } from '../../../solver/index.js';
import { customerRoutes, formats, readInstance, type InstanceFormat } from '../../solving/instance-files.js';
import { solveInWorker } from '../../solving/solve-in-worker.js';
import { CliError } from '../cli-error.js';
import { zodFlag } from '../flags.js';

export const solverFlags = {
  objective: zodFlag(z.enum(['hierarchical', 'cost'], { message: 'expected hierarchical or cost' })),
  seconds: zodFlag(z.coerce.number({ message: 'expected a number of seconds' }).positive({ message: 'expected a positive number of seconds' }).max(86_400, { message: 'expected at most 86400 seconds' })),
  count: zodFlag(z.coerce.number({ message: 'expected a whole number' }).int({ message: 'expected a whole number' }).nonnegative({ message: 'expected a whole number ≥ 0' })),
  threads: zodFlag(z.coerce.number({ message: 'expected a whole number' }).int({ message: 'expected a whole number' }).min(1, { message: 'expected 1 to 64' }).max(64, { message: 'expected 1 to 64' })),
};

interface SolveFlags {
  format?: InstanceFormat;
  objective?: 'hierarchical' | 'cost';
  timeLimit?: number;
  iterations?: number;
  seed: number;
  threads: number;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('solve')
    .description('Solve a Solomon, Li & Lim or VROOM JSON instance and print the solution.')
    .argument('<file>', 'instance file')
    .option('--format <format>', `one of ${formats.join(', ')} (detected from the content when absent)`, zodFlag(z.enum(formats, { message: `expected one of ${formats.join(', ')}` })))
    .option('--objective <objective>', 'hierarchical (stops, then vehicles, then cost) or cost', solverFlags.objective)
    .option('--time-limit <seconds>', 'wall-clock limit', solverFlags.seconds)
    .option('--iterations <n>', 'iteration limit (with --seed: reproducible)', solverFlags.count)
    .option('--seed <n>', 'random seed', solverFlags.count, 1)
    .option('--threads <n>', 'parallel searches; the best wins', solverFlags.threads, 1)
    .option('--json', 'print one JSON object (benchmark formats: routes of customer numbers; VROOM: the full solution)')
    .action(async (file: string, flags: SolveFlags) => {
      let instance;
      try {
        instance = readInstance(file, flags.format);
      } catch (error) {
        throw new CliError(error instanceof SolverInputError ? `${file}: ${error.message}` : (error as Error).message);
      }
      const problem = instance.problem as { options?: Record<string, unknown> };
      if (flags.objective) problem.options = { ...problem.options, objective: flags.objective };
      const timeLimitMs = flags.timeLimit !== undefined ? flags.timeLimit * 1000 : flags.iterations === undefined ? 10_000 : undefined;
      const started = performance.now();
      let solution;
      try {
        solution = await solveInWorker(problem, { timeLimitMs, iterations: flags.iterations, seed: flags.seed, threads: flags.threads });
      } catch (error) {
        if (error instanceof SolverInputError) throw new CliError(`${file}: ${error.message}`);
        throw error;
      }
      const seconds = (performance.now() - started) / 1000;
      if (flags.json) {
        const { stats, ...vroom } = solution;
        const output =
          instance.format === 'vroom'
            ? { ...vroom, stats }
            : { routes: customerRoutes(solution), unassigned: solution.unassigned.map((u) => u.id), vehicles: solution.summary.routes, distance: solution.summary.distance, seconds, stats };
        process.stdout.write(`${JSON.stringify(output)}\n`);
        return;
      }
      const lines = [
        `${file} (${instance.format})`,
        `vehicles ${solution.summary.routes}, distance ${solution.summary.distance.toFixed(2)}, cost ${solution.summary.cost.toFixed(2)}, unassigned ${solution.unassigned.length}, ${seconds.toFixed(1)} s, ${solution.stats.iterations} iterations`,
        ...customerRoutes(solution).map((r, i) => `  route ${i + 1}: ${r.join(' ')}`),
        ...solution.unassigned.map((u) => `  unassigned ${u.type} ${u.id}: ${u.code} — ${u.reason}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
