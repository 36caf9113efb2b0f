/**
 * Orders, couriers and depots of one service day → the solver's problem (VROOM format): one location
 * per distinct coordinate, travel times and distances from the road graph, times as epoch seconds.
 * A warehouse delivery may only ride with a courier who starts at that warehouse (an implicit skill).
 */
import type { ProblemInput } from '../../../solver/index.js';
import type { LonLat, RoadGraph } from '../../roadgraph/road-graph.js';
import type { OrderRow } from '../orders/order-record.js';
import type { InFlight } from './in-flight.js';
import { zonedTimeToInstant } from './zoned-time.js';

export interface CourierForPlan {
  id: string;
  capacity: number[];
  skills: string[];
  shift_start: string | null;
  shift_end: string | null;
  start_depot_id: string | null;
  end_depot_id: string | null;
}

export interface DepotForPlan {
  id: string;
  lon: number;
  lat: number;
  time_zone: string;
}

export interface PlanProblem {
  problem: ProblemInput;
  /** Solver job / shipment id (1-based) → order. */
  orders: OrderRow[];
  /** Solver vehicle id (1-based) → courier. */
  couriers: CourierForPlan[];
  points: LonLat[];
}

const UNLIMITED = 1_000_000_000;
const seconds = (iso: string) => Math.round(Date.parse(iso) / 1000);

export async function buildPlanProblem(date: string, orders: OrderRow[], couriers: CourierForPlan[], depots: Map<string, DepotForPlan>, roadGraph: RoadGraph, options: { objective: 'hierarchical' | 'cost'; inFlight?: Pick<InFlight, 'locks' | 'bound' | 'started'> }): Promise<PlanProblem> {
  const points: LonLat[] = [];
  const indexOf = new Map<string, number>();
  const locate = (lon: number, lat: number) => {
    const key = `${lon.toFixed(6)},${lat.toFixed(6)}`;
    let index = indexOf.get(key);
    if (index === undefined) {
      index = points.length;
      indexOf.set(key, index);
      points.push([lon, lat]);
    }
    return index;
  };
  const dims = Math.max(0, ...orders.map((o) => o.size.length), ...couriers.map((c) => c.capacity.length));
  const vector = (values: number[], fill: number) => Array.from({ length: dims }, (_, d) => values[d] ?? fill);
  const skillIds = new Map<string, number>();
  const skill = (name: string) => {
    if (!skillIds.has(name)) skillIds.set(name, skillIds.size + 1);
    return skillIds.get(name)!;
  };
  const windows = (list: { start: string; end: string }[]) => (list.length ? list.map((w) => [seconds(w.start), seconds(w.end)] as [number, number]) : undefined);

  const orderIndex = new Map(orders.map((o, i) => [o.id, i]));
  // Settled stops lead the courier's new route, locked in place.
  const lockedSteps = (courierId: string) => {
    const locks = (options.inFlight?.locks.get(courierId) ?? []).filter((l) => orderIndex.has(l.orderId));
    if (!locks.length) return {};
    return {
      steps: locks.map((l) => {
        const order = orders[orderIndex.get(l.orderId)!]!;
        const type = l.kind === 'pickup' ? ('pickup' as const) : order.kind === 'delivery' ? ('job' as const) : ('delivery' as const);
        return { type, id: orderIndex.get(l.orderId)! + 1, locked: true };
      }),
    };
  };
  const vehicles = couriers.map((c, v) => {
    const start = c.start_depot_id ? depots.get(c.start_depot_id) : undefined;
    const end = depots.get(c.end_depot_id ?? c.start_depot_id ?? '') ?? start;
    const zone = start?.time_zone ?? 'UTC';
    const shiftStart = zonedTimeToInstant(date, c.shift_start ?? '00:00', zone).getTime() / 1000;
    const shiftEnd = c.shift_end ? zonedTimeToInstant(date, c.shift_end, zone).getTime() / 1000 : shiftStart + 24 * 3600;
    return {
      id: v + 1,
      ...(start ? { start_index: locate(start.lon, start.lat) } : {}),
      ...(end ? { end_index: locate(end.lon, end.lat) } : {}),
      capacity: c.capacity.length ? vector(c.capacity, 0) : vector([], UNLIMITED),
      skills: [...c.skills.map(skill), ...(c.start_depot_id && !options.inFlight?.started.has(c.id) ? [skill(`depot:${c.start_depot_id}`)] : []), skill(`courier:${c.id}`)],
      time_window: [shiftStart, shiftEnd] as [number, number],
      ...lockedSteps(c.id),
    };
  });
  const jobs: NonNullable<ProblemInput['jobs']> = [];
  const shipments: NonNullable<ProblemInput['shipments']> = [];
  orders.forEach((o, i) => {
    const id = i + 1;
    const dropoff = { id, location_index: locate(o.dropoff_lon, o.dropoff_lat), service: o.dropoff_service_s, time_windows: windows(o.dropoff_time_windows) };
    if (o.kind === 'delivery') {
      // A parcel already on board stays with its courier (any depot skill is then moot).
      const boundTo = options.inFlight?.bound.get(o.id);
      jobs.push({ ...dropoff, delivery: vector(o.size, 0), skills: [...o.skills.map(skill), boundTo ? skill(`courier:${boundTo}`) : skill(`depot:${o.depot_id}`)], priority: o.priority });
    } else {
      shipments.push({
        pickup: { id, location_index: locate(o.pickup_lon!, o.pickup_lat!), service: o.pickup_service_s, time_windows: windows(o.pickup_time_windows) },
        delivery: dropoff,
        amount: vector(o.size, 0),
        skills: o.skills.map(skill),
        priority: o.priority,
        ...(o.max_ride_time_s ? { max_ride_time: o.max_ride_time_s } : {}),
      });
    }
  });
  const table = await roadGraph.table(points);
  return {
    problem: {
      vehicles,
      jobs,
      shipments,
      matrices: { car: { durations: table.durations, distances: table.distances } },
      options: { objective: options.objective, minimize: 'duration', plan: false },
    },
    orders,
    couriers,
    points,
  };
}
