/**
 * An independent checker of solutions: it shares nothing with the search but the problem schema,
 * and recomputes every route from the matrices. Every test that solves also validates.
 */
import { problemSchema, type Problem, type Solution } from '../io/vroom-schema.js';

export interface ValidationError {
  path: string;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  errors: ValidationError[];
}

const EPS = 1e-6;
const close = (a: number, b: number) => Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));

interface StopInfo {
  location: number;
  setup: number;
  service: number;
  windows: [number, number][];
  skills: number[];
  /** Load change at the stop, and what a job puts on board at the start. */
  change: number[];
  onBoardAtStart: number[];
  kind: 'job' | 'pickup' | 'delivery';
  shipment?: number;
}

function stopsOf(problem: Problem): Map<string, StopInfo> {
  const stops = new Map<string, StopInfo>();
  const dims = Math.max(0, ...problem.vehicles.map((v) => v.capacity?.length ?? 0));
  const vec = (a: number[] | undefined) => Array.from({ length: dims }, (_, d) => a?.[d] ?? 0);
  for (const job of problem.jobs) {
    const delivery = vec(job.delivery ?? job.amount);
    const pickup = vec(job.pickup);
    stops.set(`job:${job.id}`, { location: job.location_index!, setup: job.setup, service: job.service, windows: job.time_windows ?? [], skills: job.skills, change: pickup.map((p, d) => p - delivery[d]!), onBoardAtStart: delivery, kind: 'job' });
  }
  problem.shipments.forEach((s, i) => {
    const amount = vec(s.amount);
    const zero = vec(undefined);
    stops.set(`pickup:${s.pickup.id}`, { location: s.pickup.location_index!, setup: s.pickup.setup, service: s.pickup.service, windows: s.pickup.time_windows ?? [], skills: s.skills, change: amount, onBoardAtStart: zero, kind: 'pickup', shipment: i });
    stops.set(`delivery:${s.delivery.id}`, { location: s.delivery.location_index!, setup: s.delivery.setup, service: s.delivery.service, windows: s.delivery.time_windows ?? [], skills: s.skills, change: amount.map((a) => -a), onBoardAtStart: zero, kind: 'delivery', shipment: i });
  });
  return stops;
}

function matrixFor(problem: Problem, profile: string): { durations: (number | null)[][]; distances: (number | null)[][] } {
  const m = problem.matrices?.[profile];
  if (m) return { durations: m.durations, distances: m.distances ?? m.durations };
  return { durations: problem.matrix!, distances: problem.matrix! };
}

