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
  // A bulk import checks existing external_ids up front so that every bad row is reported at once;
  // a single order skips the round trip: the insert below recognises it as well.
  const existing = new Map<string, OrderRow>();
  if (orders.length > 1) for (const r of await existingOrders(db, organisationId, orders.map((o) => o.external_id))) existing.set(r.external_id, r);
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
  const adopted = new Set<string>();
  const insert = async (trx: Db) => {
    for (let i = 0; i < fresh.length; i += CHUNK) {
      const chunk = fresh.slice(i, i + CHUNK);
      const rows = (await trx('orders').insert(chunk).onConflict(['organisation_id', 'external_id']).ignore().returning('*')) as OrderRow[];
      for (const r of rows) inserted.set(r.id, r);
      if (rows.length < chunk.length) await adoptExisting(trx, organisationId, chunk, { inserted, adopted }, (externalId) => pathOf(firstIndex.get(externalId)!));
    }
  };
  // One statement is atomic on its own; several chunks share a transaction (all or nothing).
  if (fresh.length <= CHUNK) await insert(db);
  else await db.transaction(insert);
  return plan.map((p) => (p.kind === 'existing' ? { row: p.row, existed: true } : { row: inserted.get(p.columns.id as string)!, existed: adopted.has(p.columns.id as string) }));
}

function existingOrders(db: Db, organisationId: string, externalIds: string[]): Promise<OrderRow[]> {
  return Promise.all(Array.from({ length: Math.ceil(externalIds.length / CHUNK) }, (_, c) => db('orders').where({ organisation_id: organisationId }).whereIn('external_id', externalIds.slice(c * CHUNK, (c + 1) * CHUNK)) as Promise<OrderRow[]>)).then((chunks) => chunks.flat());
}

/**
 * Rows the insert skipped have an external_id that exists already (a single order that was sent
 * before, or a concurrent request that got there first): identical content makes them the same
 * order, other content is an error that rolls the whole write back.
 */
async function adoptExisting(db: Db, organisationId: string, chunk: Record<string, unknown>[], result: { inserted: Map<string, OrderRow>; adopted: Set<string> }, pathOf: (externalId: string) => string): Promise<void> {
  const { inserted, adopted } = result;
  const skipped = chunk.filter((c) => !inserted.has(c.id as string));
  const found = new Map((await existingOrders(db, organisationId, skipped.map((c) => c.external_id as string))).map((r) => [r.external_id, r]));
  const errors: FieldError[] = [];
  for (const columns of skipped) {
    const row = found.get(columns.external_id as string);
    if (row && row.content_hash === columns.content_hash) {
      inserted.set(columns.id as string, row);
      adopted.add(columns.id as string);
    } else errors.push({ path: `${pathOf(columns.external_id as string)}.external_id`, message: row ? `an order with this external_id exists (${row.id}) with different content` : 'this external_id was taken and released concurrently; retry' });
  }
  if (errors.length) throw problems.validation(errors);
}
