/**
 * Webhooks against a real receiver: signed deliveries, a 500 retried through the Redis queue,
 * the delivery log, and subscriptions kept to their organisation and to admins.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startApiHarness, type ApiHarness } from '../../test-support/api-harness.js';
import { testRedisUrl, uniquePrefix } from '../../test-support/redis.js';
import { processWebhookDeliveries } from './webhook-delivery.js';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature.js';

describe('webhooks', () => {
  let api: ApiHarness;
  let receiver: Server;
  let receiverUrl: string;
  const received: { body: string; headers: IncomingHttpHeaders; answered: number }[] = [];

  beforeAll(async () => {
    api = await startApiHarness({ env: { REDIS_URL: testRedisUrl, REDIS_PREFIX: uniquePrefix('webhooks') } });
    // With Redis the API leaves deliveries to workers: this test process is the worker.
    processWebhookDeliveries(api.service.runtime.jobs, api.service.runtime.db, api.service.runtime.logger);
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const answered = received.length === 0 ? 500 : 200;
        received.push({ body, headers: req.headers, answered });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    await api?.close();
    receiver?.close();
  });

  it('signs each delivery, retries a failed one, and logs every attempt', async () => {
    const admin = await api.key('hooked', 'admin');
    const created = await api.request('POST', '/v1/webhooks', { key: admin, body: { url: receiverUrl, event_types: ['stop.status'] } });
    expect(created.status).toBe(201);
    const webhook = await jsonOf(created);
    expect(webhook.secret).toMatch(/^whsec_/);
    const me = await jsonOf(await api.request('GET', '/v1/me', { key: admin }));
    const [event] = await api.service.runtime.recorder.record([{ type: 'stop.status', organisationId: me.organisation.id, data: { status: 'done' } }]);
    await api.service.runtime.recorder.record([{ type: 'eta.updated', organisationId: me.organisation.id, data: {} }]);

    await expect.poll(() => received.length, { timeout: 15_000, interval: 100 }).toBe(2);
    expect(received.map((r) => r.answered)).toEqual([500, 200]);
    for (const r of received) {
      expect(verifyWebhookSignature(webhook.secret, String(r.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()]), r.body)).toBe(true);
      expect(JSON.parse(r.body)).toMatchObject({ id: event!.id, type: 'stop.status', data: { status: 'done' } });
    }
    await expect.poll(async () => (await jsonOf(await api.request('GET', `/v1/webhooks/${webhook.id}/deliveries`, { key: admin }))).data.length, { timeout: 5000 }).toBe(2);
    const log = await jsonOf(await api.request('GET', `/v1/webhooks/${webhook.id}/deliveries`, { key: admin }));
    expect(log.data.map((d: { attempt: number; response_status: number }) => [d.attempt, d.response_status])).toEqual([
      [2, 200],
      [1, 500],
    ]);
  }, 30_000);

  it('keeps subscriptions to admins of their organisation and checks the URL', async () => {
    const admin = await api.key('hooked', 'admin');
    const { id } = await jsonOf(await api.request('POST', '/v1/webhooks', { key: admin, body: { url: 'https://example.com/h', event_types: ['eta.updated'] } }));
    expect((await api.request('GET', `/v1/webhooks/${id}`, { key: await api.key('other', 'admin') })).status).toBe(404);
    expect((await api.request('POST', '/v1/webhooks', { key: await api.key('hooked', 'dispatcher'), body: { url: 'https://example.com/h', event_types: ['eta.updated'] } })).status).toBe(403);
    const bad = await api.request('POST', '/v1/webhooks', { key: admin, body: { url: 'http://example.com/h', event_types: ['nope'] } });
    expect(bad.status).toBe(400);
    expect((await jsonOf(bad)).errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.event_types[0]', 'body.url']);
  });
});
