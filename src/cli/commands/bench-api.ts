import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { benchApi } from '../../../bench/api.js';
import { projectRoot } from '../../version.js';
import { commandGroup } from '../command-group.js';
import { zodFlag } from '../flags.js';

const targets: Record<string, string> = {
  orderCreatePerSecond: '≥ 1000',
  orderCreateP99Ms: '≤ 50',
  bulk10000Seconds: '≤ 5',
  plan1000x50Seconds: '≤ 45',
};

export function register(program: Command): void {
  commandGroup(program, 'bench', 'Benchmarks: print a table, record JSON under bench/results/.')
    .command('api')
    .description('Measure the API on PostgreSQL + Redis: order creation, bulk import, a 1,000-order plan on Porto.')
    .option('--redis <url>', 'Redis', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
    .option('--seconds <n>', 'load duration for order creation', zodFlag(z.coerce.number().int().min(1).max(600)), 10)
    .option('--out <file>', 'JSON results file')
    .action(async (flags: { redis: string; seconds: number; out?: string }) => {
      const result = await benchApi({ redisUrl: flags.redis, seconds: flags.seconds, onStep: (s) => process.stderr.write(`${s}…\n`) });
      const rows = Object.entries(result).map(([k, v]) => `${k.padEnd(22)} ${String(Number.isInteger(v) ? v : v.toFixed(2)).padStart(10)}  ${targets[k] ?? ''}`);
      process.stdout.write(`${'measure'.padEnd(22)} ${'value'.padStart(10)}  target\n${rows.join('\n')}\n`);
      const out = flags.out ?? join(projectRoot, 'bench', 'results', 'api.json');
      mkdirSync(join(out, '..'), { recursive: true });
      writeFileSync(out, JSON.stringify({ ...result, date: new Date().toISOString(), node: process.version }, null, 2));
    });
}
