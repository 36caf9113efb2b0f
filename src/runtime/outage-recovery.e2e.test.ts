/**
 * Redis and PostgreSQL going away and coming back under a running API instance (their own private
 * servers, stopped and started for real): while one is down the API answers 503 problem+json and
 * writes nothing half-way; once it is back the same process serves again, with no restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startApiHarness, type ApiHarness } from '../test-support/api-harness.js';
import { startPrivatePostgres, startPrivateRedis, type PrivateService } from '../test-support/private-services.js';
import { openSse } from '../test-support/sse-client.js';

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('outages of Redis and PostgreSQL under a running API', () => {
  let redis: PrivateService;
  let postgres: PrivateService;
  let api: ApiHarness;
  let key: string;
  const count = async (table: string) => Number((await api.service.runtime.db(table).count<{ c: number }[]>({ c: '*' }))[0]!.c);

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startPrivateRedis(), startPrivatePostgres()]);
    api = await startApiHarness({ env: { DATABASE_URL: postgres.url, REDIS_URL: redis.url, REDIS_PREFIX: 'lastmile-outage' } });
    key = await api.key('acme', 'dispatcher');
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await Promise.all([redis?.destroy(), postgres?.destroy()]);
  });

  it('refuses plans with 503 while Redis is down, writes nothing, and takes them again once it is back', async () => {
    const plan = () => api.request('POST', '/v1/plans', { key, body: { date: '2026-11-23', time_limit: 1 } });
    expect((await plan()).status).toBe(202);
    await redis.stop();
    const refused = await plan();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await count('plans')).toBe(1);
    expect((await api.request('GET', '/readyz')).status).toBe(503);

    await redis.start();
    await eventually('a plan accepted again after Redis came back', async () => (await plan()).status === 202);
    expect(await count('plans')).toBe(2);
    await eventually('/readyz after Redis came back', async () => (await api.request('GET', '/readyz')).status === 200);
  }, 60_000);

  it('answers 503 while PostgreSQL restarts, and reads and writes again once it is back', async () => {
    const depot = (name: string) => api.request('POST', '/v1/depots', { key, body: { kind: 'warehouse', name, location: [7.42, 43.73] } });
    expect((await depot('before')).status).toBe(201);
    await postgres.stop();
    for (const response of [await api.request('GET', '/v1/depots', { key }), await depot('during')]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await jsonOf(response)).detail).toMatch(/database is unavailable/);
    }
    expect((await api.request('GET', '/readyz')).status).toBe(503);

    await postgres.start();
    await eventually('depots served again after PostgreSQL came back', async () => (await api.request('GET', '/v1/depots', { key })).status === 200);
    expect((await depot('after')).status).toBe(201);
    const names = (await jsonOf(await api.request('GET', '/v1/depots', { key }))).data.map((d: { name: string }) => d.name);
    expect(names.sort()).toEqual(['after', 'before']);
  }, 60_000);
});

describe('Redis down when the API starts', () => {
  it('refuses plans and live streams with 503 until Redis comes up, then serves them, with no restart', async () => {
    const redis = await startPrivateRedis({ running: false });
    const api = await startApiHarness({ env: { REDIS_URL: redis.url, REDIS_PREFIX: 'lastmile-outage-start' } });
    try {
      const key = await api.key('acme', 'dispatcher');
      const plan = () => api.request('POST', '/v1/plans', { key, body: { date: '2026-11-23', time_limit: 1 } });
      const stream = async () => {
        const sse = await openSse(`${api.url}/v1/stream`, { authorization: `Bearer ${key}` });
        sse.close();
        return sse.status;
      };
      expect((await plan()).status).toBe(503);
      expect(await stream()).toBe(503);
      await redis.start();
      await eventually('a plan accepted once Redis came up', async () => (await plan()).status === 202);
      await eventually('a dispatcher stream once Redis came up', async () => (await stream()) === 200);
    } finally {
      await api.close();
      await redis.destroy();
    }
  }, 60_000);
});
