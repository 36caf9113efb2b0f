/**
 * The planning job: load the day's orders and couriers, build the problem over the road graph,
 * solve off the event loop, and write routes, stops and unassigned reasons in one transaction.
 * Idempotent: a plan already finished is left alone, and routes are unique per (plan, courier), so a
 * job that runs again after a crashed worker cannot write a plan twice.
 */
import { organisationChannel, toStreamEvent } from '../../tracking/events/domain-event.js';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { JobContext } from '../../queue/job-queue.js';
import type { RoadGraph } from '../../roadgraph/road-graph.js';
import { solveInWorker } from '../../solving/solve-in-worker.js';
import { validate } from '../../../solver/validate/index.js';
import type { EventBus } from '../../tracking/event-bus.js';
import type { OrderRow } from '../orders/order-record.js';
import { calendarDate } from '../calendar-date.js';
import { inFlightWork, type InFlight } from './in-flight.js';
import { buildPlanProblem, type CourierForPlan, type DepotForPlan } from './build-problem.js';

export const PLAN_QUEUE = 'plans';

export interface PlanJob {
  planId: string;
  organisationId: string;
}

export interface PlanParameters {
  order_ids?: string[];
  courier_ids?: string[];
  depot_ids?: string[];
  area?: [number, number, number, number];
  time_limit_s: number;
  objective: 'hierarchical' | 'cost';
}

export interface PlanRunner {
  db: Db;
  roadGraph: () => Promise<RoadGraph>;
  events: EventBus;
  solverThreads?: number;
}

const finished = new Set(['done', 'failed', 'cancelled']);

