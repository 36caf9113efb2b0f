import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startApiHarness, type ApiHarness } from '../test-support/api-harness.js';

describe('operational endpoints', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness({ env: { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } });
    await api.service.runtime.roadGraph.get();
  });
  afterAll(async () => api.close());

  it('serves /healthz and echoes a given X-Request-Id', async () => {
    const response = await api.request('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('abc-123');
    expect(await jsonOf(response)).toMatchObject({ status: 'ok' });
  });

  it('checks the database, Redis and the road graph in /readyz', async () => {
    const response = await api.request('GET', '/readyz');
    expect(response.status).toBe(200);
    expect((await jsonOf(response)).checks).toMatchObject({ database: { ok: true }, redis: { ok: true }, roadgraph: { ok: true } });
  });

  it('exposes Prometheus metrics', async () => {
    await api.request('GET', '/healthz');
    const text = await (await api.request('GET', '/metrics')).text();
    expect(text).toContain('lastmile_http_requests_total');
    expect(text).toContain('lastmile_process_cpu_seconds_total');
  });

  it('serves an OpenAPI 3.1 document generated from the routes, and a docs page', async () => {
    const document = await jsonOf(await api.request('GET', '/openapi.json'));
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/me', '/v1/api-keys', '/v1/api-keys/{id}']));
    expect(document.components.schemas.Problem).toBeDefined();
    const docs = await api.request('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
    expect((await api.request('GET', '/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });
});

describe('bull-board', () => {
  it('is served at /admin/queues to admins only', async () => {
    const api = await startApiHarness({ database: 'pglite', env: { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_PREFIX: `lastmile-test-board-${process.pid}` } });
    try {
      const admin = await api.key('acme', 'admin');
      const dispatcher = await api.key('acme', 'dispatcher');
      expect((await api.request('GET', '/admin/queues')).status).toBe(401);
      expect((await api.request('GET', '/admin/queues', { key: dispatcher })).status).toBe(403);
      const page = await api.request('GET', '/admin/queues', { key: admin });
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/bull/i);
      const queues = await jsonOf(await api.request('GET', '/admin/queues/api/queues', { key: admin }));
      expect(queues.queues.map((q: { name: string }) => q.name).sort()).toEqual(['optimize', 'plans']);
    } finally {
      await api.close();
    }
  });
});

describe('readiness with Redis down', () => {
  it('answers 503 and names the failing dependency', async () => {
    const api = await startApiHarness({ database: 'pglite', env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const response = await api.request('GET', '/readyz');
      expect(response.status).toBe(503);
      expect((await jsonOf(response)).checks).toMatchObject({ database: { ok: true }, redis: { ok: false } });
    } finally {
      await api.close();
    }
  });
});
