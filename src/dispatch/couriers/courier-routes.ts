/** /v1/couriers: the people and vehicles that carry orders. */
import { randomUUID } from 'node:crypto';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { defineRoute } from '../../api/define-route.js';
import { pageQuery, pageSchema, paginate } from '../../api/pagination.js';
import { problems } from '../../api/problem.js';
import { idParams, localTimeSchema, sizeSchema, skillsSchema } from '../common-schemas.js';
import { conflictOnDuplicate } from '../unique-violation.js';

const shiftSchema = z.object({ start: localTimeSchema, end: localTimeSchema }).refine((s) => s.end > s.start, { message: 'end must be after start', path: ['end'] });
const courierFields = {
  name: z.string().min(1).max(200),
  phone: z.string().max(40).optional(),
  vehicle_profile: z.enum(['car', 'van', 'bike', 'scooter']).default('car'),
  capacity: sizeSchema,
  skills: skillsSchema,
  shift: shiftSchema.optional(),
  start_depot_id: z.uuid({ message: 'expected a depot id' }).optional(),
  end_depot_id: z.uuid({ message: 'expected a depot id' }).optional(),
  active: z.boolean().default(true),
  external_id: z.string().min(1).max(200).optional(),
};
const newCourierSchema = z.object(courierFields).strict().openapi('NewCourier');
const courierPatchSchema = z.object(courierFields).partial().strict().openapi('CourierPatch');
const courierSchema = z
  .object({ id: z.uuid(), ...courierFields, phone: z.string().nullable(), shift: shiftSchema.nullable(), start_depot_id: z.string().nullable(), end_depot_id: z.string().nullable(), external_id: z.string().nullable(), created_at: z.string(), updated_at: z.string() })
  .openapi('Courier');

interface CourierRow {
  id: string;
  name: string;
  phone: string | null;
  vehicle_profile: string;
  capacity: number[];
  skills: string[];
  shift_start: string | null;
  shift_end: string | null;
  start_depot_id: string | null;
  end_depot_id: string | null;
  active: boolean;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const present = (c: CourierRow) => ({
  id: c.id,
  name: c.name,
  phone: c.phone,
  vehicle_profile: c.vehicle_profile,
  capacity: c.capacity,
  skills: c.skills,
  shift: c.shift_start && c.shift_end ? { start: c.shift_start, end: c.shift_end } : null,
  start_depot_id: c.start_depot_id,
  end_depot_id: c.end_depot_id,
  active: c.active,
  external_id: c.external_id,
  created_at: new Date(c.created_at).toISOString(),
  updated_at: new Date(c.updated_at).toISOString(),
});

/** Depot references must name depots of the caller's organisation. */
async function checkDepots(db: Db, organisationId: string, body: { start_depot_id?: string; end_depot_id?: string }): Promise<void> {
  for (const field of ['start_depot_id', 'end_depot_id'] as const) {
    const id = body[field];
    if (id && !(await db('depots').where({ organisation_id: organisationId, id }).first('id'))) {
      throw problems.validation([{ path: `body.${field}`, message: 'no such depot in this organisation' }]);
    }
  }
}

function columns(body: Partial<z.output<typeof newCourierSchema>>): Record<string, unknown> {
  const { shift, capacity, skills, ...rest } = body;
  return {
    ...rest,
    ...(shift ? { shift_start: shift.start, shift_end: shift.end } : {}),
    ...(capacity ? { capacity: JSON.stringify(capacity) } : {}),
    ...(skills ? { skills: JSON.stringify(skills) } : {}),
  };
}

export function registerCourierRoutes(router: Router, registry: OpenAPIRegistry, db: Db): void {
  const roles = ['admin', 'dispatcher'] as const;
  defineRoute(router, registry, {
    method: 'post', path: '/v1/couriers', summary: 'Register a courier and their vehicle', tag: 'Couriers', roles: [...roles], body: newCourierSchema,
    responses: { 201: { description: 'Created', schema: courierSchema } },
    handler: async ({ auth, body }) => {
      await checkDepots(db, auth.organisationId, body);
      const [row] = await conflictOnDuplicate('A courier with this external_id', () => db('couriers').insert({ id: randomUUID(), organisation_id: auth.organisationId, ...columns(body) }).returning('*'));
      return { status: 201, body: present(row as CourierRow), headers: { Location: `/v1/couriers/${(row as CourierRow).id}` } };
    },
  });
  defineRoute(router, registry, {
    method: 'get', path: '/v1/couriers', summary: 'List couriers', tag: 'Couriers', roles: [...roles],
    query: z.object({ active: z.enum(['true', 'false']).optional(), depot_id: z.uuid().optional(), ...pageQuery }),
    responses: { 200: { description: 'A page of couriers', schema: pageSchema(courierSchema) } },
    handler: async ({ auth, query }) => {
      const q = db('couriers').where({ organisation_id: auth.organisationId });
      if (query.active) void q.where({ active: query.active === 'true' });
      if (query.depot_id) void q.where((w) => w.where({ start_depot_id: query.depot_id }).orWhere({ end_depot_id: query.depot_id }));
      const { rows, next } = await paginate<CourierRow>(q, 'couriers', query.limit, query.cursor);
      return { body: { data: rows.map(present), next_cursor: next } };
    },
  });
  defineRoute(router, registry, {
    method: 'get', path: '/v1/couriers/:id', summary: 'One courier', tag: 'Couriers', roles: [...roles], params: idParams,
    responses: { 200: { description: 'The courier', schema: courierSchema } },
    handler: async ({ auth, params }) => {
      const row = await db('couriers').where({ organisation_id: auth.organisationId, id: params.id }).first();
      if (!row) throw problems.notFound(`Courier ${params.id}`);
      return { body: present(row) };
    },
  });
  defineRoute(router, registry, {
    method: 'patch', path: '/v1/couriers/:id', summary: 'Change a courier', tag: 'Couriers', roles: [...roles], params: idParams, body: courierPatchSchema,
    responses: { 200: { description: 'The changed courier', schema: courierSchema } },
    handler: async ({ auth, params, body }) => {
      await checkDepots(db, auth.organisationId, body);
      const [row] = await conflictOnDuplicate('A courier with this external_id', () => db('couriers').where({ organisation_id: auth.organisationId, id: params.id }).update({ ...columns(body), updated_at: db.fn.now() }).returning('*'));
      if (!row) throw problems.notFound(`Courier ${params.id}`);
      return { body: present(row as CourierRow) };
    },
  });
}