export function validate(input: unknown, solution: Solution): ValidationResult {
  const errors: ValidationError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });
  const problem = problemSchema.parse(input);
  const stops = stopsOf(problem);
  const seen = new Map<string, string>();
  let totalDistance = 0;

  solution.routes.forEach((route, r) => {
    const at = `routes[${r}]`;
    const vehicle = problem.vehicles.find((v) => v.id === route.vehicle);
    if (!vehicle) return fail(`${at}.vehicle`, `unknown vehicle ${route.vehicle}`);
    if (solution.routes.filter((other) => other.vehicle === route.vehicle).length > 1) fail(`${at}.vehicle`, `vehicle ${route.vehicle} has more than one route`);
    const { durations, distances } = matrixFor(problem, vehicle.profile);
    const shift = vehicle.time_window ?? [0, Number.MAX_VALUE];
    const capacity = vehicle.capacity;
    const tasks = route.steps.filter((s) => s.type === 'job' || s.type === 'pickup' || s.type === 'delivery');
    const load = (capacity ?? []).map((_, d) => tasks.reduce((sum, s) => sum + (stops.get(`${s.type}:${s.id}`)?.onBoardAtStart[d] ?? 0), 0));
    const checkLoad = (path: string) => load.forEach((l, d) => l > capacity![d]! + EPS && fail(path, `load ${l} exceeds capacity ${capacity![d]} in dimension ${d}`));
    checkLoad(`${at}.steps[0]`);

    let time = route.steps[0]?.arrival ?? shift[0];
    if (time < shift[0] - EPS) fail(`${at}.steps[0].arrival`, `the route starts at ${time}, before the shift starts at ${shift[0]}`);
    let prev: number | undefined = vehicle.start_index;
    let travel = 0;
    let distance = 0;
    const pickedUpAt = new Map<number, number>();
    route.steps.forEach((step, s) => {
      const path = `${at}.steps[${s}]`;
      if (step.type === 'start') {
        if (s !== 0) fail(path, 'start is not the first step');
        return;
      }
      if (step.type === 'break') return fail(path, 'breaks are not expected');
      const location = step.type === 'end' ? vehicle.end_index : stops.get(`${step.type}:${step.id}`)?.location;
      if (location === undefined) return fail(path, `unknown ${step.type} ${step.id ?? ''}`);
      if (prev !== undefined) {
        const d = durations[prev]![location];
        if (d === null || d === undefined) return fail(path, `no road from location ${prev} to ${location}`);
        time += d / vehicle.speed_factor;
        travel += d / vehicle.speed_factor;
        distance += distances[prev]![location] ?? 0;
      }
      if (!close(step.arrival, time)) fail(`${path}.arrival`, `reported ${step.arrival}, recomputed ${time}`);
      if (step.type === 'end') {
        if (time > shift[1] + EPS) fail(path, `the route ends at ${time}, after the shift ends at ${shift[1]}`);
        prev = location;
        return;
      }
      const key = `${step.type}:${step.id}`;
      if (seen.has(key)) fail(path, `${key} is served twice (also at ${seen.get(key)})`);
      seen.set(key, path);
      const stop = stops.get(key)!;
      if (!stop.skills.every((k) => vehicle.skills.includes(k))) fail(path, `vehicle ${vehicle.id} lacks a skill of ${key}`);
      const start = time + step.waiting_time;
      if (step.waiting_time < -EPS) fail(`${path}.waiting_time`, 'negative waiting');
      if (stop.windows.length && !stop.windows.some(([a, b]) => start >= a - EPS && start <= b + EPS)) fail(path, `service starts at ${start}, outside every time window of ${key}`);
      if (stop.windows.length && step.waiting_time > EPS && !stop.windows.some(([a]) => close(a, start))) fail(`${path}.waiting_time`, 'waits past the opening of the window');
      const setup = prev !== stop.location ? stop.setup : 0;
      if (!close(step.setup, setup)) fail(`${path}.setup`, `reported ${step.setup}, expected ${setup}`);
      time = start + setup + stop.service;
      stop.change.forEach((c, d) => (load[d] = load[d]! + c));
      if (capacity) checkLoad(path);
      step.load.forEach((l, d) => load[d] !== undefined && !close(l, load[d]!) && fail(`${path}.load`, `reported ${l}, recomputed ${load[d]}`));
      if (stop.kind === 'pickup') pickedUpAt.set(stop.shipment!, time);
      if (stop.kind === 'delivery') {
        const left = pickedUpAt.get(stop.shipment!);
        if (left === undefined) fail(path, `delivery ${step.id} comes before its pickup or on another vehicle`);
        else {
          const maxRide = problem.shipments[stop.shipment!]!.max_ride_time;
          if (maxRide !== undefined && start - left > maxRide + EPS) fail(path, `ride of ${start - left} s exceeds max_ride_time ${maxRide}`);
        }
      }
      prev = stop.location;
    });
    if (vehicle.end_index === undefined && time > shift[1] + EPS) fail(at, `the route ends at ${time}, after the shift ends at ${shift[1]}`);
    if (vehicle.max_tasks !== undefined && tasks.length > vehicle.max_tasks) fail(at, `${tasks.length} tasks exceed max_tasks ${vehicle.max_tasks}`);
    if (vehicle.max_travel_time !== undefined && travel > vehicle.max_travel_time + EPS) fail(at, `travel time ${travel} exceeds max_travel_time`);
    if (vehicle.max_distance !== undefined && distance > vehicle.max_distance + EPS) fail(at, `distance ${distance} exceeds max_distance`);
    if (!close(route.distance, distance)) fail(`${at}.distance`, `reported ${route.distance}, recomputed ${distance}`);
    if (!close(route.duration, travel)) fail(`${at}.duration`, `reported ${route.duration}, recomputed ${travel}`);
    totalDistance += distance;
  });

  const unassigned = new Set(solution.unassigned.map((u) => `${u.type}:${u.id}`));
  solution.unassigned.forEach((u, i) => {
    if (seen.has(`${u.type}:${u.id}`)) fail(`unassigned[${i}]`, `${u.type} ${u.id} is both routed and unassigned`);
    if (!u.code || !u.reason) fail(`unassigned[${i}]`, 'an unassigned task needs a code and a reason');
  });
  for (const key of stops.keys()) if (!seen.has(key) && !unassigned.has(key)) fail('unassigned', `${key} is neither routed nor reported unassigned`);
  problem.shipments.forEach((s, i) => {
    const routed = [seen.has(`pickup:${s.pickup.id}`), seen.has(`delivery:${s.delivery.id}`)];
    if (routed[0] !== routed[1]) fail(`shipments[${i}]`, 'only one half of the shipment is routed');
  });
  if (solution.summary.routes !== solution.routes.length) fail('summary.routes', 'does not match the routes');
  if (solution.summary.unassigned !== solution.unassigned.length) fail('summary.unassigned', 'does not match the unassigned list');
  if (!close(solution.summary.distance, totalDistance)) fail('summary.distance', `reported ${solution.summary.distance}, recomputed ${totalDistance}`);
  return { ok: errors.length === 0, errors };
}
