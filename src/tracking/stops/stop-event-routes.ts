/**
 * POST /v1/stops/{id}/events: what happened at a stop. Phones retry on flaky networks, so the
 * client names each event with its own id: the same id again replays the result instead of
 * applying the event twice. The stop, its order and the outbox event change in one transaction.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import { defineRoute, uuidParam } from '../../api/define-route.js';
import { problems } from '../../api/problem.js';
import type { Db } from '../../db/database.js';
import { assertTransition, type OrderStatus } from '../../dispatch/orders/order-status.js';
import type { EventRecorder } from '../events/event-recorder.js';
import { applyStopEvent, stopEventTypes } from './stop-status.js';

const bodySchema = z
  .object({
    id: z.uuid().describe('The client’s id for this event: resending it applies the event once'),
    type: z.enum(stopEventTypes),
    reason: z.string().min(1).max(200).optional().describe('Why the stop failed (required for failed)'),
    proof: z.string().min(1).max(200).optional().describe('Reference of a photo or signature stored by the app'),
    location: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).optional(),
    time: z.iso.datetime({ offset: true }).optional().describe('Device time'),
  })
  .refine((e) => e.type !== 'failed' || e.reason, { message: 'a failed stop needs a reason', path: ['reason'] });

const stopSchema = z.object({ id: z.uuid(), order_id: z.uuid(), status: z.string(), order_status: z.string(), arrived_at: z.string().nullable(), completed_at: z.string().nullable() });

export function registerStopEventRoutes(router: Router, registry: OpenAPIRegistry, deps: { db: Db; recorder: EventRecorder; onStopChanged: (organisationId: string, courierId: string) => void }): void {
  const { db, recorder } = deps;
  defineRoute(router, registry, {
    method: 'post',
    path: '/v1/stops/:id/events',
    summary: 'Report a stop event (arrived, picked_up, delivered, failed); a courier only for their own stops',
    tag: 'Courier',
    roles: ['courier', 'dispatcher', 'admin'],
    params: z.object({ id: uuidParam }),
    body: bodySchema,
    responses: { 201: { description: 'Applied', schema: stopSchema }, 200: { description: 'This event id was applied before: the stop as it is', schema: stopSchema }, 409: { description: 'Not possible in the stop’s current status' }, 422: { description: 'The event id was used for another event' } },
    handler: async ({ auth, params, body }) => {
      const scope = (trx: Db) => {
        const query = trx('stops').join('routes', 'routes.id', 'stops.route_id').join('orders', 'orders.id', 'stops.order_id').where({ 'stops.organisation_id': auth.organisationId, 'stops.id': params.id });
        // A courier's key reaches only the stops of their own routes; anything else does not exist for them.
        return auth.role === 'courier' ? query.where('routes.courier_id', auth.courierId) : query;
      };
      const { status, row, stored } = await db.transaction(async (trx) => {
        const stop = await scope(trx).forUpdate('stops').first('stops.id', 'stops.kind', 'stops.status', 'stops.order_id', 'stops.route_id', 'routes.courier_id', 'orders.status as order_status');
        if (!stop) throw problems.notFound(`Stop ${params.id}`);
        const previous = await trx('stop_events').where({ organisation_id: auth.organisationId, id: body.id }).first('stop_id', 'type');
        if (previous) {
          if (previous.stop_id !== params.id || previous.type !== body.type) throw problems.unprocessable(`Event id ${body.id} was used for another event (${previous.type} at stop ${previous.stop_id}).`);
          return { status: 200, row: await scope(trx).first(...columns), stored: [] };
        }
        const next = applyStopEvent(stop, body.type);
        const now = new Date();
        await trx('stop_events').insert({ organisation_id: auth.organisationId, id: body.id, stop_id: params.id, courier_id: stop.courier_id, type: body.type, reason: body.reason ?? null, proof: body.proof ?? null, lon: body.location?.[0] ?? null, lat: body.location?.[1] ?? null, device_time: body.time ?? null });
        await trx('stops').where({ id: params.id }).update({
          status: next.stop,
          ...(next.stop === 'arrived' ? { arrived_at: now } : { completed_at: now }),
          failure_reason: body.reason ?? null,
          proof: body.proof ?? null,
        });
        let orderStatus = stop.order_status as OrderStatus;
        if (next.order && orderStatus !== next.order) {
          assertTransition(orderStatus, next.order);
          await trx('orders').where({ id: stop.order_id }).update({ status: next.order, updated_at: now });
          orderStatus = next.order;
        }
        // Nothing can be delivered whose pickup failed: the drop-off fails with it.
        if (body.type === 'failed' && stop.kind === 'pickup') {
          await trx('stops').where({ route_id: stop.route_id, order_id: stop.order_id, kind: 'dropoff' }).whereIn('status', ['pending', 'arrived']).update({ status: 'failed', failure_reason: 'pickup_failed', completed_at: now });
        }
        const depot = await trx('couriers').where({ id: stop.courier_id }).first('start_depot_id');
        const events = await recorder.store(
          [{ type: 'stop.status', organisationId: auth.organisationId, courierId: stop.courier_id, routeId: stop.route_id, depotId: depot?.start_depot_id ?? null, orderIds: [stop.order_id], data: { stop_id: params.id, order_id: stop.order_id, kind: stop.kind, status: next.stop, order_status: orderStatus, event: body.type, reason: body.reason ?? null, proof: body.proof ?? null } }],
          trx,
        );
        return { status: 201, row: await scope(trx).first(...columns), stored: events };
      });
      await recorder.publish(stored);
      if (stored.length) deps.onStopChanged(auth.organisationId, row.courier_id);
      return { status, body: present(row) };
    },
  });
}

const columns = ['stops.id', 'stops.order_id', 'stops.status', 'orders.status as order_status', 'stops.arrived_at', 'stops.completed_at', 'routes.courier_id'];
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const present = (row: Record<string, unknown>) => ({ id: row.id, order_id: row.order_id, status: row.status, order_status: row.order_status, arrived_at: iso(row.arrived_at as Date | null), completed_at: iso(row.completed_at as Date | null) });
