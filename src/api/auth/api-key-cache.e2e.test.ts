/**
 * Keys are cached per API instance; a revocation on one instance must stop the key on every
 * instance at once (over Redis pub/sub), not after the cache's time-to-live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startApiHarness, type ApiHarness } from '../../test-support/api-harness.js';
import { testRedisUrl, uniquePrefix } from '../../test-support/redis.js';

describe('API key cache across two instances', () => {
  let a: ApiHarness;
  let b: ApiHarness;
  beforeAll(async () => {
    const env = { REDIS_URL: testRedisUrl, REDIS_PREFIX: uniquePrefix('keys') };
    a = await startApiHarness({ env });
    b = await startApiHarness({ env: { ...env, DATABASE_URL: a.config.DATABASE_URL! } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('forgets a key revoked on the other instance at once', async () => {
    const admin = await a.key('acme', 'admin');
    const dispatcher = await a.key('acme', 'dispatcher');
    const me = await jsonOf(await b.request('GET', '/v1/me', { key: dispatcher }));
    expect(me.role).toBe('dispatcher');
    expect((await a.request('DELETE', `/v1/api-keys/${me.key_id}`, { key: admin })).status).toBe(204);
    let status = 0;
    for (let i = 0; i < 20 && status !== 401; i++) {
      status = (await b.request('GET', '/v1/me', { key: dispatcher })).status;
      if (status !== 401) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
    expect((await a.request('GET', '/v1/me', { key: dispatcher })).status).toBe(401);
  });

  it('rejects a wrong secret for a cached lookup', async () => {
    const dispatcher = await a.key('acme', 'dispatcher');
    expect((await a.request('GET', '/v1/me', { key: dispatcher })).status).toBe(200);
    const forged = dispatcher.slice(0, -4) + (dispatcher.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await a.request('GET', '/v1/me', { key: forged })).status).toBe(401);
  });
});
