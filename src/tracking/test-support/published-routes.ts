/**
 * An organisation with a warehouse, two couriers with keys and a published plan on the Monaco
 * graph: the starting point of the tracking tests. The plan is solved for real (with Redis
 * configured, API instances leave planning to workers, so a processor is started here).
 */
import { planRunnerOf } from '../../dispatch/dispatch-module.js';
import { processPlans } from '../../dispatch/plans/plan-processor.js';
import { monacoPoints } from '../../roadgraph/test-support/monaco.js';
import { jsonOf, type ApiHarness } from '../../test-support/api-harness.js';

export interface PublishedRoutes {
  dispatcher: string;
  admin: string;
  couriers: { id: string; key: string; stops: { id: string; order_id: string; kind: string; location: [number, number] }[] }[];
  orders: { id: string; tracking_token: string }[];
}

export async function publishRoutes(api: ApiHarness, org: string, date = '2026-11-23'): Promise<PublishedRoutes> {
  // Without Redis the API process runs plans itself.
  if (api.config.REDIS_URL) processPlans(api.service.runtime.jobs, planRunnerOf(api.service.runtime), api.service.runtime.logger);
  const dispatcher = await api.key(org, 'dispatcher');
  const admin = await api.key(org, 'admin');
  const post = async (path: string, body: unknown) => jsonOf(await api.request('POST', path, { key: dispatcher, body }));
  const warehouse = (await post('/v1/depots', { kind: 'warehouse', name: 'Fontvieille', location: monacoPoints[2] })).id;
  const courierIds: string[] = [];
  for (let c = 0; c < 2; c++) courierIds.push((await post('/v1/couriers', { name: `Courier ${c}`, capacity: [4], shift: { start: '08:00', end: '18:00' }, start_depot_id: warehouse })).id);
  const dropoffs = [0, 1, 3, 4, 0, 1, 3, 4].map((p, i): [number, number] => [monacoPoints[p]![0] + i * 0.0002, monacoPoints[p]![1]]);
  const orders = dropoffs.map((location, i) => ({ external_id: `T-${i}`, type: 'delivery', depot_id: warehouse, dropoff: { location, service_time: 120, address: `${i} Boulevard` }, size: [1], service_date: date, recipient: { name: `Customer ${i}` } }));
  const { ids } = await post('/v1/orders/bulk', { orders });
  const { id: planId } = await post('/v1/plans', { date, time_limit: 1 });
  let plan = await jsonOf(await api.request('GET', `/v1/plans/${planId}`, { key: dispatcher }));
  for (let i = 0; i < 200 && !['done', 'failed'].includes(plan.status); i++) {
    await new Promise((r) => setTimeout(r, 100));
    plan = await jsonOf(await api.request('GET', `/v1/plans/${planId}`, { key: dispatcher }));
  }
  if (plan.status !== 'done') throw new Error(`plan ${plan.status}: ${plan.error}`);
  await post(`/v1/plans/${planId}/publish`, {});
  plan = await jsonOf(await api.request('GET', `/v1/plans/${planId}`, { key: dispatcher }));
  const couriers = [];
  for (const id of courierIds) {
    const route = plan.routes.find((r: { courier_id: string }) => r.courier_id === id);
    couriers.push({ id, key: await api.key(org, 'courier', id), stops: route?.stops ?? [] });
  }
  const orderRows = await Promise.all((ids as string[]).map(async (id) => jsonOf(await api.request('GET', `/v1/orders/${id}`, { key: dispatcher }))));
  return { dispatcher, admin, couriers, orders: orderRows.map((o) => ({ id: o.id, tracking_token: o.tracking_token })) };
}
