import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { benchRoadGraph } from '../../../bench/roadgraph.js';
import { projectRoot } from '../../version.js';
import { commandGroup } from '../command-group.js';
import { progressBar } from '../progress.js';

const targets: Record<string, string> = {
  buildSeconds: '≤ 120',
  buildPeakRssMb: '≤ 2000',
  loadMs: '≤ 1000',
  table100Ms: '≤ 50',
  table1000Ms: '≤ 3000',
  routeWithStepsMedianMs: '≤ 5',
  nearestMedianMs: '≤ 0.2',
};

export function register(program: Command): void {
  commandGroup(program, 'bench', 'Benchmarks: print a table, record JSON under bench/results/.')
    .command('roadgraph')
    .description('Measure the embedded road graph: build, load, tables, routes, snapping.')
    .option('--pbf <file>', 'OpenStreetMap extract', join(projectRoot, 'fixtures', 'osm', 'porto_portugal.osm.pbf'))
    .option('--out <file>', 'JSON results file')
    .action(async (flags: { pbf: string; out?: string }) => {
      const steps = ['build', 'load', 'table 100×100', 'table 1000×1000', 'routes', 'nearest'];
      const bar = progressBar('roadgraph bench');
      const result = await benchRoadGraph(flags.pbf, (label) => bar.update(steps.indexOf(label) / steps.length, label));
      bar.stop();
      const rows = Object.entries(result).map(([k, v]) => `${k.padEnd(24)} ${String(typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(k === 'nearestMedianMs' ? 3 : 1) : v).padStart(10)}  ${targets[k] ?? ''}`);
      process.stdout.write(`${'measure'.padEnd(24)} ${'value'.padStart(10)}  target\n${rows.join('\n')}\n`);
      const out = flags.out ?? join(projectRoot, 'bench', 'results', `roadgraph-${result.extract.replace(/\.osm\.pbf$/, '')}.json`);
      mkdirSync(join(out, '..'), { recursive: true });
      writeFileSync(out, JSON.stringify({ ...result, date: new Date().toISOString(), node: process.version }, null, 2));
      process.stderr.write(`results written to ${out}\n`);
    });
}
