/**
 * Tracking benchmark in the distributed mode (PostgreSQL + Redis, the API as its own process on
 * the Porto graph): 10,000 couriers with published routes; unchanged assignment polls (304);
 * pings at a fixed rate with ETA recompute, measuring ping → SSE latency on a dispatcher stream;
 * then thousands of concurrent SSE connections while the pings go on, with the API's memory.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { generateApiKey, hashSecret } from '../src/api/auth/api-key-token.js';
import { createDatabase, type Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createApiKey } from '../src/db/repositories/api-keys.js';
import { ensureOrganisation } from '../src/db/repositories/organisations.js';
import { createTestDatabase } from '../src/test-support/postgres.js';
import { projectRoot } from '../src/version.js';
import { freePort, lastmile, rssMb, stopAll, waitUntilReady } from './service-process.js';
import { openLoopLoad, percentile } from './open-loop-load.js';
import { follow } from './sse-follow.js';
import type { ProbeResult } from './sse-probe.js';

export interface TrackingBenchOptions {
  redisUrl: string;
  couriers: number;
  pingRate: number;
  seconds: number;
  sseConnections: number;
  onStep?: (step: string) => void;
}

export interface TrackingBenchResult {
  couriers: number;
  pollsPerSecond: number;
  pollP99Ms: number;
  pingTargetPerSecond: number;
  pingsPerSecond: number;
  pingP50Ms: number;
  pingP99Ms: number;
  pingErrors: number;
  pingToSseP50Ms: number;
  pingToSseP99Ms: number;
  /** eta.updated events a dispatcher stream received per second of the measured ping load. */
  etaUpdatedPerSecond: number;
  sseConnections: number;
  sseConnectionsOpen: number;
  /** The API's resident memory after the ping phase, before the SSE connections open. */
  apiRssMbBeforeSse: number;
  apiRssMbWithSse: number;
  pingToSseP99MsWithSse: number;
}

interface Courier {
  id: string;
  key: string;
  at: [number, number];
}

function portoPoint(i: number): [number, number] {
  return [-8.66 + ((i * 7919) % 1000) * 0.00007, 41.14 + ((i * 104729) % 1000) * 0.00004];
}

/** The routes are inserted directly: the benchmark measures tracking, not planning. */
async function seed(db: Db, count: number): Promise<{ dispatcher: string; couriers: Courier[] }> {
  const organisation = await ensureOrganisation(db, 'bench-tracking');
  const org = organisation.id;
  const depot = randomUUID();
  await db('depots').insert({ id: depot, organisation_id: org, kind: 'warehouse', name: 'Porto hub', lon: -8.611, lat: 41.148 });
  const plan = randomUUID();
  const now = Date.now();
  await db('plans').insert({ id: plan, organisation_id: org, status: 'done', service_date: new Date(now).toISOString().slice(0, 10), parameters: '{}', published_at: new Date(now) });
  const couriers: Courier[] = [];
  for (let from = 0; from < count; from += 1000) {
    const rows = { couriers: [] as object[], keys: [] as object[], routes: [] as object[], orders: [] as object[], stops: [] as object[] };
    for (let i = from; i < Math.min(count, from + 1000); i++) {
      const id = randomUUID();
      const route = randomUUID();
      const { lookup, secret, token } = generateApiKey();
      rows.couriers.push({ id, organisation_id: org, name: `Courier ${i}`, start_depot_id: depot });
      rows.keys.push({ id: randomUUID(), organisation_id: org, role: 'courier', courier_id: id, lookup, secret_hash: hashSecret(secret) });
      rows.routes.push({ id: route, organisation_id: org, plan_id: plan, courier_id: id, start_at: new Date(now), end_at: new Date(now + 3 * 3600_000), distance_m: 10_000, travel_s: 1800 });
      for (let s = 0; s < 3; s++) {
        const order = randomUUID();
        const [lon, lat] = portoPoint(i * 3 + s);
        rows.orders.push({ id: order, organisation_id: org, external_id: `${i}-${s}`, kind: 'delivery', status: 'assigned', depot_id: depot, dropoff_lon: lon, dropoff_lat: lat, dropoff_service_s: 120, tracking_token: randomBytes(24).toString('base64url') });
        rows.stops.push({ id: randomUUID(), organisation_id: org, route_id: route, order_id: order, sequence: s, kind: 'dropoff', lon, lat, planned_arrival: new Date(now + (s + 1) * 900_000), planned_start: new Date(now + (s + 1) * 900_000) });
      }
      couriers.push({ id, key: token, at: portoPoint(i * 3) });
    }
    for (const table of ['couriers', 'api_keys', 'routes', 'orders', 'stops'] as const) {
      const list = rows[table === 'api_keys' ? 'keys' : table];
      for (let c = 0; c < list.length; c += 2000) await db(table).insert(list.slice(c, c + 2000));
    }
  }
  const dispatcher = (await createApiKey(db, { organisationId: org, role: 'dispatcher' })).token;
  return { dispatcher, couriers };
}


/** A dispatcher stream followed in a worker thread (bench/sse-probe.ts): its latencies exclude the load generator's own delays. */
async function startProbe(url: string, headers: Record<string, string>): Promise<{ stop(): Promise<ProbeResult> }> {
  const worker = new Worker(new URL('./sse-probe-bootstrap.mjs', import.meta.url), { workerData: { url, headers } });
  const first = await new Promise<unknown>((resolve, reject) => worker.once('message', resolve).once('error', reject));
  if (first !== 'ready') throw new Error(`the SSE probe could not open ${url}`);
  return {
    stop: async () => {
      const result = new Promise<ProbeResult>((resolve, reject) => worker.once('message', resolve).once('error', reject));
      worker.postMessage('stop');
      const measured = await result;
      await worker.terminate();
      return measured;
    },
  };
}

