/** Webhook subscriptions per organisation, and their delivery log. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import { defineRoute, uuidParam } from '../../api/define-route.js';
import { problems } from '../../api/problem.js';
import type { Db } from '../../db/database.js';
import { durableEventTypes } from '../events/domain-event.js';

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);
const urlSchema = z
  .url({ message: 'expected an absolute URL' })
  .max(2000)
  .refine((u) => {
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && localHosts.has(url.hostname));
  }, 'expected an https URL (plain http only for localhost)');

const webhookSchema = z.object({ id: z.uuid(), url: z.string(), event_types: z.array(z.enum(durableEventTypes)), created_at: z.string() });
const idParams = z.object({ id: uuidParam });

const present = (row: { id: string; url: string; event_types: string[]; created_at: Date }) => ({ id: row.id, url: row.url, event_types: row.event_types, created_at: new Date(row.created_at).toISOString() });

export function registerWebhookRoutes(router: Router, registry: OpenAPIRegistry, db: Db): void {
  const find = async (organisationId: string, id: string) => {
    const row = await db('webhooks').where({ organisation_id: organisationId, id }).whereNull('deleted_at').first();
    if (!row) throw problems.notFound(`Webhook ${id}`);
    return row;
  };

  defineRoute(router, registry, {
    method: 'post', path: '/v1/webhooks', summary: 'Subscribe a URL to event types; the signing secret is shown only in this response', tag: 'Webhooks', roles: ['admin'],
    body: z.object({ url: urlSchema, event_types: z.array(z.enum(durableEventTypes)).min(1).max(durableEventTypes.length) }),
    responses: { 201: { description: 'Created', schema: webhookSchema.extend({ secret: z.string() }) } },
    handler: async ({ auth, body }) => {
      const secret = `whsec_${randomBytes(32).toString('base64url')}`;
      const [row] = await db('webhooks').insert({ id: randomUUID(), organisation_id: auth.organisationId, url: body.url, secret, event_types: JSON.stringify([...new Set(body.event_types)]) }).returning('*');
      return { status: 201, body: { ...present(row), secret }, headers: { Location: `/v1/webhooks/${row.id}` } };
    },
  });

  defineRoute(router, registry, {
    method: 'get', path: '/v1/webhooks', summary: 'The organisation’s webhook subscriptions (never their secrets)', tag: 'Webhooks', roles: ['admin', 'dispatcher'],
    responses: { 200: { description: 'Subscriptions', schema: z.object({ data: z.array(webhookSchema) }) } },
    handler: async ({ auth }) => ({ body: { data: (await db('webhooks').where({ organisation_id: auth.organisationId }).whereNull('deleted_at').orderBy('created_at')).map(present) } }),
  });

  defineRoute(router, registry, {
    method: 'get', path: '/v1/webhooks/:id', summary: 'One subscription', tag: 'Webhooks', roles: ['admin', 'dispatcher'], params: idParams,
    responses: { 200: { description: 'The subscription', schema: webhookSchema } },
    handler: async ({ auth, params }) => ({ body: present(await find(auth.organisationId, params.id)) }),
  });

  defineRoute(router, registry, {
    method: 'delete', path: '/v1/webhooks/:id', summary: 'Unsubscribe (pending retries stop)', tag: 'Webhooks', roles: ['admin'], params: idParams,
    responses: { 204: { description: 'Deleted' } },
    handler: async ({ auth, params }) => {
      await find(auth.organisationId, params.id);
      await db('webhooks').where({ id: params.id }).update({ deleted_at: db.fn.now() });
      return { status: 204 };
    },
  });

  defineRoute(router, registry, {
    method: 'get', path: '/v1/webhooks/:id/deliveries', summary: 'Delivery attempts of a subscription, newest first', tag: 'Webhooks', roles: ['admin', 'dispatcher'], params: idParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    responses: { 200: { description: 'Attempts', schema: z.object({ data: z.array(z.object({ id: z.string(), event_id: z.string(), attempt: z.number(), response_status: z.number().nullable(), error: z.string().nullable(), duration_ms: z.number(), created_at: z.string() })) }) } },
    handler: async ({ auth, params, query }) => {
      await find(auth.organisationId, params.id);
      const rows = await db('webhook_deliveries').where({ webhook_id: params.id }).orderBy('id', 'desc').limit(query.limit);
      return { body: { data: rows.map((r) => ({ id: String(r.id), event_id: String(r.event_id), attempt: r.attempt, response_status: r.response_status, error: r.error, duration_ms: r.duration_ms, created_at: new Date(r.created_at).toISOString() })) } };
    },
  });
}
