/**
 * Re-planning a started day: the stop in progress stays at the head of its courier's new route with
 * its status, and the warehouse parcels already on board stay with that courier.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startApiHarness, type ApiHarness } from '../../test-support/api-harness.js';
import { publishRoutes, type PublishedRoutes } from '../../tracking/test-support/published-routes.js';

describe('re-planning with stops done or in progress', () => {
  let api: ApiHarness;
  let world: PublishedRoutes;
  beforeAll(async () => {
    api = await startApiHarness();
    world = await publishRoutes(api, 'replanned');
  }, 60_000);
  afterAll(async () => api?.close());

  it('keeps settled stops locked and parcels on board with their courier', async () => {
    const [courier] = world.couriers;
    const [first, second] = courier!.stops;
    const post = (path: string, body: unknown, key = world.dispatcher) => api.request('POST', path, { key, body });
    expect((await post(`/v1/stops/${first!.id}/events`, { id: randomUUID(), type: 'delivered' }, courier!.key)).status).toBe(201);
    expect((await post(`/v1/stops/${second!.id}/events`, { id: randomUUID(), type: 'arrived' }, courier!.key)).status).toBe(201);
    const onBoard = courier!.stops.slice(1).map((s) => s.order_id);

    const { id } = await jsonOf(await post('/v1/plans', { date: '2026-11-23', time_limit: 1 }));
    let plan = await jsonOf(await api.request('GET', `/v1/plans/${id}`, { key: world.dispatcher }));
    for (let i = 0; i < 100 && !['done', 'failed'].includes(plan.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      plan = await jsonOf(await api.request('GET', `/v1/plans/${id}`, { key: world.dispatcher }));
    }
    expect(plan.status, plan.error).toBe('done');
    expect(plan.summary.validated).toBe(true);
    const route = plan.routes.find((r: { courier_id: string }) => r.courier_id === courier!.id);
    expect(route.stops[0]).toMatchObject({ order_id: second!.order_id, status: 'arrived' });
    expect(new Set(route.stops.map((s: { order_id: string }) => s.order_id))).toEqual(new Set(onBoard));
    expect(route.stops.map((s: { order_id: string }) => s.order_id)).not.toContain(first!.order_id);

    expect((await post(`/v1/plans/${id}/publish`, {})).status).toBe(200);
    const mine = await jsonOf(await api.request('GET', '/v1/me/assignments', { key: courier!.key }));
    expect(mine.route.plan_id).toBe(id);
    expect(mine.route.stops[0]).toMatchObject({ order_id: second!.order_id, status: 'arrived' });
  });
});
