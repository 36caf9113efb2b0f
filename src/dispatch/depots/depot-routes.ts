/** /v1/depots: the organisation's warehouses and stores. */
import { randomUUID } from 'node:crypto';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { defineRoute } from '../../api/define-route.js';
import { pageQuery, pageSchema, paginate } from '../../api/pagination.js';
import { problems } from '../../api/problem.js';
import { idParams, localTimeSchema, lonLatSchema } from '../common-schemas.js';
import { conflictOnDuplicate } from '../unique-violation.js';

const openingHoursSchema = z
  .array(z.object({ days: z.array(z.number().int().min(1).max(7)).min(1), open: localTimeSchema, close: localTimeSchema }).refine((h) => h.close > h.open, { message: 'close must be after open', path: ['close'] }))
  .max(50);

const timeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, { message: 'expected an IANA time zone, e.g. Europe/Lisbon' });

const depotFields = {
  kind: z.enum(['warehouse', 'store']),
  name: z.string().min(1).max(200),
  address: z.string().max(500).optional(),
  location: lonLatSchema,
  opening_hours: openingHoursSchema.default([]),
  time_zone: timeZoneSchema.default('UTC'),
  external_id: z.string().min(1).max(200).optional(),
};
const newDepotSchema = z.object(depotFields).strict().openapi('NewDepot');
const depotPatchSchema = z.object(depotFields).partial().strict().openapi('DepotPatch');
const depotSchema = z.object({ id: z.uuid(), ...depotFields, address: z.string().nullable(), external_id: z.string().nullable(), created_at: z.string(), updated_at: z.string() }).openapi('Depot');

interface DepotRow {
  id: string;
  kind: string;
  name: string;
  address: string | null;
  lon: number;
  lat: number;
  opening_hours: unknown;
  time_zone: string;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const present = (d: DepotRow) => ({
  id: d.id,
  kind: d.kind,
  name: d.name,
  address: d.address,
  location: [d.lon, d.lat],
  opening_hours: d.opening_hours,
  time_zone: d.time_zone,
  external_id: d.external_id,
  created_at: new Date(d.created_at).toISOString(),
  updated_at: new Date(d.updated_at).toISOString(),
});

function columns(body: Partial<z.output<typeof newDepotSchema>>): Record<string, unknown> {
  const { location, opening_hours, ...rest } = body;
  return {
    ...rest,
    ...(location ? { lon: location[0], lat: location[1] } : {}),
    ...(opening_hours ? { opening_hours: JSON.stringify(opening_hours) } : {}),
  };
}

export function registerDepotRoutes(router: Router, registry: OpenAPIRegistry, db: Db): void {
  const roles = ['admin', 'dispatcher'] as const;
  defineRoute(router, registry, {
    method: 'post', path: '/v1/depots', summary: 'Register a warehouse or a store', tag: 'Depots', roles: [...roles], body: newDepotSchema,
    responses: { 201: { description: 'Created', schema: depotSchema } },
    handler: async ({ auth, body }) => {
      const [row] = await conflictOnDuplicate('A depot with this external_id', () => db('depots').insert({ id: randomUUID(), organisation_id: auth.organisationId, ...columns(body) }).returning('*'));
      return { status: 201, body: present(row as DepotRow), headers: { Location: `/v1/depots/${(row as DepotRow).id}` } };
    },
  });
  defineRoute(router, registry, {
    method: 'get', path: '/v1/depots', summary: 'List depots', tag: 'Depots', roles: [...roles],
    query: z.object({ kind: z.enum(['warehouse', 'store']).optional(), ...pageQuery }),
    responses: { 200: { description: 'A page of depots', schema: pageSchema(depotSchema) } },
    handler: async ({ auth, query }) => {
      const q = db('depots').where({ organisation_id: auth.organisationId });
      if (query.kind) void q.where({ kind: query.kind });
      const { rows, next } = await paginate<DepotRow>(q, 'depots', query.limit, query.cursor);
      return { body: { data: rows.map(present), next_cursor: next } };
    },
  });
  defineRoute(router, registry, {
    method: 'get', path: '/v1/depots/:id', summary: 'One depot', tag: 'Depots', roles: [...roles], params: idParams,
    responses: { 200: { description: 'The depot', schema: depotSchema } },
    handler: async ({ auth, params }) => {
      const row = await db('depots').where({ organisation_id: auth.organisationId, id: params.id }).first();
      if (!row) throw problems.notFound(`Depot ${params.id}`);
      return { body: present(row) };
    },
  });
  defineRoute(router, registry, {
    method: 'patch', path: '/v1/depots/:id', summary: 'Change a depot', tag: 'Depots', roles: [...roles], params: idParams, body: depotPatchSchema,
    responses: { 200: { description: 'The changed depot', schema: depotSchema } },
    handler: async ({ auth, params, body }) => {
      const [row] = await conflictOnDuplicate('A depot with this external_id', () => db('depots').where({ organisation_id: auth.organisationId, id: params.id }).update({ ...columns(body), updated_at: db.fn.now() }).returning('*'));
      if (!row) throw problems.notFound(`Depot ${params.id}`);
      return { body: present(row as DepotRow) };
    },
  });
  defineRoute(router, registry, {
    method: 'delete', path: '/v1/depots/:id', summary: 'Remove a depot no order refers to', tag: 'Depots', roles: [...roles], params: idParams,
    responses: { 204: { description: 'Removed' } },
    handler: async ({ auth, params }) => {
      try {
        const count = await db('depots').where({ organisation_id: auth.organisationId, id: params.id }).delete();
        if (!count) throw problems.notFound(`Depot ${params.id}`);
      } catch (error) {
        if ((error as { code?: string }).code === '23503') throw problems.conflict('Orders refer to this depot; cancel or move them first.');
        throw error;
      }
      return { status: 204 };
    },
  });
}
