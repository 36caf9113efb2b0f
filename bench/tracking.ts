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
import autocannon from 'autocannon';
import { generateApiKey, hashSecret } from '../src/api/auth/api-key-token.js';
import { createDatabase, type Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createApiKey } from '../src/db/repositories/api-keys.js';
import { ensureOrganisation } from '../src/db/repositories/organisations.js';
import { createTestDatabase } from '../src/test-support/postgres.js';
import { projectRoot } from '../src/version.js';
import { freePort, lastmile, rssMb, stopAll, waitUntilReady } from './service-process.js';

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
  pingP99Ms: number;
  pingErrors: number;
  pingToSseP50Ms: number;
  pingToSseP99Ms: number;
  etaUpdatedEvents: number;
  sseConnections: number;
  sseConnectionsOpen: number;
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

/** Follows an SSE stream and calls back for each event; resolves once the response has started. */
async function follow(url: string, headers: Record<string, string>, onEvent: (type: string, data: string) => void, signal: AbortSignal): Promise<boolean> {
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal }).catch(() => undefined);
  if (!response?.ok || !response.body) return false;
  void (async () => {
    const decoder = new TextDecoder();
    let text = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const frame = text.slice(0, end);
          text = text.slice(end + 2);
          const type = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (type && data) onEvent(type, data);
        }
      }
    } catch {
      // aborted
    }
  })();
  return true;
}

const percentile = (values: number[], p: number) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

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
    // Either for `seconds` at the offered rate, or exactly `amount` pings as fast as they go.
    const pingLoad = async (seconds: number, amount?: number) => {
      let n = 0;
      const result = await autocannon({
        url,
        connections: 64,
        ...(amount ? { amount } : { duration: seconds, overallRate: options.pingRate }),
        requests: [{
          method: 'POST',
          path: '/v1/me/positions',
          setupRequest: (req) => {
            const c = couriers[n++ % couriers.length]!;
            const jitter = (n % 20) * 0.00002;
            return { ...req, headers: { authorization: `Bearer ${c.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ positions: [{ location: [c.at[0] + 0.001 + jitter, c.at[1]], time: new Date().toISOString(), speed: 6 }] }) };
          },
        }],
      });
      return result;
    };
    await pingLoad(0, couriers.length);

    step(`pings at ${options.pingRate}/s with a dispatcher stream`);
    const latencies: number[] = [];
    let etaUpdated = 0;
    let recording = true;
    await follow(`${url}/v1/stream?types=courier.position,eta.updated`, { authorization: `Bearer ${dispatcher}` }, (type, data) => {
      if (!recording) return;
      if (type === 'eta.updated') etaUpdated++;
      else latencies.push(Date.now() - Date.parse(JSON.parse(data).data.time));
    }, streams.signal);
    const pings = await pingLoad(options.seconds);
    await new Promise((r) => setTimeout(r, 500));
    recording = false;

    step(`${options.sseConnections} SSE connections while pinging`);
    let open = 0;
    for (let i = 0; i < options.sseConnections; i += 200) {
      const batch = await Promise.all(Array.from({ length: Math.min(200, options.sseConnections - i) }, (_, j) => follow(`${url}/v1/stream?courier_id=${couriers[(i + j) % couriers.length]!.id}`, { authorization: `Bearer ${dispatcher}` }, () => {}, streams.signal)));
      open += batch.filter(Boolean).length;
    }
    const withSse: number[] = [];
    const probe = new AbortController();
    await follow(`${url}/v1/stream?types=courier.position`, { authorization: `Bearer ${dispatcher}` }, (_type, data) => withSse.push(Date.now() - Date.parse(JSON.parse(data).data.time)), probe.signal);
    const during = pingLoad(10);
    let peakRss = 0;
    const sampler = setInterval(() => void rssMb(api!.pid!).then((mb) => (peakRss = Math.max(peakRss, mb))), 500);
    await during;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, await rssMb(api.pid!));
    probe.abort();

    return {
      couriers: couriers.length,
      pollsPerSecond: polls.requests.average,
      pollP99Ms: polls.latency.p99,
      pingTargetPerSecond: options.pingRate,
      pingsPerSecond: pings.requests.average,
      pingP99Ms: pings.latency.p99,
      pingErrors: pings.non2xx + pings.errors + pings.timeouts,
      pingToSseP50Ms: percentile(latencies, 50),
      pingToSseP99Ms: percentile(latencies, 99),
      etaUpdatedEvents: etaUpdated,
      sseConnections: options.sseConnections,
      sseConnectionsOpen: open,
      apiRssMbWithSse: peakRss,
      pingToSseP99MsWithSse: percentile(withSse, 99),
    };
  } finally {
    streams.abort();
    await stopAll([api]);
    await db.destroy();
    await database.drop();
  }
}
