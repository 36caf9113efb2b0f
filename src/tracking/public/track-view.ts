/**
 * What a customer's tracking link shows: the order's status, the ETA of its drop-off, its window,
 * and the courier's position only while the courier is close (the drop-off is among the next two
 * open stops) and the order is not finished. Nothing else of the organisation leaks through.
 */
import type { Db } from '../../db/database.js';
import type { LonLat } from '../../roadgraph/road-graph.js';
import type { AssignmentCache } from '../assignments/assignment-cache.js';

/** The drop-off must be among this many next open stops for the courier's position to show. */
const NEAR_STOPS = 2;
const finished = new Set(['delivered', 'failed', 'cancelled']);

export interface TrackedOrder {
  organisationId: string;
  orderId: string;
}

export interface TrackView {
  status: string;
  eta: string | null;
  time_windows: { start: string; end: string }[];
  stops_before: number | null;
  courier: { location: LonLat; updated_at: string } | null;
  completed_at: string | null;
}

/** Tokens carry 192 random bits; a malformed one is refused before the database is asked. */
export async function findTrackedOrder(db: Db, token: string): Promise<TrackedOrder | undefined> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return undefined;
  const row = await db('orders').where({ tracking_token: token }).first('id', 'organisation_id');
  return row ? { organisationId: row.organisation_id, orderId: row.id } : undefined;
}

/** The courier currently carrying the order (on the newest published plan), if any. */
export async function courierOfOrder(db: Db, order: TrackedOrder): Promise<string | undefined> {
  const row = await db('stops')
    .join('routes', 'routes.id', 'stops.route_id')
    .join('plans', 'plans.id', 'routes.plan_id')
    .where({ 'stops.order_id': order.orderId, 'stops.organisation_id': order.organisationId })
    .whereNotNull('plans.published_at')
    .orderBy('plans.published_at', 'desc')
    .first('routes.courier_id');
  return row?.courier_id;
}

export async function buildTrackView(
  deps: { db: Db; assignments: AssignmentCache; latestPosition: (courierId: string) => Promise<{ location: LonLat; time: number } | undefined> },
  order: TrackedOrder,
  courierId: string | undefined,
): Promise<TrackView> {
  const row = await deps.db('orders').where({ id: order.orderId }).first('status', 'dropoff_time_windows', 'updated_at');
  const view: TrackView = { status: row.status, eta: null, time_windows: row.dropoff_time_windows, stops_before: null, courier: null, completed_at: finished.has(row.status) ? new Date(row.updated_at).toISOString() : null };
  if (!courierId) return view;
  const { assignment } = await deps.assignments.get(order.organisationId, courierId);
  const open = assignment?.stops.filter((s) => s.status === 'pending' || s.status === 'arrived') ?? [];
  const position = open.findIndex((s) => s.order_id === order.orderId && s.kind === 'dropoff');
  if (position < 0) return view;
  view.eta = open[position]!.eta?.toISOString() ?? null;
  view.stops_before = position;
  if (position < NEAR_STOPS && !finished.has(row.status)) {
    const fix = await deps.latestPosition(courierId);
    if (fix) view.courier = { location: fix.location, updated_at: new Date(fix.time).toISOString() };
  }
  return view;
}
