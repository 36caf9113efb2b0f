/**
 * Creating orders, one or ten thousand, with the same rules: depots must belong to the organisation
 * (a delivery leaves from a warehouse), an external_id already used with identical content is the
 * same order (idempotent), with other content a conflict. Every bad row is reported by its path;
 * all rows are written in one transaction, or none.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { problems, type FieldError } from '../../api/problem.js';
import { contentHash, newTrackingToken, orderColumns, type OrderRow } from './order-record.js';
import type { NewOrder } from './order-schemas.js';
import { conflictOnDuplicate } from '../unique-violation.js';

export interface CreatedOrder {
  row: OrderRow;
  /** True when an identical order with this external_id existed already. */
  existed: boolean;
}

const CHUNK = 1000;

export async function createOrders(db: Db, organisationId: string, orders: NewOrder[], pathOf: (index: number) => string): Promise<CreatedOrder[]> {
  const errors: FieldError[] = [];
  const depotIds = [...new Set(orders.flatMap((o) => [o.depot_id, o.pickup?.depot_id].filter((id): id is string => !!id)))];
  const depots = new Map<string, { kind: string; lon: number; lat: number }>();
  for (let i = 0; i < depotIds.length; i += CHUNK) {
    const rows = await db('depots').where({ organisation_id: organisationId }).whereIn('id', depotIds.slice(i, i + CHUNK)).select('id', 'kind', 'lon', 'lat');
    for (const r of rows) depots.set(r.id, r);
  }
  const externalIds = orders.map((o) => o.external_id);
  const existing = new Map<string, OrderRow>();
  for (let i = 0; i < externalIds.length; i += CHUNK) {
    const rows = await db('orders').where({ organisation_id: organisationId }).whereIn('external_id', externalIds.slice(i, i + CHUNK));
    for (const r of rows as OrderRow[]) existing.set(r.external_id, r);
  }

  const firstIndex = new Map<string, number>();
  const plan: ({ kind: 'existing'; row: OrderRow } | { kind: 'new'; columns: Record<string, unknown> })[] = [];
  orders.forEach((order, index) => {
    const path = pathOf(index);
    if (order.depot_id) {
      const depot = depots.get(order.depot_id);
      if (!depot) errors.push({ path: `${path}.depot_id`, message: 'no such depot in this organisation' });
      else if (depot.kind !== 'warehouse') errors.push({ path: `${path}.depot_id`, message: 'a delivery leaves from a warehouse; this depot is a store' });
    }
    const pickupDepot = order.pickup?.depot_id ? depots.get(order.pickup.depot_id) : undefined;
    if (order.pickup?.depot_id && !pickupDepot) errors.push({ path: `${path}.pickup.depot_id`, message: 'no such depot in this organisation' });
    if (firstIndex.has(order.external_id)) {
      errors.push({ path: `${path}.external_id`, message: `repeats the external_id of ${pathOf(firstIndex.get(order.external_id)!)}` });
      return;
    }
    firstIndex.set(order.external_id, index);
    const found = existing.get(order.external_id);
    if (found) {
      if (found.content_hash !== contentHash(order)) errors.push({ path: `${path}.external_id`, message: `an order with this external_id exists (${found.id}) with different content` });
      else plan.push({ kind: 'existing', row: found });
      return;
    }
    const pickupLocation = order.pickup?.location ?? (pickupDepot ? ([pickupDepot.lon, pickupDepot.lat] as [number, number]) : undefined);
    plan.push({ kind: 'new', columns: { id: randomUUID(), organisation_id: organisationId, tracking_token: newTrackingToken(), ...orderColumns(order, pickupLocation) } });
  });
  if (errors.length) throw problems.validation(errors);

  const fresh = plan.flatMap((p) => (p.kind === 'new' ? [p.columns] : []));
  const inserted = new Map<string, OrderRow>();
  // A concurrent request may have inserted one of these external_ids since the check: 409, retry-safe.
  await conflictOnDuplicate('An order with one of these external_ids', () =>
    db.transaction(async (trx) => {
      for (let i = 0; i < fresh.length; i += CHUNK) {
        const rows = (await trx('orders').insert(fresh.slice(i, i + CHUNK)).returning('*')) as OrderRow[];
        for (const r of rows) inserted.set(r.id, r);
      }
    }),
  );
  return plan.map((p) => (p.kind === 'existing' ? { row: p.row, existed: true } : { row: inserted.get(p.columns.id as string)!, existed: false }));
}
