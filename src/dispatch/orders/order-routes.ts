/** /v1/orders: create (one or in bulk), list, read, change while editable, cancel. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { defineRoute } from '../../api/define-route.js';
import { pageQuery, pageSchema, paginate } from '../../api/pagination.js';
import { problems } from '../../api/problem.js';
import { idParams } from '../common-schemas.js';
import { createOrders } from './create-orders.js';
import { presentOrder, type OrderRow } from './order-record.js';
import { newOrderSchema, orderPatchSchema, orderSchema } from './order-schemas.js';
import { assertTransition, editableStatuses, orderStatuses, type OrderStatus } from './order-status.js';

export const MAX_BULK_ORDERS = 10_000;

export function registerOrderRoutes(router: Router, registry: OpenAPIRegistry, db: Db, publicUrl = ''): void {
  // The customer's tracking link, absolute when PUBLIC_URL is configured.
  const present = (o: OrderRow) => ({ ...presentOrder(o), tracking_url: `${publicUrl.replace(/\/$/, '')}/t/${o.tracking_token}` });
  const roles = ['admin', 'dispatcher'] as const;

  defineRoute(router, registry, {
    method: 'post', path: '/v1/orders', summary: 'Create an order (idempotent by external_id)', tag: 'Orders', roles: [...roles], body: newOrderSchema,
    responses: { 201: { description: 'Created', schema: orderSchema }, 200: { description: 'An identical order with this external_id existed already', schema: orderSchema } },
    handler: async ({ auth, body }) => {
      const [created] = await createOrders(db, auth.organisationId, [body], () => 'body');
      return { status: created!.existed ? 200 : 201, body: present(created!.row), headers: { Location: `/v1/orders/${created!.row.id}` } };
    },
  });

  defineRoute(router, registry, {
    method: 'post', path: '/v1/orders/bulk', summary: `Create up to ${MAX_BULK_ORDERS} orders in one transaction: all or nothing`, tag: 'Orders', roles: [...roles],
    body: z.object({ orders: z.array(newOrderSchema).min(1).max(MAX_BULK_ORDERS, { message: `at most ${MAX_BULK_ORDERS} orders per request` }) }).strict(),
    responses: { 201: { description: 'Every order created or recognised', schema: z.object({ created: z.number(), existing: z.number(), ids: z.array(z.string()) }) } },
    handler: async ({ auth, body }) => {
      const results = await createOrders(db, auth.organisationId, body.orders, (i) => `body.orders[${i}]`);
      return { status: 201, body: { created: results.filter((r) => !r.existed).length, existing: results.filter((r) => r.existed).length, ids: results.map((r) => r.row.id) } };
    },
  });

  defineRoute(router, registry, {
    method: 'get', path: '/v1/orders', summary: 'List orders', tag: 'Orders', roles: [...roles],
    query: z.object({ status: z.enum(orderStatuses).optional(), date: z.iso.date({ message: 'expected a date YYYY-MM-DD' }).optional(), depot_id: z.uuid().optional(), courier_id: z.uuid().optional().describe('Orders on this courier’s routes of published plans'), external_id: z.string().max(200).optional(), ...pageQuery }),
    responses: { 200: { description: 'A page of orders', schema: pageSchema(orderSchema) } },
    handler: async ({ auth, query }) => {
      const q = db('orders').where({ organisation_id: auth.organisationId });
      if (query.status) void q.where({ status: query.status });
      if (query.date) void q.where({ service_date: query.date });
      if (query.depot_id) void q.where({ depot_id: query.depot_id });
      if (query.external_id) void q.where({ external_id: query.external_id });
      if (query.courier_id) {
        const onRoutes = db('stops').join('routes', 'routes.id', 'stops.route_id').join('plans', 'plans.id', 'routes.plan_id').where({ 'routes.courier_id': query.courier_id, 'routes.organisation_id': auth.organisationId }).whereNotNull('plans.published_at').select('stops.order_id');
        void q.whereIn('orders.id', onRoutes);
      }
      const { rows, next } = await paginate<OrderRow>(q, 'orders', query.limit, query.cursor);
      return { body: { data: rows.map(present), next_cursor: next } };
    },
  });

  const find = async (organisationId: string, id: string): Promise<OrderRow> => {
    const row = await db('orders').where({ organisation_id: organisationId, id }).first();
    if (!row) throw problems.notFound(`Order ${id}`);
    return row as OrderRow;
  };

  defineRoute(router, registry, {
    method: 'get', path: '/v1/orders/:id', summary: 'One order', tag: 'Orders', roles: [...roles], params: idParams,
    responses: { 200: { description: 'The order', schema: orderSchema } },
    handler: async ({ auth, params }) => ({ body: present(await find(auth.organisationId, params.id)) }),
  });

  defineRoute(router, registry, {
    method: 'patch', path: '/v1/orders/:id', summary: 'Change an order that is not yet assigned to a courier', tag: 'Orders', roles: [...roles], params: idParams, body: orderPatchSchema,
    responses: { 200: { description: 'The changed order', schema: orderSchema }, 409: { description: 'The order is past the point where it can change' } },
    handler: async ({ auth, params, body }) => {
      const row = await db.transaction(async (trx) => {
        const current = (await trx('orders').where({ organisation_id: auth.organisationId, id: params.id }).forUpdate().first()) as OrderRow | undefined;
        if (!current) throw problems.notFound(`Order ${params.id}`);
        if (!editableStatuses.includes(current.status as OrderStatus)) throw problems.conflict(`The order is ${current.status}; only pending or planned orders can change.`, { current: current.status });
        const changes: Record<string, unknown> = { updated_at: trx.fn.now(), content_hash: null };
        if (body.dropoff?.address !== undefined) changes.dropoff_address = body.dropoff.address;
        if (body.dropoff?.time_windows !== undefined) changes.dropoff_time_windows = JSON.stringify(body.dropoff.time_windows);
        if (body.dropoff?.service_time !== undefined) changes.dropoff_service_s = body.dropoff.service_time;
        if (body.size !== undefined) changes.size = JSON.stringify(body.size);
        if (body.priority !== undefined) changes.priority = body.priority;
        if (body.skills !== undefined) changes.skills = JSON.stringify(body.skills);
        if (body.recipient !== undefined) changes.recipient = JSON.stringify(body.recipient);
        if (body.service_date !== undefined) changes.service_date = body.service_date;
        const [updated] = await trx('orders').where({ id: current.id }).update(changes).returning('*');
        return updated as OrderRow;
      });
      return { body: present(row) };
    },
  });

  defineRoute(router, registry, {
    method: 'post', path: '/v1/orders/:id/cancel', summary: 'Cancel an order that is not yet picked up', tag: 'Orders', roles: [...roles], params: idParams,
    responses: { 200: { description: 'The cancelled order', schema: orderSchema }, 409: { description: 'The order can no longer be cancelled; `current` tells its status' } },
    handler: async ({ auth, params }) => {
      const row = await db.transaction(async (trx) => {
        const current = (await trx('orders').where({ organisation_id: auth.organisationId, id: params.id }).forUpdate().first()) as OrderRow | undefined;
        if (!current) throw problems.notFound(`Order ${params.id}`);
        assertTransition(current.status as OrderStatus, 'cancelled');
        const [updated] = await trx('orders').where({ id: current.id }).update({ status: 'cancelled', updated_at: trx.fn.now() }).returning('*');
        return updated as OrderRow;
      });
      return { body: present(row) };
    },
  });
}
