import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startApiHarness, type ApiHarness } from '../test-support/api-harness.js';

const porto: [number, number] = [-8.611, 41.148];
const window = { start: '2026-11-23T09:00:00+00:00', end: '2026-11-23T12:00:00+00:00' };

describe('dispatch resources over HTTP (PostgreSQL)', () => {
  let api: ApiHarness;
  let dispatcher: string;
  let otherOrg: string;
  let courierKey: string;
  let warehouse: string;
  let store: string;
  const delivery = (n: number) => ({ external_id: `D-${n}`, type: 'delivery', depot_id: warehouse, dropoff: { location: [-8.6 - n / 1000, 41.15], time_windows: [window], service_time: 120 }, size: [1] });
  const pickup = (n: number) => ({ external_id: `P-${n}`, type: 'pickup_delivery', pickup: { depot_id: store, service_time: 60 }, dropoff: { location: [-8.62, 41.16 + n / 1000] }, size: [2], max_ride_time: 1800 });
  const count = async (table: string) => Number((await api.service.runtime.db(table).count<{ c: number }[]>({ c: '*' }))[0]!.c);

  beforeAll(async () => {
    api = await startApiHarness();
    dispatcher = await api.key('acme', 'dispatcher');
    otherOrg = await api.key('rival', 'admin');
    warehouse = (await jsonOf(await api.request('POST', '/v1/depots', { key: dispatcher, body: { kind: 'warehouse', name: 'Central', location: porto, time_zone: 'Europe/Lisbon', opening_hours: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '20:00' }] } }))).id;
    store = (await jsonOf(await api.request('POST', '/v1/depots', { key: dispatcher, body: { kind: 'store', name: 'Shop', location: [-8.63, 41.15] } }))).id;
    const courier = await jsonOf(await api.request('POST', '/v1/couriers', { key: dispatcher, body: { name: 'Ana', capacity: [20], skills: ['fridge'], shift: { start: '08:00', end: '17:00' }, start_depot_id: warehouse } }));
    courierKey = await api.key('acme', 'courier', courier.id);
  });
  afterAll(async () => api.close());

  it('creates, reads and lists depots and couriers, scoped to the organisation', async () => {
    const depot = await jsonOf(await api.request('GET', `/v1/depots/${warehouse}`, { key: dispatcher }));
    expect(depot).toMatchObject({ kind: 'warehouse', location: porto, time_zone: 'Europe/Lisbon' });
    expect((await api.request('GET', `/v1/depots/${warehouse}`, { key: otherOrg })).status).toBe(404);
    const couriers = await jsonOf(await api.request('GET', '/v1/couriers?active=true', { key: dispatcher }));
    expect(couriers.data).toHaveLength(1);
    expect(couriers.data[0]).toMatchObject({ name: 'Ana', capacity: [20], shift: { start: '08:00', end: '17:00' } });
    const bad = await jsonOf(await api.request('POST', '/v1/couriers', { key: dispatcher, body: { name: 'X', start_depot_id: '00000000-0000-4000-8000-000000000000' } }));
    expect(bad.errors[0].path).toBe('body.start_depot_id');
  });

  it('creates a warehouse delivery and a store pickup; the same external_id and content is the same order', async () => {
    const first = await api.request('POST', '/v1/orders', { key: dispatcher, body: delivery(1) });
    expect(first.status).toBe(201);
    const order = await jsonOf(first);
    expect(order).toMatchObject({ status: 'pending', type: 'delivery', depot_id: warehouse, dropoff: { time_windows: [window] } });
    expect(order.tracking_token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const again = await api.request('POST', '/v1/orders', { key: dispatcher, body: delivery(1) });
    expect(again.status).toBe(200);
    expect((await jsonOf(again)).id).toBe(order.id);
    const changed = await jsonOf(await api.request('POST', '/v1/orders', { key: dispatcher, body: { ...delivery(1), priority: 9 } }));
    expect(changed.status).toBe(400);
    const store = await jsonOf(await api.request('POST', '/v1/orders', { key: dispatcher, body: pickup(1) }));
    expect(store).toMatchObject({ type: 'pickup_delivery', pickup: { location: [-8.63, 41.15], service_time: 60 }, max_ride_time: 1800 });
  });

  it('names every invalid field', async () => {
    const response = await api.request('POST', '/v1/orders', { key: dispatcher, body: { external_id: 'x', type: 'delivery', dropoff: { location: [200, 0], time_windows: [{ start: '2026-11-23T12:00:00Z', end: '2026-11-23T09:00:00Z' }] } } });
    expect(response.status).toBe(400);
    const paths = (await jsonOf(response)).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.dropoff.location[0]', 'body.dropoff.time_windows[0].end', 'body.depot_id']));
  });

  it('imports orders in bulk, all or nothing, reporting every bad row by index', async () => {
    const before = await count('orders');
    const rows = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? pickup(100 + i) : delivery(100 + i)));
    const bad = [...rows];
    bad[7] = { ...delivery(7), depot_id: store };
    bad[42] = { ...delivery(42), dropoff: { location: [0] } } as never;
    bad[99] = rows[5]!;
    const refused = await api.request('POST', '/v1/orders/bulk', { key: dispatcher, body: { orders: bad } });
    expect(refused.status).toBe(400);
    const paths = (await jsonOf(refused)).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.orders[42].dropoff.location']));
    expect(await count('orders')).toBe(before);
    const semantic = await jsonOf(await api.request('POST', '/v1/orders/bulk', { key: dispatcher, body: { orders: bad.map((r, i) => (i === 42 ? rows[42] : r)) } }));
    expect(semantic.errors.map((e: { path: string }) => e.path)).toEqual(['body.orders[7].depot_id', 'body.orders[99].external_id']);
    expect(await count('orders')).toBe(before);
    const accepted = await jsonOf(await api.request('POST', '/v1/orders/bulk', { key: dispatcher, body: { orders: rows } }));
    expect(accepted).toMatchObject({ created: 300, existing: 0 });
    expect(await count('orders')).toBe(before + 300);
  });

  it('pages through orders with a cursor and filters by status', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; next_cursor: string | null } = await jsonOf(await api.request('GET', `/v1/orders?status=pending&limit=70${cursor ? `&cursor=${cursor}` : ''}`, { key: dispatcher }));
      page.data.forEach((o) => seen.add(o.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen.size).toBe(await api.service.runtime.db('orders').where({ status: 'pending' }).count<{ c: number }[]>({ c: '*' }).then((r) => Number(r[0]!.c)));
    expect((await api.request('GET', '/v1/orders?cursor=nonsense', { key: dispatcher })).status).toBe(400);
  });

  it('cancels through the state machine: 409 with the current state when illegal', async () => {
    const order = await jsonOf(await api.request('POST', '/v1/orders', { key: dispatcher, body: delivery(900) }));
    expect((await jsonOf(await api.request('POST', `/v1/orders/${order.id}/cancel`, { key: dispatcher }))).status).toBe('cancelled');
    const again = await api.request('POST', `/v1/orders/${order.id}/cancel`, { key: dispatcher });
    expect(again.status).toBe(409);
    expect(await jsonOf(again)).toMatchObject({ current: 'cancelled' });
    const patch = await api.request('PATCH', `/v1/orders/${order.id}`, { key: dispatcher, body: { priority: 3 } });
    expect(patch.status).toBe(409);
  });

  it('replays an Idempotency-Key and refuses it with another body', async () => {
    const headers = { 'idempotency-key': 'create-depot-1' };
    const body = { kind: 'store', name: 'Replay', location: porto };
    const first = await api.request('POST', '/v1/depots', { key: dispatcher, body, headers });
    const depots = await count('depots');
    await new Promise((r) => setTimeout(r, 50));
    const second = await api.request('POST', '/v1/depots', { key: dispatcher, body, headers });
    expect(second.status).toBe(first.status);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await jsonOf(second)).id).toBe((await jsonOf(first)).id);
    expect(await count('depots')).toBe(depots);
    const other = await api.request('POST', '/v1/depots', { key: dispatcher, body: { ...body, name: 'Other' }, headers });
    expect(other.status).toBe(422);
  });

  it('keeps couriers and other organisations out of dispatch resources', async () => {
    for (const [method, path] of [['GET', '/v1/orders'], ['POST', '/v1/orders'], ['GET', '/v1/depots'], ['POST', '/v1/couriers'], ['POST', '/v1/orders/bulk']] as const) {
      expect((await api.request(method, path, { key: courierKey, body: method === 'POST' ? {} : undefined })).status, `${method} ${path}`).toBe(403);
    }
    const order = (await jsonOf(await api.request('GET', '/v1/orders?limit=1', { key: dispatcher }))).data[0];
    expect((await api.request('GET', `/v1/orders/${order.id}`, { key: otherOrg })).status).toBe(404);
    expect((await api.request('POST', `/v1/orders/${order.id}/cancel`, { key: otherOrg })).status).toBe(404);
    expect((await jsonOf(await api.request('GET', '/v1/orders', { key: otherOrg }))).data).toEqual([]);
  });

  it('answers fuzzed bodies with 4xx problems, never 5xx, and never changes the database', async () => {
    const before = [await count('orders'), await count('depots'), await count('couriers')];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/orders', '/v1/orders/bulk', '/v1/depots', '/v1/couriers'), fc.anything(), async (path, body) => {
        const response = await api.request('POST', path, { key: dispatcher, body: JSON.stringify(body ?? null) });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.headers.get('content-type')).toMatch(/problem\+json/);
      }),
      { numRuns: 150, seed: 7 },
    );
    expect([await count('orders'), await count('depots'), await count('couriers')]).toEqual(before);
  });
});
