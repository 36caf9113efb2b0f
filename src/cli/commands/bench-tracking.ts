import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { benchTracking } from '../../../bench/tracking.js';
import { projectRoot } from '../../version.js';
import { commandGroup } from '../command-group.js';
import { zodFlag } from '../flags.js';

const targets: Record<string, string> = {
  pollsPerSecond: '≥ 3000',
  pingsPerSecond: '≥ 2000 (sustained at the offered rate)',
  pingToSseP50Ms: '≤ 50',
  pingToSseP99Ms: '≤ 250',
  sseConnectionsOpen: '= sseConnections',
  apiRssMbWithSse: '≤ 1024',
};

export function register(program: Command): void {
  const count = (max: number) => zodFlag(z.coerce.number().int().min(1).max(max));
  commandGroup(program, 'bench', 'Benchmarks: print a table, record JSON under bench/results/.')
    .command('tracking')
    .description('Measure tracking on PostgreSQL + Redis: assignment polls, pings with ETA recompute, ping → SSE latency, concurrent SSE connections.')
    .option('--redis <url>', 'Redis', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
    .option('--couriers <n>', 'couriers with a published route', count(100_000), 10_000)
    .option('--ping-rate <n>', 'pings per second offered', count(100_000), 2000)
    .option('--seconds <n>', 'duration of the measured ping load', count(600), 20)
    .option('--sse <n>', 'concurrent SSE connections', count(50_000), 5000)
    .option('--out <file>', 'JSON results file')
    .action(async (flags: { redis: string; couriers: number; pingRate: number; seconds: number; sse: number; out?: string }) => {
      const result = await benchTracking({ redisUrl: flags.redis, couriers: flags.couriers, pingRate: flags.pingRate, seconds: flags.seconds, sseConnections: flags.sse, onStep: (s) => process.stderr.write(`${s}…\n`) });
      const rows = Object.entries(result).map(([k, v]) => `${k.padEnd(24)} ${String(Number.isInteger(v) ? v : v.toFixed(1)).padStart(10)}  ${targets[k] ?? ''}`);
      process.stdout.write(`${'measure'.padEnd(24)} ${'value'.padStart(10)}  target\n${rows.join('\n')}\n`);
      const out = flags.out ?? join(projectRoot, 'bench', 'results', 'tracking.json');
      mkdirSync(join(out, '..'), { recursive: true });
      writeFileSync(out, JSON.stringify({ ...result, date: new Date().toISOString(), node: process.version }, null, 2));
    });
}
