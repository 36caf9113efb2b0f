/** /v1/plans: asynchronous planning runs — create (202), follow, cancel, publish. */
import type { EventRecorder } from '../../tracking/events/event-recorder.js';
import { randomUUID } from 'node:crypto';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { defineRoute } from '../../api/define-route.js';
import { problems } from '../../api/problem.js';
import { QueueUnavailableError, type JobQueue } from '../../queue/job-queue.js';
import type { EventBus } from '../../tracking/event-bus.js';
import { calendarDate } from '../calendar-date.js';
import { idParams } from '../common-schemas.js';
import { PLAN_QUEUE, type PlanJob, type PlanParameters } from './run-plan.js';
import { PLAN_ATTEMPTS } from './plan-processor.js';

const newPlanSchema = z
  .object({
    date: z.iso.date({ message: 'expected a date YYYY-MM-DD' }),
    order_ids: z.array(z.uuid()).min(1).max(20_000).optional().openapi({ description: 'Orders to plan; default: every pending order of the date (or without a date)' }),
    courier_ids: z.array(z.uuid()).min(1).max(2_000).optional().openapi({ description: 'Couriers to use; default: every active courier' }),
    depot_ids: z.array(z.uuid()).min(1).max(500).optional().openapi({ description: 'A region given by its depots: only orders leaving from these warehouses or stores, and couriers based there' }),
    area: z
      .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
      .refine(([w, s, e, n]) => w < e && s < n, 'expected [west, south, east, north] with west < east and south < north')
      .optional()
      .openapi({ description: 'A region as a bounding box [west, south, east, north]: only orders whose drop-off lies inside' }),
    time_limit: z.number().int().min(1).max(600).default(30).openapi({ description: 'Seconds the solver may search' }),
    objective: z.enum(['hierarchical', 'cost']).default('hierarchical'),
  })
  .strict()
  .openapi('NewPlan');

const planSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    date: z.string(),
    parameters: z.record(z.string(), z.unknown()),
    progress: z.record(z.string(), z.unknown()).nullable(),
    summary: z.record(z.string(), z.unknown()).nullable(),
    error: z.string().nullable(),
    created_at: z.string(),
    finished_at: z.string().nullable(),
    published_at: z.string().nullable(),
    routes: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .openapi('Plan');

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function registerPlanRoutes(router: Router, registry: OpenAPIRegistry, db: Db, jobs: JobQueue, events: EventBus, recorder: EventRecorder): void {
  const roles = ['admin', 'dispatcher'] as const;
  const find = async (organisationId: string, id: string) => {
    const plan = await db('plans').where({ organisation_id: organisationId, id }).first();
    if (!plan) throw problems.notFound(`Plan ${id}`);
    return plan;
  };
  const present = async (plan: Record<string, unknown>, withRoutes: boolean) => {
    const body: Record<string, unknown> = {
      id: plan.id,
      status: plan.status,
      date: calendarDate(plan.service_date as string | Date),
      parameters: plan.parameters,
      progress: plan.progress ?? null,
      summary: plan.summary ?? null,
      error: plan.error ?? null,
      created_at: iso(plan.created_at as Date),
      finished_at: iso(plan.finished_at as Date | null),
      published_at: iso(plan.published_at as Date | null),
    };
    if (withRoutes) {
      const routes = await db('routes').where({ plan_id: plan.id }).orderBy('start_at');
      const stops = await db('stops').whereIn('route_id', routes.map((r) => r.id)).orderBy(['route_id', 'sequence']);
      body.routes = routes.map((r) => ({
        id: r.id,
        courier_id: r.courier_id,
        start_at: iso(r.start_at),
        end_at: iso(r.end_at),
        distance: r.distance_m,
        travel_time: r.travel_s,
        geometry: r.geometry,
        stops: stops.filter((s) => s.route_id === r.id).map((s) => ({ id: s.id, order_id: s.order_id, kind: s.kind, location: [s.lon, s.lat], planned_arrival: iso(s.planned_arrival), planned_start: iso(s.planned_start), status: s.status })),
      }));
    }
    return body;
  };

  defineRoute(router, registry, {
    method: 'post', path: '/v1/plans', summary: 'Start a planning run (asynchronous)', tag: 'Plans', roles: [...roles], body: newPlanSchema,
    responses: { 202: { description: 'Queued', schema: z.object({ id: z.uuid(), status: z.literal('queued') }) }, 503: { description: 'The job queue is unavailable; nothing was written' } },
    handler: async ({ auth, body }) => {
      const id = randomUUID();
      const parameters: PlanParameters = { order_ids: body.order_ids, courier_ids: body.courier_ids, depot_ids: body.depot_ids, area: body.area, time_limit_s: body.time_limit, objective: body.objective };
      await db('plans').insert({ id, organisation_id: auth.organisationId, service_date: body.date, parameters: JSON.stringify(parameters) });
      try {
        await jobs.add<PlanJob>(PLAN_QUEUE, { planId: id, organisationId: auth.organisationId }, { jobId: id, attempts: PLAN_ATTEMPTS, backoffMs: 2000 });
      } catch (error) {
        // Nothing half-way: without a job the plan row would wait forever.
        await db('plans').where({ id }).delete();
        if (error instanceof QueueUnavailableError) throw problems.unavailable('The planning queue is unavailable; nothing was created. Retry shortly.');
        throw error;
      }
      return { status: 202, body: { id, status: 'queued' }, headers: { Location: `/v1/plans/${id}` } };
    },
  });

  defineRoute(router, registry, {
    method: 'get', path: '/v1/plans/:id', summary: 'A planning run: status, progress, and its routes once done', tag: 'Plans', roles: [...roles], params: idParams,
    responses: { 200: { description: 'The plan', schema: planSchema } },
    handler: async ({ auth, params }) => {
      const plan = await find(auth.organisationId, params.id);
      return { body: await present(plan, plan.status === 'done' || plan.status === 'cancelled') };
    },
  });

  defineRoute(router, registry, {
    method: 'get', path: '/v1/plans/:id/events', summary: 'Server-sent events of a planning run: plan.progress, then plan.done', tag: 'Plans', roles: [...roles], params: idParams,
    responses: { 200: { description: 'text/event-stream', contentType: 'text/event-stream', schema: z.string() } },
    handler: async ({ auth, params, req, res }) => {
      const plan = await find(auth.organisationId, params.id);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      const send = (event: { type: string }) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      send({ type: 'plan.status', ...(await present(plan, false)) });
      if (['done', 'failed', 'cancelled'].includes(plan.status as string)) return void res.end();
      const unsubscribe = await events.subscribe(`org:${auth.organisationId}:plan:${params.id}`, (event) => {
        send(event);
        if (event.type === 'plan.done') void close();
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      const close = async () => {
        clearInterval(heartbeat);
        await unsubscribe();
        res.end();
      };
      req.on('close', () => void close());
    },
  });

  defineRoute(router, registry, {
    method: 'post', path: '/v1/plans/:id/cancel', summary: 'Stop a planning run; a running solve keeps the best plan found so far', tag: 'Plans', roles: [...roles], params: idParams,
    responses: { 202: { description: 'Cancellation requested', schema: z.object({ id: z.uuid(), status: z.string() }) }, 409: { description: 'The plan has finished already' } },
    handler: async ({ auth, params }) => {
      const plan = await find(auth.organisationId, params.id);
      if (['done', 'failed', 'cancelled'].includes(plan.status as string)) throw problems.conflict(`The plan is ${plan.status}.`, { current: plan.status });
      await jobs.cancel(PLAN_QUEUE, params.id);
      if (plan.status === 'queued') await db('plans').where({ id: params.id, status: 'queued' }).update({ status: 'cancelled', finished_at: db.fn.now(), updated_at: db.fn.now() });
      return { status: 202, body: { id: params.id, status: plan.status === 'queued' ? 'cancelled' : 'cancelling' } };
    },
  });

  defineRoute(router, registry, {
    method: 'post', path: '/v1/plans/:id/publish', summary: "Publish a finished plan: its routes become the couriers' assignments", tag: 'Plans', roles: [...roles], params: idParams,
    responses: { 200: { description: 'Published', schema: planSchema }, 409: { description: 'The plan is not finished, or is published already' } },
    handler: async ({ auth, params }) => {
      const published = await db.transaction(async (trx) => {
        const plan = await trx('plans').where({ organisation_id: auth.organisationId, id: params.id }).forUpdate().first();
        if (!plan) throw problems.notFound(`Plan ${params.id}`);
        if (plan.status !== 'done' && plan.status !== 'cancelled') throw problems.conflict(`The plan is ${plan.status}; only a finished plan can be published.`, { current: plan.status });
        if (plan.published_at) throw problems.conflict('The plan is published already.', { current: 'published' });
        const orderIds = await trx('stops').join('routes', 'routes.id', 'stops.route_id').where('routes.plan_id', params.id).distinct('stops.order_id').pluck('stops.order_id');
        if (orderIds.length) await trx('orders').whereIn('id', orderIds).whereIn('status', ['pending', 'planned']).update({ status: 'assigned', updated_at: trx.fn.now() });
        await trx('plans').where({ id: params.id }).update({ published_at: trx.fn.now(), updated_at: trx.fn.now() });
        // Each courier's app and the dispatchers learn of their new route (route.published).
        const routes = await trx('routes').join('couriers', 'couriers.id', 'routes.courier_id').where('routes.plan_id', params.id).select('routes.id', 'routes.courier_id', 'couriers.start_depot_id');
        const stops = await trx('stops').whereIn('route_id', routes.map((r) => r.id)).select('route_id', 'order_id');
        return recorder.store(
          routes.map((r) => ({ type: 'route.published' as const, organisationId: auth.organisationId, courierId: r.courier_id, routeId: r.id, depotId: r.start_depot_id, orderIds: [...new Set(stops.filter((s) => s.route_id === r.id).map((s) => s.order_id as string))], data: { plan_id: params.id, route_id: r.id } })),
          trx,
        );
      });
      await recorder.publish(published);
      return { body: await present(await find(auth.organisationId, params.id), true) };
    },
  });
}
