/**
 * A courier's assignment: the route of the most recently published plan that gives them one,
 * with its stops in order. Everything the courier app, the ETA engine and customer tracking need
 * about a route is read here, in one query.
 */
import type { Db } from '../../db/database.js';
import type { LonLat } from '../../roadgraph/road-graph.js';

export const openStopStatuses = ['pending', 'arrived'] as const;

export interface AssignmentStop {
  id: string;
  order_id: string;
  external_id: string;
  sequence: number;
  kind: 'pickup' | 'dropoff';
  location: LonLat;
  address: string | null;
  recipient: Record<string, unknown>;
  status: 'pending' | 'arrived' | 'done' | 'failed';
  time_windows: { start: string; end: string }[];
  service_s: number;
  planned_arrival: Date;
  planned_start: Date;
  eta: Date | null;
  arrived_at: Date | null;
  late_notified: boolean;
}

export interface Assignment {
  organisation_id: string;
  courier_id: string;
  route_id: string;
  plan_id: string;
  depot_id: string | null;
  start_at: Date;
  end_at: Date;
  eta_published_at: Date | null;
  stops: AssignmentStop[];
}

export async function loadAssignment(db: Db, organisationId: string, courierId: string): Promise<Assignment | undefined> {
  const route = await db('routes')
    .join('plans', 'plans.id', 'routes.plan_id')
    .join('couriers', 'couriers.id', 'routes.courier_id')
    .where({ 'routes.organisation_id': organisationId, 'routes.courier_id': courierId })
    .whereNotNull('plans.published_at')
    .orderBy('plans.published_at', 'desc')
    .first('routes.id', 'routes.plan_id', 'routes.start_at', 'routes.end_at', 'routes.eta_published_at', 'couriers.start_depot_id');
  if (!route) return undefined;
  const rows = await db('stops')
    .join('orders', 'orders.id', 'stops.order_id')
    .where('stops.route_id', route.id)
    .orderBy('stops.sequence')
    .select(
      'stops.id', 'stops.order_id', 'orders.external_id', 'stops.sequence', 'stops.kind', 'stops.lon', 'stops.lat', 'stops.status', 'stops.planned_arrival', 'stops.planned_start',
      'stops.eta', 'stops.arrived_at', 'stops.late_notified', 'orders.dropoff_address', 'orders.recipient', 'orders.pickup_time_windows', 'orders.dropoff_time_windows', 'orders.pickup_service_s', 'orders.dropoff_service_s',
    );
  return {
    organisation_id: organisationId,
    courier_id: courierId,
    route_id: route.id,
    plan_id: route.plan_id,
    depot_id: route.start_depot_id,
    start_at: new Date(route.start_at),
    end_at: new Date(route.end_at),
    eta_published_at: route.eta_published_at ? new Date(route.eta_published_at) : null,
    stops: rows.map((r) => {
      const pickup = r.kind === 'pickup';
      return {
        id: r.id,
        order_id: r.order_id,
        external_id: r.external_id,
        sequence: r.sequence,
        kind: r.kind,
        location: [r.lon, r.lat] as LonLat,
        address: pickup ? null : r.dropoff_address,
        recipient: pickup ? {} : r.recipient,
        status: r.status,
        time_windows: pickup ? r.pickup_time_windows : r.dropoff_time_windows,
        service_s: pickup ? r.pickup_service_s : r.dropoff_service_s,
        planned_arrival: new Date(r.planned_arrival),
        planned_start: new Date(r.planned_start),
        eta: r.eta ? new Date(r.eta) : null,
        arrived_at: r.arrived_at ? new Date(r.arrived_at) : null,
        late_notified: r.late_notified,
      };
    }),
  };
}
