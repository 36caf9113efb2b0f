/** API keys of the caller's organisation, managed by its admins; plus `GET /v1/me`, what a key is. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { ApiKeyCache } from '../auth/api-key-cache.js';
import { createApiKey, CourierNotFoundError, findApiKey, listApiKeys, revokeApiKey, roles } from '../../db/repositories/api-keys.js';
import { defineRoute, uuidParam } from '../define-route.js';
import { problems } from '../problem.js';

const apiKeySchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    role: z.enum(roles),
    courier_id: z.string().uuid().nullable(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .openapi('ApiKey');

const newApiKeySchema = z
  .object({
    name: z.string().max(200).default(''),
    role: z.enum(roles),
    courier_id: z.string().uuid({ message: 'expected a UUID' }).optional(),
  })
  .strict()
  .refine((k) => (k.role === 'courier') === (k.courier_id !== undefined), {
    message: 'courier_id is required for the courier role and not allowed for the others',
    path: ['courier_id'],
  })
  .openapi('NewApiKey');

const idParams = z.object({ id: uuidParam });

const present = (key: { id: string; name: string; role: string; courier_id: string | null; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }) => ({
  id: key.id,
  name: key.name,
  role: key.role,
  courier_id: key.courier_id,
  created_at: new Date(key.created_at).toISOString(),
  last_used_at: key.last_used_at ? new Date(key.last_used_at).toISOString() : null,
  revoked_at: key.revoked_at ? new Date(key.revoked_at).toISOString() : null,
});

export function registerApiKeyRoutes(router: Router, registry: OpenAPIRegistry, db: Db, keys: ApiKeyCache): void {
  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/me',
    summary: 'What the calling key is: its organisation, role and courier',
    tag: 'Access',
    roles: ['admin', 'dispatcher', 'courier'],
    responses: {
      200: {
        description: 'The key’s identity',
        schema: z.object({ key_id: z.string(), organisation: z.object({ id: z.string(), slug: z.string(), name: z.string() }), role: z.enum(roles), courier_id: z.string().nullable() }),
      },
    },
    handler: async ({ auth }) => {
      const organisation = await db('organisations').where({ id: auth.organisationId }).first('id', 'slug', 'name');
      return { body: { key_id: auth.keyId, organisation, role: auth.role, courier_id: auth.courierId } };
    },
  });

  defineRoute(router, registry, {
    method: 'post',
    path: '/v1/me/stream-token',
    summary: 'A short-lived token for event streams (…/stream?access_token=…), for browsers whose EventSource cannot send the Authorization header',
    tag: 'Access',
    roles: ['admin', 'dispatcher', 'courier'],
    body: z.object({ ttl: z.number().int().min(10).max(3600).default(300).describe('Seconds the token stays valid') }).default({ ttl: 300 }),
    responses: { 201: { description: 'The token', schema: z.object({ token: z.string(), expires_at: z.string() }) } },
    handler: async ({ req, body }) => {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '')?.[1];
      const issued = bearer && (await keys.streamToken(bearer, body.ttl));
      if (!issued) throw problems.forbidden('A stream token is issued for an API key, not for another stream token.');
      return { status: 201, body: { token: issued.token, expires_at: issued.expiresAt.toISOString() } };
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/api-keys',
    summary: 'List the organisation’s API keys (never their secrets)',
    tag: 'Access',
    roles: ['admin'],
    responses: { 200: { description: 'The keys', schema: z.object({ data: z.array(apiKeySchema) }) } },
    handler: async ({ auth }) => ({ body: { data: (await listApiKeys(db, auth.organisationId)).map(present) } }),
  });

  defineRoute(router, registry, {
    method: 'post',
    path: '/v1/api-keys',
    summary: 'Create an API key; the token is shown in this response only',
    tag: 'Access',
    roles: ['admin'],
    body: newApiKeySchema,
    responses: { 201: { description: 'Created', schema: apiKeySchema.extend({ token: z.string() }) } },
    handler: async ({ auth, body }) => {
      try {
        const key = await createApiKey(db, { organisationId: auth.organisationId, role: body.role, courierId: body.courier_id, name: body.name });
        return { status: 201, body: { ...present(key), token: key.token }, headers: { Location: `/v1/api-keys/${key.id}` } };
      } catch (error) {
        if (error instanceof CourierNotFoundError) throw problems.validation([{ path: 'body.courier_id', message: 'no such courier in this organisation' }]);
        throw error;
      }
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/api-keys/:id',
    summary: 'One API key',
    tag: 'Access',
    roles: ['admin'],
    params: idParams,
    responses: { 200: { description: 'The key', schema: apiKeySchema } },
    handler: async ({ auth, params }) => {
      const key = await findApiKey(db, auth.organisationId, params.id);
      if (!key) throw problems.notFound(`API key ${params.id}`);
      return { body: present(key) };
    },
  });

  defineRoute(router, registry, {
    method: 'delete',
    path: '/v1/api-keys/:id',
    summary: 'Revoke an API key (it stops working at once)',
    tag: 'Access',
    roles: ['admin'],
    params: idParams,
    responses: { 204: { description: 'Revoked' } },
    handler: async ({ auth, params }) => {
      if (!(await revokeApiKey(db, auth.organisationId, params.id))) throw problems.notFound(`API key ${params.id}`);
      await keys.revoked(params.id);
      return { status: 204 };
    },
  });
}
