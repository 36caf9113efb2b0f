/**
 * Re-planning a day that has started. For each courier of the plan whose published route is under
 * way, what is physically settled stays settled:
 * - a stop in progress (arrived) and a pickup already done (its parcel is on board) are locked at
 *   the head of that courier's new route, in their order, and keep their status;
 * - warehouse parcels of a started route are in the van: they stay with that courier, in any order,
 *   and that courier, away from the warehouse, takes no new warehouse parcels (store pickups, yes);
 * - the rest of the route's open orders go back into the pool with the new ones.
 */
import type { Db } from '../../db/database.js';
import { loadAssignment } from '../../tracking/assignments/assignment.js';
import type { OrderRow } from '../orders/order-record.js';

export interface LockedStop {
  orderId: string;
  kind: 'pickup' | 'dropoff';
}

export interface InFlight {
  /** Open orders of published routes, to plan again. */
  orders: OrderRow[];
  /** Leading locked stops per courier id. */
  locks: Map<string, LockedStop[]>;
  /** Couriers out on a started route: they cannot load more warehouse parcels. */
  started: Set<string>;
  /** Orders that must stay with a courier (order id → courier id). */
  bound: Map<string, string>;
  /** Stop status carried into the new plan, by `${orderId}:${kind}`. */
  carried: Map<string, { status: string; arrived_at: Date | null; completed_at: Date | null }>;
}

export async function inFlightWork(db: Db, organisationId: string, courierIds: string[]): Promise<InFlight> {
  const result: InFlight = { orders: [], locks: new Map(), started: new Set(), bound: new Map(), carried: new Map() };
  const open = new Set<string>();
  for (const courierId of courierIds) {
    const assignment = await loadAssignment(db, organisationId, courierId);
    if (!assignment) continue;
    const started = assignment.stops.some((s) => s.status !== 'pending');
    if (started) result.started.add(courierId);
    const openOrders = new Set(assignment.stops.filter((s) => s.status === 'pending' || s.status === 'arrived').map((s) => s.order_id));
    const locked: LockedStop[] = [];
    for (const stop of assignment.stops) {
      if (!openOrders.has(stop.order_id)) continue;
      const settled = stop.status === 'arrived' || (stop.status === 'done' && stop.kind === 'pickup');
      if (settled) {
        locked.push({ orderId: stop.order_id, kind: stop.kind });
        result.carried.set(`${stop.order_id}:${stop.kind}`, { status: stop.status, arrived_at: stop.arrived_at, completed_at: stop.status === 'done' ? (stop.arrived_at ?? new Date()) : null });
      }
    }
    if (locked.length) result.locks.set(courierId, locked);
    for (const orderId of openOrders) {
      open.add(orderId);
      if (started) result.bound.set(orderId, courierId);
    }
  }
  if (open.size) result.orders = (await db('orders').where({ organisation_id: organisationId }).whereIn('id', [...open]).whereIn('status', ['assigned', 'picked_up'])) as OrderRow[];
  // Only warehouse parcels are bound by being on board; store pickups not yet collected are free.
  const kinds = new Map(result.orders.map((o) => [o.id, o.kind]));
  for (const [orderId] of result.bound) if (kinds.get(orderId) !== 'delivery') result.bound.delete(orderId);
  return result;
}
