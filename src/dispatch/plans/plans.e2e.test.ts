import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startApiHarness, type ApiHarness } from '../../test-support/api-harness.js';
import { monacoPoints } from '../../roadgraph/test-support/monaco.js';

const date = '2026-11-23';
const at = (hour: number) => `${date}T${String(hour).padStart(2, '0')}:00:00+00:00`;

describe('planning runs end to end (PostgreSQL, in-process queue, Monaco road graph)', () => {
  let api: ApiHarness;
  let key: string;
  let orderIds: string[] = [];

  beforeAll(async () => {
    api = await startApiHarness();
    await api.service.runtime.roadGraph.get();
    key = await api.key('monaco-express', 'dispatcher');
    const depot = async (kind: string, i: number) => (await jsonOf(await api.request('POST', '/v1/depots', { key, body: { kind, name: `${kind} ${i}`, location: monacoPoints[i] } }))).id as string;
    const warehouse = await depot('warehouse', 0);
    const stores = [await depot('store', 1), await depot('store', 2)];
    for (let c = 0; c < 20; c++) {
      await api.request('POST', '/v1/couriers', { key, body: { name: `Courier ${c}`, capacity: [30], shift: { start: '08:00', end: '18:00' }, start_depot_id: warehouse, skills: c === 0 ? ['fridge'] : [] } });
    }
    const jitter = (i: number): [number, number] => {
      const [lon, lat] = monacoPoints[i % monacoPoints.length]!;
      return [lon + ((i * 37) % 11) * 0.0002 - 0.001, lat + ((i * 53) % 7) * 0.0002 - 0.0006];
    };
    const orders = Array.from({ length: 500 }, (_, i) =>
      i % 3 === 0
        ? { external_id: `S-${i}`, type: 'pickup_delivery', pickup: { depot_id: stores[i % 2], service_time: 120 }, dropoff: { location: jitter(i), time_windows: [{ start: at(9), end: at(17) }], service_time: 60 }, size: [1], service_date: date }
        : { external_id: `W-${i}`, type: 'delivery', depot_id: warehouse, dropoff: { location: jitter(i), time_windows: [{ start: at(8 + (i % 6)), end: at(10 + (i % 6)) }], service_time: 90 }, size: [i === 4 ? 99 : 1], skills: i === 7 ? ['crane'] : [], service_date: date },
    );
    const created = await jsonOf(await api.request('POST', '/v1/orders/bulk', { key, body: { orders } }));
    orderIds = created.ids;
  });
  afterAll(async () => api.close());

  it('plans every order or explains why not, validates, writes routes, and publishes them', async () => {
    const queued = await api.request('POST', '/v1/plans', { key, body: { date, time_limit: 3 } });
    expect(queued.status).toBe(202);
    const { id } = await jsonOf(queued);
    let plan = await jsonOf(await api.request('GET', `/v1/plans/${id}`, { key }));
    for (let i = 0; i < 150 && !['done', 'failed'].includes(plan.status); i++) {
      await new Promise((r) => setTimeout(r, 200));
      plan = await jsonOf(await api.request('GET', `/v1/plans/${id}`, { key }));
    }
    expect(plan.status, JSON.stringify(plan.error)).toBe('done');
    expect(plan.summary.validated).toBe(true);
    const routed = new Set(plan.routes.flatMap((r: { stops: { order_id: string }[] }) => r.stops.map((s) => s.order_id)));
    const unassigned = new Map(plan.summary.unassigned.map((u: { order_id: string; code: string }) => [u.order_id, u.code]));
    for (const orderId of orderIds) expect(routed.has(orderId) !== unassigned.has(orderId), orderId).toBe(true);
    expect(unassigned.get(orderIds[4]!)).toBe('capacity');
    expect(unassigned.get(orderIds[7]!)).toBe('skills');
    for (const route of plan.routes) {
      expect(route.geometry).toMatchObject({ type: 'LineString' });
      const arrivals = route.stops.map((s: { planned_arrival: string }) => Date.parse(s.planned_arrival));
      expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
    }
    const order = await jsonOf(await api.request('GET', `/v1/orders/${orderIds[7]}`, { key }));
    expect(order.unassigned_reason).toMatchObject({ code: 'skills' });

    const published = await api.request('POST', `/v1/plans/${id}/publish`, { key });
    expect(published.status).toBe(200);
    // Each courier's key sees exactly its own route's stops, in order.
    for (const route of plan.routes.slice(0, 3)) {
      const courierKey = await api.key('monaco-express', 'courier', route.courier_id);
      const mine = await jsonOf(await api.request('GET', '/v1/me/assignments', { key: courierKey }));
      expect(mine.route.stops.map((s: { id: string }) => s.id)).toEqual(route.stops.map((s: { id: string }) => s.id));
      const listed = await jsonOf(await api.request('GET', `/v1/orders?courier_id=${route.courier_id}&limit=200`, { key }));
      expect(new Set(listed.data.map((o: { id: string }) => o.id))).toEqual(new Set(route.stops.map((s: { order_id: string }) => s.order_id)));
    }
    const someRouted = [...routed][0] as string;
    expect((await jsonOf(await api.request('GET', `/v1/orders/${someRouted}`, { key }))).status).toBe('assigned');
    expect((await api.request('POST', `/v1/plans/${id}/publish`, { key })).status).toBe(409);
    expect((await api.request('POST', `/v1/plans/${id}/cancel`, { key })).status).toBe(409);
  });

  it('plans a region: of the pending orders, only those inside the area', async () => {
    const depots = await jsonOf(await api.request('GET', '/v1/depots', { key }));
    const warehouse = depots.data.find((d: { kind: string }) => d.kind === 'warehouse').id;
    for (const [i, lon] of [7.415, 7.42, 7.43, 7.435].entries()) {
      await api.request('POST', '/v1/orders', { key, body: { external_id: `R-${i}`, type: 'delivery', depot_id: warehouse, dropoff: { location: [lon, 43.735] }, size: [1], service_date: date } });
    }
    const pending = await jsonOf(await api.request('GET', '/v1/orders?status=pending&limit=200', { key }));
    const inside = pending.data.filter((o: { dropoff: { location: [number, number] } }) => o.dropoff.location[0] < 7.425).map((o: { id: string }) => o.id);
    const outside = pending.data.filter((o: { dropoff: { location: [number, number] } }) => o.dropoff.location[0] >= 7.425).map((o: { id: string }) => o.id);
    const { id } = await jsonOf(await api.request('POST', '/v1/plans', { key, body: { date, time_limit: 1, area: [7.3, 43.6, 7.425, 43.8] } }));
    let plan = await jsonOf(await api.request('GET', `/v1/plans/${id}`, { key }));
    for (let i = 0; i < 100 && !['done', 'failed'].includes(plan.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      plan = await jsonOf(await api.request('GET', `/v1/plans/${id}`, { key }));
    }
    expect(plan.status).toBe('done');
    const considered = [...plan.routes.flatMap((r: { stops: { order_id: string }[] }) => r.stops.map((s) => s.order_id)), ...plan.summary.unassigned.map((u: { order_id: string }) => u.order_id)];
    // The couriers' published work comes along (re-planning); of the pending orders, only those inside.
    for (const order of inside) expect(considered).toContain(order);
    for (const order of outside) expect(considered).not.toContain(order);
    expect(outside.length).toBeGreaterThan(0);
  });

  it('streams progress as server-sent events until the plan is done', async () => {
    const { id } = await jsonOf(await api.request('POST', '/v1/plans', { key, body: { date, time_limit: 1, order_ids: orderIds.slice(0, 5) } }));
    const response = await fetch(`${api.url}/v1/plans/${id}/events`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await response.text();
    expect(text).toMatch(/event: plan\.status/);
    expect(text).toMatch(/event: plan\.done|"status":"done"/);
  });

  it('refuses invalid plan requests and hides other organisations’ plans', async () => {
    const bad = await api.request('POST', '/v1/plans', { key, body: { date: '23/11/2026', time_limit: 0, area: [7.5, 43.7, 7.4, 43.8] } });
    expect(bad.status).toBe(400);
    expect((await jsonOf(bad)).errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.date', 'body.time_limit', 'body.area']));
    const { id } = await jsonOf(await api.request('POST', '/v1/plans', { key, body: { date, time_limit: 1, order_ids: orderIds.slice(0, 2) } }));
    const rival = await api.key('rival', 'admin');
    expect((await api.request('GET', `/v1/plans/${id}`, { key: rival })).status).toBe(404);
  });
});

describe('planning with Redis down', () => {
  it('answers 503 and writes nothing', async () => {
    const api = await startApiHarness({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const key = await api.key('acme', 'dispatcher');
      const response = await api.request('POST', '/v1/plans', { key, body: { date } });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
      expect(Number((await api.service.runtime.db('plans').count<{ c: number }[]>({ c: '*' }))[0]!.c)).toBe(0);
    } finally {
      await api.close();
    }
  });
});