export async function benchTracking(options: TrackingBenchOptions): Promise<TrackingBenchResult> {
  const step = options.onStep ?? (() => {});
  const database = await createTestDatabase('bench_tracking');
  const db = createDatabase({ databaseUrl: database.url, dataDir: ':memory:', poolMax: 4 });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let api: ChildProcess | undefined;
  const streams = new AbortController();
  // Thousands of streams share one abort signal on purpose.
  setMaxListeners(0, streams.signal);
  try {
    step('seeding couriers and routes');
    await migrateToLatest(db);
    const { dispatcher, couriers } = await seed(db, options.couriers);
    step('starting the API');
    api = lastmile('serve', { DATABASE_URL: database.url, REDIS_URL: options.redisUrl, REDIS_PREFIX: `lastmile-bench-tracking-${process.pid}`, LOG_LEVEL: 'warn', DATA_DIR: join(projectRoot, 'data'), PORT: String(port), HOST: '127.0.0.1' });
    await waitUntilReady(url, 300_000);

    step('assignment polls (304)');
    const polled = couriers.slice(0, 1000);
    const etags = await Promise.all(polled.map(async (c) => (await fetch(`${url}/v1/me/assignments`, { headers: { authorization: `Bearer ${c.key}` } })).headers.get('etag')!));
    let p = 0;
    const polls = await autocannon({
      url,
      connections: 32,
      duration: Math.min(options.seconds, 10),
      requests: [{ method: 'GET', path: '/v1/me/assignments', setupRequest: (req) => { const i = p++ % polled.length; return { ...req, headers: { authorization: `Bearer ${polled[i]!.key}`, 'if-none-match': etags[i]! } }; } }],
    });

    step('warming up: one ping per courier');
    // For `seconds` at the offered rate, or `amount` pings (one per courier) at that rate.
    const pingLoad = (seconds: number, amount?: number) =>
      openLoopLoad({
        url,
        rate: options.pingRate,
        seconds,
        amount,
        // Up to this many requests in flight: phones each have their own connection.
        connections: 256,
        request: (n) => {
          const c = couriers[n % couriers.length]!;
          const jitter = (n % 20) * 0.00002;
          // Couriers held up where they are: each one's ETAs slip by a second a second, and cross
          // the announcement threshold about once a minute. The warm-up pings carry device times
          // up to a minute old, spread over the couriers, so those crossings are spread evenly in
          // time (a steady stream of eta.updated, not one burst a minute).
          const time = amount ? Date.now() - ((n * 7919) % 60_000) : Date.now();
          return { method: 'POST', path: '/v1/me/positions', headers: { authorization: `Bearer ${c.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ positions: [{ location: [c.at[0] + 0.001 + jitter, c.at[1]], time: new Date(time).toISOString(), speed: 6 }] }) };
        },
      });
    await pingLoad(0, couriers.length);
    // Each first ping publishes the courier's first ETAs after its answer: let that backlog drain
    // before measuring the steady state (couriers pinging along their routes).
    for (let waited = 0; waited < 120_000; waited += 500) {
      const [{ count }] = await db('routes').whereNull('eta_published_at').count({ count: '*' });
      if (Number(count) === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }

    step(`pings at ${options.pingRate}/s with a dispatcher stream`);
    const auth = { authorization: `Bearer ${dispatcher}` };
    const probe = await startProbe(`${url}/v1/stream?types=courier.position,eta.updated`, auth);
    const pings = await pingLoad(options.seconds);
    await new Promise((r) => setTimeout(r, 500));
    const measured = await probe.stop();

    step(`${options.sseConnections} SSE connections while pinging`);
    const rssBeforeSse = await rssMb(api.pid!);
    let open = 0;
    for (let i = 0; i < options.sseConnections; i += 200) {
      const batch = await Promise.all(Array.from({ length: Math.min(200, options.sseConnections - i) }, (_, j) => follow(`${url}/v1/stream?courier_id=${couriers[(i + j) % couriers.length]!.id}`, auth, () => {}, streams.signal)));
      open += batch.filter(Boolean).length;
    }
    // Measured once the burst of 5,000 connections opening has settled, for as long as the phase above.
    await new Promise((r) => setTimeout(r, 2000));
    const probeWithSse = await startProbe(`${url}/v1/stream?types=courier.position`, auth);
    const during = pingLoad(options.seconds);
    let peakRss = 0;
    const sampler = setInterval(() => void rssMb(api!.pid!).then((mb) => (peakRss = Math.max(peakRss, mb))), 500);
    await during;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, await rssMb(api.pid!));
    const withSse = await probeWithSse.stop();

    return {
      couriers: couriers.length,
      pollsPerSecond: polls.requests.total / polls.duration,
      pollP99Ms: polls.latency.p99,
      pingTargetPerSecond: options.pingRate,
      pingsPerSecond: pings.perSecond,
      pingP50Ms: pings.latencyP50Ms,
      pingP99Ms: pings.latencyP99Ms,
      // Pings never answered (network errors included) and answers other than 2xx.
      pingErrors: pings.sent - pings.completed + pings.non2xx,
      pingToSseP50Ms: percentile(measured.latencies, 50),
      pingToSseP99Ms: percentile(measured.latencies, 99),
      etaUpdatedPerSecond: measured.etaUpdated / options.seconds,
      sseConnections: options.sseConnections,
      sseConnectionsOpen: open,
      apiRssMbBeforeSse: rssBeforeSse,
      apiRssMbWithSse: peakRss,
      pingToSseP99MsWithSse: percentile(withSse.latencies, 99),
    };
  } finally {
    streams.abort();
    await stopAll([api]);
    await db.destroy();
    await database.drop();
  }
}
