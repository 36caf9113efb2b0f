/**
 * Tracking end to end on two API instances sharing PostgreSQL and Redis: pings and stop events on
 * one instance reach stream subscribers and long-polls on the other.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startApiHarness, type ApiHarness } from '../test-support/api-harness.js';
import { testRedisUrl, uniquePrefix } from '../test-support/redis.js';
import { openSse } from '../test-support/sse-client.js';
import { publishRoutes, type PublishedRoutes } from './test-support/published-routes.js';

describe('courier tracking across two API instances', () => {
  let a: ApiHarness;
  let b: ApiHarness;
  let world: PublishedRoutes;
  const ping = (location: [number, number], secondsAgo = 0) => ({ location, time: new Date(Date.now() - secondsAgo * 1000).toISOString(), accuracy: 8, speed: 5 });

  beforeAll(async () => {
    const env = { REDIS_URL: testRedisUrl, REDIS_PREFIX: uniquePrefix('tracking') };
    a = await startApiHarness({ env });
    b = await startApiHarness({ env: { ...env, DATABASE_URL: a.config.DATABASE_URL! } });
    world = await publishRoutes(a, 'tracked');
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('shows a courier their own assignment with an ETag, and 304 when unchanged', async () => {
    const [courier] = world.couriers;
    const first = await b.request('GET', '/v1/me/assignments', { key: courier!.key });
    expect(first.status).toBe(200);
    const body = await jsonOf(first);
    expect(body.route.stops.map((s: { id: string }) => s.id)).toEqual(courier!.stops.map((s) => s.id));
    expect(body.route.stops[0]).toMatchObject({ status: 'pending', recipient: { name: expect.any(String) }, address: expect.stringMatching(/Boulevard/) });
    const etag = first.headers.get('etag')!;
    expect((await b.request('GET', '/v1/me/assignments', { key: courier!.key, headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('delivers eta.updated on instance B for a ping sent to instance A, and resumes from Last-Event-ID without loss', async () => {
    const [courier] = world.couriers;
    const stream = await openSse(`${b.url}/v1/stream?courier_id=${courier!.id}`, { authorization: `Bearer ${world.dispatcher}` });
    expect(stream.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    const near = courier!.stops[0]!.location;
    const sent = await jsonOf(await a.request('POST', '/v1/me/positions', { key: courier!.key, body: { positions: [ping([near[0] + 0.002, near[1]])] } }));
    expect(sent).toMatchObject({ accepted: 1, rejected: [] });
    const eta = await stream.next((e) => e.event === 'eta.updated');
    const payload = JSON.parse(eta.data);
    expect(payload).toMatchObject({ courier_id: courier!.id, data: { etas: expect.any(Array) } });
    expect(payload.data.etas).toHaveLength(courier!.stops.length);
    await stream.next((e) => e.event === 'courier.position');
    stream.close();

    // While disconnected: a stop event. Resuming from the last id seen replays it from the table.
    const event = { id: randomUUID(), type: 'arrived' };
    expect((await a.request('POST', `/v1/stops/${courier!.stops[0]!.id}/events`, { key: courier!.key, body: event })).status).toBe(201);
    const resumed = await openSse(`${b.url}/v1/stream`, { authorization: `Bearer ${world.dispatcher}`, 'last-event-id': eta.id! });
    const replayed = await resumed.next((e) => e.event === 'stop.status');
    expect(JSON.parse(replayed.data).data).toMatchObject({ stop_id: courier!.stops[0]!.id, status: 'arrived' });
    expect(Number(replayed.id)).toBeGreaterThan(Number(eta.id));
    resumed.close();
  });

  it('answers a long-poll as soon as the assignment changes', async () => {
    const [, courier] = world.couriers;
    const first = await b.request('GET', '/v1/me/assignments', { key: courier!.key });
    const etag = first.headers.get('etag')!;
    const started = Date.now();
    const polled = b.request('GET', '/v1/me/assignments?wait=20', { key: courier!.key, headers: { 'if-none-match': etag } });
    await new Promise((r) => setTimeout(r, 300));
    expect((await a.request('POST', `/v1/stops/${courier!.stops[0]!.id}/events`, { key: courier!.key, body: { id: randomUUID(), type: 'arrived' } })).status).toBe(201);
    const response = await polled;
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await jsonOf(response)).route.stops[0].status).toBe('arrived');
  });

  it('applies a retried stop event once and refuses illegal transitions with the current status', async () => {
    const [, courier] = world.couriers;
    const stop = courier!.stops[0]!;
    const delivered = { id: randomUUID(), type: 'delivered', proof: 'photo-123', location: stop.location, time: new Date().toISOString() };
    const first = await a.request('POST', `/v1/stops/${stop.id}/events`, { key: courier!.key, body: delivered });
    expect(first.status).toBe(201);
    expect(await jsonOf(first)).toMatchObject({ status: 'done', order_status: 'delivered' });
    const again = await b.request('POST', `/v1/stops/${stop.id}/events`, { key: courier!.key, body: delivered });
    expect(again.status).toBe(200);
    const illegal = await a.request('POST', `/v1/stops/${stop.id}/events`, { key: courier!.key, body: { id: randomUUID(), type: 'arrived' } });
    expect(illegal.status).toBe(409);
    expect(await jsonOf(illegal)).toMatchObject({ current: 'done' });
    const noReason = await a.request('POST', `/v1/stops/${courier!.stops[1]!.id}/events`, { key: courier!.key, body: { id: randomUUID(), type: 'failed' } });
    expect(noReason.status).toBe(400);
    expect((await jsonOf(noReason)).errors[0].path).toBe('body.reason');
  });

  it('announces stop.late once per stop whose windows will be missed, and every instance serves the new ETAs', async () => {
    const [, courier] = world.couriers;
    const db = a.service.runtime.db;
    const doomed = courier!.stops.slice(2);
    const closed = [{ start: new Date(Date.now() - 7200_000).toISOString(), end: new Date(Date.now() - 3600_000).toISOString() }];
    await db('orders').whereIn('id', doomed.map((s) => s.order_id)).update({ dropoff_time_windows: JSON.stringify(closed) });
    // A stop event makes every instance read the route again, new windows included; B then caches it.
    expect((await a.request('POST', `/v1/stops/${courier!.stops[1]!.id}/events`, { key: courier!.key, body: { id: randomUUID(), type: 'arrived' } })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 200));
    const before = await jsonOf(await b.request('GET', '/v1/me/assignments', { key: courier!.key }));
    const stream = await openSse(`${b.url}/v1/stream?courier_id=${courier!.id}&types=stop.late,eta.updated`, { authorization: `Bearer ${world.dispatcher}` });
    await new Promise((r) => setTimeout(r, 200));

    const here = courier!.stops[1]!.location;
    await a.request('POST', '/v1/me/positions', { key: courier!.key, body: { positions: [ping(here, 2)] } });
    await stream.next((e) => e.event === 'eta.updated');
    for (const stop of doomed) await stream.next((e) => e.event === 'stop.late' && JSON.parse(e.data).data.stop_id === stop.id);
    const stored = await db('stops').whereIn('id', doomed.map((s) => s.id)).select('id', 'eta', 'late_notified');
    expect(stored.every((row) => row.late_notified && row.eta)).toBe(true);
    // B took the update into its cached assignment: its ETAs are the stored ones, and the ETag moved.
    const after = await b.request('GET', '/v1/me/assignments', { key: courier!.key });
    const served = new Map((await jsonOf(after)).route.stops.map((s: { id: string; eta: string }) => [s.id, s.eta]));
    for (const row of stored) expect(served.get(row.id)).toBe(new Date(row.eta).toISOString());
    expect(before.route.stops.find((s: { id: string }) => s.id === doomed[0]!.id).eta).not.toBe(served.get(doomed[0]!.id));

    await a.request('POST', '/v1/me/positions', { key: courier!.key, body: { positions: [ping(here, 1)] } });
    await new Promise((r) => setTimeout(r, 500));
    expect(stream.events.filter((e) => e.event === 'stop.late')).toHaveLength(doomed.length);
    stream.close();
  });

  it('keeps couriers to their own stops', async () => {
    const [first, second] = world.couriers;
    const response = await a.request('POST', `/v1/stops/${first!.stops[1]!.id}/events`, { key: second!.key, body: { id: randomUUID(), type: 'arrived' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const theirs = await jsonOf(await a.request('GET', '/v1/me/assignments', { key: second!.key }));
    expect(theirs.route.stops.map((s: { id: string }) => s.id)).not.toContain(first!.stops[1]!.id);
    expect((await a.request('GET', '/v1/stream', { key: second!.key })).status).toBe(403);
  });

  it('keeps the good pings of a batch and refuses the bad ones with reasons', async () => {
    const [courier] = world.couriers;
    const here = courier!.stops[0]!.location;
    const good = ping(here, 2);
    const result = await jsonOf(
      await a.request('POST', '/v1/me/positions', {
        key: courier!.key,
        body: { positions: [good, { location: [500, 1], time: 'yesterday' }, ping(here, -7200), ping([here[0] + 1, here[1]], 1), good] },
      }),
    );
    expect(result.accepted, JSON.stringify(result)).toBe(1);
    expect(result.duplicates).toBe(1);
    expect(result.rejected.map((r: { index: number; reason: string }) => [r.index, r.reason])).toEqual([
      [1, 'invalid'],
      [2, 'future'],
      [3, 'impossible_jump'],
    ]);
  });

  it('serves the next leg with instructions in the Accept-Language', async () => {
    const [courier] = world.couriers;
    const response = await a.request('GET', '/v1/me/route/next', { key: courier!.key, headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-language')).toBe('fr');
    const leg = await jsonOf(response);
    expect(leg.geometry).toMatchObject({ type: 'LineString' });
    expect(leg.steps.at(-1).instruction).toMatch(/destination/i);
  });

  it('gives customers a tracking link that reveals only their order, and no way to guess others', async () => {
    const order = world.orders[0]!;
    const view = await jsonOf(await b.request('GET', `/v1/track/${order.tracking_token}`));
    expect(Object.keys(view).sort()).toEqual(['completed_at', 'courier', 'eta', 'status', 'stops_before', 'time_windows']);
    const page = await b.request('GET', `/t/${order.tracking_token}`);
    expect(await page.text()).toContain('OpenStreetMap contributors');
    for (const guess of ['x', order.tracking_token.slice(0, -1) + (order.tracking_token.endsWith('A') ? 'B' : 'A'), 'A'.repeat(32)]) {
      const response = await b.request('GET', `/v1/track/${guess}`);
      expect(response.status).toBe(404);
      expect(await jsonOf(response)).toMatchObject({ title: 'Not found' });
    }
  });

  it('lets a browser open the stream with a short-lived token instead of the header', async () => {
    const { token } = await jsonOf(await a.request('POST', '/v1/me/stream-token', { key: world.dispatcher, body: { ttl: 60 } }));
    const stream = await openSse(`${b.url}/v1/stream?access_token=${encodeURIComponent(token)}`);
    expect(stream.status).toBe(200);
    stream.close();
    expect((await openSse(`${b.url}/v1/stream?access_token=${encodeURIComponent(token.slice(0, -2) + 'xx')}`)).status).toBe(401);
    expect((await a.request('GET', `/v1/orders?access_token=${encodeURIComponent(token)}`)).status).toBe(401);
  });
});
