/**
 * Two real `lastmile worker` processes on Redis and PostgreSQL: the first is killed with SIGKILL in
 * the middle of a solve; the second picks the job up once the lock expires and completes it, and the
 * plan is written exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startApiHarness, type ApiHarness } from '../../test-support/api-harness.js';
import { testRedisUrl, uniquePrefix } from '../../test-support/redis.js';
import { monacoPbf, monacoPoints } from '../../roadgraph/test-support/monaco.js';
import { projectRoot } from '../../version.js';

const prefix = uniquePrefix('crash');
const children: ChildProcess[] = [];

function startWorker(databaseUrl: string): ChildProcess {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'lastmile.mjs'), 'worker'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, REDIS_URL: testRedisUrl, REDIS_PREFIX: prefix, JOB_LOCK_MS: '2000', ROADGRAPH_PBF: monacoPbf, DATA_DIR: ':memory:', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

describe('a planning worker killed mid-solve', () => {
  let api: ApiHarness;
  let key: string;
  beforeAll(async () => {
    api = await startApiHarness({ env: { REDIS_URL: testRedisUrl, REDIS_PREFIX: prefix } });
    key = await api.key('crashy', 'dispatcher');
    const warehouse = (await jsonOf(await api.request('POST', '/v1/depots', { key, body: { kind: 'warehouse', name: 'W', location: monacoPoints[0] } }))).id;
    for (let c = 0; c < 3; c++) await api.request('POST', '/v1/couriers', { key, body: { name: `C${c}`, capacity: [10], start_depot_id: warehouse } });
    const orders = Array.from({ length: 24 }, (_, i) => ({ external_id: `O${i}`, type: 'delivery', depot_id: warehouse, dropoff: { location: [monacoPoints[i % 5]![0] + (i % 4) * 0.0003, monacoPoints[i % 5]![1] + (i % 3) * 0.0003] }, size: [1] }));
    await api.request('POST', '/v1/orders/bulk', { key, body: { orders } });
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await api.close();
  });

  it('is replaced by another worker, and the plan is written once', async () => {
    const databaseUrl = api.config.DATABASE_URL!;
    const first = startWorker(databaseUrl);
    const { id } = await jsonOf(await api.request('POST', '/v1/plans', { key, body: { date: '2026-11-23', time_limit: 6 } }));
    const status = async () => (await jsonOf(await api.request('GET', `/v1/plans/${id}`, { key }))).status as string;
    const solving = async () => (await jsonOf(await api.request('GET', `/v1/plans/${id}`, { key }))).progress?.phase === 'solving';
    for (let i = 0; i < 300 && !(await solving()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await solving()).toBe(true);
    first.kill('SIGKILL');
    startWorker(databaseUrl);
    for (let i = 0; i < 600 && (await status()) !== 'done'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await status()).toBe('done');
    const db = api.service.runtime.db;
    const routes = await db('routes').where({ plan_id: id });
    expect(new Set(routes.map((r) => r.courier_id)).size).toBe(routes.length);
    const stops = await db('stops').whereIn('route_id', routes.map((r) => r.id));
    expect(new Set(stops.map((s) => s.order_id)).size).toBe(stops.length);
    expect(stops.length).toBe(24);
  }, 120_000);
});