export async function runPlan(runner: PlanRunner, job: JobContext<PlanJob>): Promise<void> {
  const { db, events } = runner;
  const { planId, organisationId } = job.data;
  const plan = await db('plans').where({ id: planId, organisation_id: organisationId }).first();
  if (!plan || finished.has(plan.status)) return;
  const parameters = plan.parameters as PlanParameters;
  const date = calendarDate(plan.service_date);
  const channel = `org:${organisationId}:plan:${planId}`;
  // The plan's own stream, and the organisation's dispatcher stream (/v1/stream).
  const announce = async (type: 'plan.progress' | 'plan.done', data: Record<string, unknown>) => {
    await events.publish(channel, { type, plan_id: planId, ...data }).catch(() => {});
    await events.publish(organisationChannel(organisationId), { ...toStreamEvent({ type, organisationId, data: { plan_id: planId, ...data } }) }).catch(() => {});
  };
  const report = async (progress: Record<string, unknown>) => {
    await db('plans').where({ id: planId }).update({ progress: JSON.stringify(progress), updated_at: db.fn.now() });
    await job.updateProgress(progress);
    await announce('plan.progress', progress);
  };
  await db('plans').where({ id: planId }).update({ status: 'running', started_at: db.fn.now(), updated_at: db.fn.now() });
  await report({ phase: 'loading' });

  const ordersQuery = db('orders').where({ organisation_id: organisationId });
  if (parameters.order_ids) void ordersQuery.whereIn('id', parameters.order_ids).whereIn('status', ['pending', 'planned']);
  else void ordersQuery.where({ status: 'pending' }).andWhere((q) => q.where({ service_date: date }).orWhereNull('service_date'));
  const couriersQuery = db('couriers').where({ organisation_id: organisationId, active: true });
  if (parameters.courier_ids) void couriersQuery.whereIn('id', parameters.courier_ids);
  if (parameters.depot_ids) void couriersQuery.whereIn('start_depot_id', parameters.depot_ids);
  if (parameters.depot_ids) void ordersQuery.whereIn('depot_id', parameters.depot_ids);
  if (parameters.area) {
    const [west, south, east, north] = parameters.area;
    void ordersQuery.whereBetween('dropoff_lon', [west, east]).whereBetween('dropoff_lat', [south, north]);
  }
  const couriers = (await couriersQuery.orderBy('created_at')) as CourierForPlan[];
  // Re-planning: the couriers' published routes come back in, with what is settled locked.
  const inFlight = await inFlightWork(db, organisationId, couriers.map((c) => c.id));
  const fresh = (await ordersQuery.orderBy('created_at')) as OrderRow[];
  const orders = [...fresh, ...inFlight.orders.filter((o) => !fresh.some((f) => f.id === o.id))];
  const depots = new Map<string, DepotForPlan>(((await db('depots').where({ organisation_id: organisationId })) as DepotForPlan[]).map((d) => [d.id, d]));

  if (orders.length === 0 || couriers.length === 0) {
    await finish(db, planId, 'done', { routes: 0, served: 0, unassigned: [], note: orders.length === 0 ? 'no pending orders for this date' : 'no active couriers' }, []);
    await announce('plan.done', { status: 'done' });
    return;
  }
  await report({ phase: 'matrix', orders: orders.length, couriers: couriers.length });
  const roadGraph = await runner.roadGraph();
  const built = await buildPlanProblem(date, orders, couriers, depots, roadGraph, { objective: parameters.objective, inFlight });
  await report({ phase: 'solving', orders: orders.length, couriers: couriers.length });
  let lastReport = 0;
  const solution = await solveInWorker(built.problem, {
    timeLimitMs: parameters.time_limit_s * 1000,
    threads: runner.solverThreads ?? 1,
    signal: job.signal,
    onProgress: (p) => {
      if (Date.now() - lastReport < 500) return;
      lastReport = Date.now();
      void report({ phase: 'solving', iteration: p.iteration, best_cost: p.best.cost, vehicles: p.best.vehicles, unserved: p.best.unserved }).catch(() => {});
    },
  });
  const cancelled = job.signal.aborted;
  // Never write a plan the independent checker rejects.
  const check = validate(built.problem, solution);
  if (!check.ok) throw new Error(`the solver returned an invalid plan: ${check.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  await report({ phase: 'writing' });

  // Geometry per route from the road graph, before the transaction (no network I/O inside it).
  const routes = await Promise.all(
    solution.routes.map(async (route) => {
      const courier = built.couriers[route.vehicle - 1]!;
      const points = route.steps.filter((s) => s.location_index !== undefined).map((s) => built.points[s.location_index!]!);
      const geometry = points.length >= 2 ? (await roadGraph.route(points, { geometry: 'geojson' }).catch(() => undefined))?.geometry : undefined;
      return { route, courier, geometry };
    }),
  );
  const unassigned = solution.unassigned
    .filter((u) => u.type !== 'delivery' || !solution.unassigned.some((p) => p.type === 'pickup' && p.id === u.id))
    .map((u) => ({ order_id: built.orders[u.id - 1]!.id, code: u.code, reason: u.reason }));
  const summary = {
    routes: solution.routes.length,
    served: built.orders.length - unassigned.length,
    unassigned,
    distance_m: Math.round(solution.summary.distance),
    travel_s: Math.round(solution.summary.duration),
    objective: parameters.objective,
    iterations: solution.stats.iterations,
    validated: true,
  };
  await finish(db, planId, cancelled ? 'cancelled' : 'done', summary, routes.map(({ route, courier, geometry }) => ({
    courier_id: courier.id,
    distance: route.distance,
    travel: route.duration,
    geometry,
    steps: route.steps,
    orderOf: (id: number) => built.orders[id - 1]!,
    point: (index: number) => built.points[index]!,
  })), unassigned, organisationId, inFlight.carried);
  await announce('plan.done', { status: cancelled ? 'cancelled' : 'done' });
}

interface RouteToWrite {
  courier_id: string;
  distance: number;
  travel: number;
  geometry: unknown;
  steps: { type: string; id?: number; arrival: number; waiting_time: number; location_index?: number }[];
  orderOf: (id: number) => OrderRow;
  point: (index: number) => [number, number];
}

async function finish(db: Db, planId: string, status: string, summary: object, routes: RouteToWrite[], unassigned: { order_id: string; code: string; reason: string }[] = [], organisationId?: string, carried: InFlight['carried'] = new Map()): Promise<void> {
  await db.transaction(async (trx) => {
    const plan = await trx('plans').where({ id: planId }).forUpdate().first();
    if (!plan || plan.status === 'done' || plan.status === 'failed') return;
    const at = (epoch: number) => new Date(epoch * 1000);
    for (const r of routes) {
      const tasks = r.steps.filter((s) => s.type === 'job' || s.type === 'pickup' || s.type === 'delivery');
      const routeId = randomUUID();
      await trx('routes').insert({
        id: routeId,
        organisation_id: organisationId,
        plan_id: planId,
        courier_id: r.courier_id,
        start_at: at(r.steps[0]!.arrival),
        end_at: at(r.steps[r.steps.length - 1]!.arrival),
        distance_m: r.distance,
        travel_s: r.travel,
        geometry: r.geometry ? JSON.stringify(r.geometry) : null,
      });
      const stops = tasks.map((s, sequence) => {
        const order = r.orderOf(s.id!);
        const [lon, lat] = r.point(s.location_index!);
        const kind = s.type === 'pickup' ? 'pickup' : 'dropoff';
        // A locked stop keeps what already happened there.
        const settled = carried.get(`${order.id}:${kind}`) ?? {};
        return { id: randomUUID(), organisation_id: organisationId, route_id: routeId, order_id: order.id, sequence, kind, lon, lat, planned_arrival: at(s.arrival), planned_start: at(s.arrival + s.waiting_time), eta: at(s.arrival), ...settled };
      });
      if (stops.length) await trx('stops').insert(stops);
      const routed = [...new Set(stops.map((s) => s.order_id))];
      if (routed.length) await trx('orders').whereIn('id', routed).where({ status: 'pending' }).update({ status: 'planned', unassigned_reason: null, updated_at: trx.fn.now() });
    }
    for (const u of unassigned) await trx('orders').where({ id: u.order_id }).update({ unassigned_reason: JSON.stringify({ code: u.code, reason: u.reason }), updated_at: trx.fn.now() });
    await trx('plans').where({ id: planId }).update({ status, summary: JSON.stringify(summary), finished_at: trx.fn.now(), updated_at: trx.fn.now(), progress: JSON.stringify({ phase: 'finished' }) });
  });
}
