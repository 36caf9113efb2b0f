/**
 * API benchmark in the distributed mode (PostgreSQL + Redis): order creation throughput and p99
 * (autocannon over HTTP), a 10,000-order bulk import, and one planning run of 1,000 orders and 50
 * couriers on the Porto road graph, end to end (matrix, 30 s solve, persistence).
 */
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createApiKey } from '../src/db/repositories/api-keys.js';
import { ensureOrganisation } from '../src/db/repositories/organisations.js';
import { createDatabase } from '../src/db/database.js';
import { projectRoot } from '../src/version.js';
import { freePort, lastmile, stopAll, waitUntilReady } from './service-process.js';
import { createTestDatabase } from '../src/test-support/postgres.js';

export interface ApiBenchResult {
  orderCreatePerSecond: number;
  orderCreateP50Ms: number;
  orderCreateP99Ms: number;
  orderCreateErrors: number;
  bulk10000Seconds: number;
  plan1000x50Seconds: number;
  planServed: number;
  planRoutes: number;
}

/** Porto street corners: deterministic points spread over the city centre. */
function portoPoint(i: number): [number, number] {
  const x = (i * 7919) % 1000;
  const y = (i * 104729) % 1000;
  return [-8.64 + x * 0.00006, 41.14 + y * 0.00004];
}

export async function benchApi(options: { redisUrl: string; seconds: number; onStep?: (s: string) => void }): Promise<ApiBenchResult> {
  const database = await createTestDatabase('bench_api');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { DATABASE_URL: database.url, REDIS_URL: options.redisUrl, REDIS_PREFIX: `lastmile-bench-${process.pid}`, LOG_LEVEL: 'warn', DATA_DIR: join(projectRoot, 'data') };
  const api = lastmile('serve', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  let worker: ChildProcess | undefined;
  const db = createDatabase({ databaseUrl: database.url, dataDir: ':memory:', poolMax: 2 });
  try {
    options.onStep?.('starting the API (building the Porto graph on first use)');
    await waitUntilReady(url, 300_000);
    const organisation = await ensureOrganisation(db, 'bench');
    const key = (await createApiKey(db, { organisationId: organisation.id, role: 'dispatcher' })).token;
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    // A refused step stops the benchmark with the API's answer (a plan never created is never "done").
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      const answer = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
      return answer;
    };
    const warehouse = (await post('/v1/depots', { kind: 'warehouse', name: 'Porto hub', location: [-8.611, 41.148], time_zone: 'Europe/Lisbon' })).id as string;

    options.onStep?.('order creation');
    let n = 0;
    const result = await autocannon({
      url,
      connections: 16,
      duration: options.seconds,
      requests: [{ method: 'POST', path: '/v1/orders', headers, setupRequest: (req) => ({ ...req, body: JSON.stringify({ external_id: `load-${n++}`, type: 'delivery', depot_id: warehouse, dropoff: { location: portoPoint(n) }, size: [1] }) }) }],
    });

    options.onStep?.('bulk import');
    const orders = Array.from({ length: 10_000 }, (_, i) => ({ external_id: `bulk-${i}`, type: 'delivery', depot_id: warehouse, dropoff: { location: portoPoint(i) }, size: [1], service_date: '2026-11-24' }));
    const bulkStarted = performance.now();
    const bulk = await post('/v1/orders/bulk', { orders });
    const bulk10000Seconds = (performance.now() - bulkStarted) / 1000;
    if (bulk.created !== 10_000) throw new Error(`bulk import failed: ${JSON.stringify(bulk).slice(0, 300)}`);

    options.onStep?.('plan (a lastmile worker process solves it)');
    worker = lastmile('worker', env);
    for (let c = 0; c < 50; c++) await post('/v1/couriers', { name: `Courier ${c}`, capacity: [40], shift: { start: '08:00', end: '18:00' }, start_depot_id: warehouse });
    const ids = (bulk.ids as string[]).slice(0, 1000);
    const planStarted = performance.now();
    const { id } = await post('/v1/plans', { date: '2026-11-24', order_ids: ids, time_limit: 30 });
    let plan: Record<string, unknown> = {};
    for (const deadline = Date.now() + 300_000; ; ) {
      plan = (await fetch(`${url}/v1/plans/${id}`, { headers }).then((r) => r.json())) as Record<string, unknown>;
      if (plan.status === 'done' || plan.status === 'failed') break;
      if (Date.now() > deadline) throw new Error(`the plan is still ${plan.status} after 5 minutes`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const plan1000x50Seconds = (performance.now() - planStarted) / 1000;
    if (plan.status !== 'done') throw new Error(`plan failed: ${plan.error}`);
    const summary = plan.summary as { served: number; routes: number };
    return {
      // Completed requests over the run's length (the mean of per-second samples undercounts a partial first second).
      orderCreatePerSecond: result.requests.total / result.duration,
      orderCreateP50Ms: result.latency.p50,
      orderCreateP99Ms: result.latency.p99,
      orderCreateErrors: result.non2xx + result.errors,
      bulk10000Seconds,
      plan1000x50Seconds,
      planServed: summary.served,
      planRoutes: summary.routes,
    };
  } finally {
    await stopAll([api, worker]);
    await db.destroy();
    await database.drop();
  }
}
