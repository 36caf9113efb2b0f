/**
 * `lastmile bench solver`: every instance of a benchmark folder, each solution validated by the
 * independent checker, compared with the best-known solutions; a table, summary rows and a JSON record.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { validate } from '../../../solver/validate/index.js';
import { distanceOnlyBestKnown, hierarchicalBestKnown } from '../../solving/best-known.js';
import { readInstance } from '../../solving/instance-files.js';
import { solveInWorker } from '../../solving/solve-in-worker.js';
import { projectRoot } from '../../version.js';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';
import { solverFlags } from './solve.js';

interface Row {
  instance: string;
  vehicles: number;
  bksVehicles?: number;
  distance: number;
  bksDistance?: number;
  gap?: number;
  seconds: number;
  iterations: number;
  movesPerSecond: number;
  unassigned: number;
  valid: boolean;
  errors: string[];
  /** Peak resident memory of the process so far (MB): the solver runs in its worker threads. */
  maxRssMb: number;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

export function formatTable(rows: Row[]): string {
  const header = `${'instance'.padEnd(10)} ${pad('veh', 4)} ${pad('bks', 4)} ${pad('distance', 10)} ${pad('bks dist', 10)} ${pad('gap %', 7)} ${pad('s', 5)} ${pad('moves/s', 10)} ${pad('MB', 6)} valid`;
  const lines = rows.map((r) =>
    `${r.instance.padEnd(10)} ${pad(r.vehicles, 4)} ${pad(r.bksVehicles ?? '-', 4)} ${pad(r.distance.toFixed(2), 10)} ${pad(r.bksDistance?.toFixed(2) ?? '-', 10)} ${pad(r.gap === undefined ? '-' : r.gap.toFixed(2), 7)} ${pad(r.seconds.toFixed(1), 5)} ${pad(Math.round(r.movesPerSecond), 10)} ${pad(Math.round(r.maxRssMb), 6)} ${r.valid ? 'yes' : 'NO'}`,
  );
  return [header, ...lines].join('\n');
}

export function summarise(rows: Row[], objective: string): Record<string, number | string> {
  const withBks = rows.filter((r) => r.bksDistance !== undefined);
  const sameVehicles = withBks.filter((r) => r.vehicles === r.bksVehicles);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  return {
    instances: rows.length,
    valid: rows.filter((r) => r.valid).length,
    vehicles: rows.reduce((s, r) => s + r.vehicles, 0),
    bksVehicles: withBks.reduce((s, r) => s + (r.bksVehicles ?? 0), 0),
    unassigned: rows.reduce((s, r) => s + r.unassigned, 0),
    ...(objective === 'cost'
      ? { meanGapDistanceOnly: mean(withBks.map((r) => r.gap!)) }
      : { instancesAtBksVehicles: sameVehicles.length, meanGapAtBksVehicles: mean(sameVehicles.map((r) => r.gap!)) }),
    totalDistance: rows.reduce((s, r) => s + r.distance, 0),
    meanMovesPerSecond: mean(rows.map((r) => r.movesPerSecond)),
  };
}

export function register(program: Command): void {
  commandGroup(program, 'bench', 'Benchmarks: print a table, record JSON under bench/results/.')
    .command('solver')
    .description('Solve every instance of a benchmark folder and compare with the best-known solutions.')
    .requiredOption('--set <dir>', 'folder of Solomon or Li & Lim instances with bks_*.csv beside them')
    .option('--objective <objective>', 'hierarchical or cost', solverFlags.objective, 'hierarchical')
    .option('--time-limit <seconds>', 'per instance', solverFlags.seconds, 10)
    .option('--seed <n>', 'random seed', solverFlags.count, 1)
    .option('--threads <n>', 'parallel searches per instance', solverFlags.threads, 1)
    .option('--only <regex>', 'only instances whose name matches')
    .option('--out <file>', 'JSON results file')
    .action(async (flags: { set: string; objective: 'hierarchical' | 'cost'; timeLimit: number; seed: number; threads: number; only?: string; out?: string }) => {
      const dir = resolve(flags.set);
      let files: string[];
      try {
        files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
      } catch {
        throw new CliError(`cannot read the folder ${dir}`);
      }
      if (flags.only) {
        const pattern = new RegExp(flags.only, 'i');
        files = files.filter((f) => pattern.test(f));
      }
      if (!files.length) throw new CliError(`no instance (*.txt) in ${dir}`);
      const bks = flags.objective === 'cost' ? distanceOnlyBestKnown(dir) : hierarchicalBestKnown(dir);
      const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'solver {bar} {value}/{total} {instance}', hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
      bar?.start(files.length, 0, { instance: '' });
      const rows: Row[] = [];
      for (const file of files) {
        const name = basename(file, '.txt');
        bar?.update(rows.length, { instance: name });
        const { problem } = readInstance(join(dir, file));
        (problem as { options?: object }).options = { ...(problem as { options?: object }).options, objective: flags.objective };
        const solution = await solveInWorker(problem, { timeLimitMs: flags.timeLimit * 1000, seed: flags.seed, threads: flags.threads });
        const check = validate(problem, solution);
        const best = bks.get(name.toLowerCase());
        const seconds = solution.stats.elapsedMs / 1000;
        rows.push({
          instance: name,
          vehicles: solution.summary.routes,
          bksVehicles: best?.vehicles,
          distance: solution.summary.distance,
          bksDistance: best?.distance,
          gap: best ? (100 * (solution.summary.distance - best.distance)) / best.distance : undefined,
          seconds,
          iterations: solution.stats.iterations,
          movesPerSecond: solution.stats.movesEvaluated / Math.max(1e-9, seconds),
          unassigned: solution.unassigned.length,
          valid: check.ok,
          errors: check.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`),
          maxRssMb: process.resourceUsage().maxRSS / 1024,
        });
        if (!bar) process.stderr.write(`${name} ${solution.summary.routes} ${solution.summary.distance.toFixed(2)}\n`);
      }
      bar?.update(files.length, { instance: 'done' });
      bar?.stop();
      const summary = summarise(rows, flags.objective);
      process.stdout.write(`${formatTable(rows)}\n\n${Object.entries(summary).map(([k, v]) => `${k.padEnd(24)} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(3)) : v}`).join('\n')}\n`);
      const out = flags.out ?? join(projectRoot, 'bench', 'results', `solver-${basename(dir)}-${flags.objective}-${flags.timeLimit}s.json`);
      mkdirSync(resolve(out, '..'), { recursive: true });
      writeFileSync(out, JSON.stringify({ set: basename(dir), objective: flags.objective, timeLimitSeconds: flags.timeLimit, seed: flags.seed, threads: flags.threads, date: new Date().toISOString(), node: process.version, summary, rows }, null, 2));
      process.stderr.write(`results written to ${out}\n`);
      if (rows.some((r) => !r.valid)) throw new CliError('some solutions failed validation (see the table)');
    });
}
