/**
 * Problem (VROOM JSON, already shape-checked by zod) → Model. Everything zod cannot see is
 * checked here and reported with a field path: matrix shapes, location indices, id uniqueness,
 * capacity dimensions.
 */
import { SolverInputError } from '../errors.js';
import type { Problem } from '../io/vroom-schema.js';
import { TaskKind, type Model } from './model.js';

const NEIGHBOURS = 150;
const noWindow: [number, number][] = [[0, Number.MAX_VALUE]];

interface Matrices {
  durations: Float64Array;
  distances: Float64Array;
  side: number;
}

function flatten(rows: (number | null)[][], path: (string | number)[], side: number): Float64Array {
  if (rows.length !== side) throw new SolverInputError(path, `expected ${side} rows (the matrix must be square), got ${rows.length}`);
  const flat = new Float64Array(side * side);
  rows.forEach((row, i) => {
    if (row.length !== side) throw new SolverInputError([...path, i], `expected ${side} columns (the matrix must be square), got ${row.length}`);
    for (let j = 0; j < side; j++) flat[i * side + j] = row[j] === null ? Infinity : row[j]!;
  });
  return flat;
}

function profileMatrices(problem: Problem, profile: string, vehiclePath: (string | number)[]): Matrices {
  const given = problem.matrices?.[profile];
  if (given) {
    const side = given.durations.length;
    const durations = flatten(given.durations, ['matrices', profile, 'durations'], side);
    const distances = given.distances ? flatten(given.distances, ['matrices', profile, 'distances'], side) : durations;
    return { durations, distances, side };
  }
  if (problem.matrix) {
    const side = problem.matrix.length;
    const durations = flatten(problem.matrix, ['matrix'], side);
    return { durations, distances: durations, side };
  }
  throw new SolverInputError([...vehiclePath, 'profile'], `no matrix for profile "${profile}": give matrices.${profile}.durations (the service computes matrices from coordinates)`);
}

function checkUnique(ids: number[], path: (i: number) => (string | number)[], what: string): void {
  const seen = new Set<number>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw new SolverInputError(path(i), `duplicate ${what} id ${id}`);
    seen.add(id);
  });
}

export function compileModel(problem: Problem): Model {
  const { jobs, shipments, vehicles } = problem;
  checkUnique(vehicles.map((v) => v.id), (i) => ['vehicles', i, 'id'], 'vehicle');
  checkUnique(jobs.map((j) => j.id), (i) => ['jobs', i, 'id'], 'job');
  checkUnique(shipments.map((s) => s.pickup.id), (i) => ['shipments', i, 'pickup', 'id'], 'pickup');
  checkUnique(shipments.map((s) => s.delivery.id), (i) => ['shipments', i, 'delivery', 'id'], 'delivery');

  // Capacity dimensions: the longest amount or capacity given; shorter vectors are an error, not zero-padded.
  const dims = Math.max(0, ...vehicles.map((v) => v.capacity?.length ?? 0), ...jobs.map((j) => Math.max(j.delivery?.length ?? j.amount?.length ?? 0, j.pickup?.length ?? 0)), ...shipments.map((s) => s.amount?.length ?? 0));
  const checkDims = (amount: number[] | undefined, path: (string | number)[]) => {
    if (amount && amount.length !== dims) throw new SolverInputError(path, `expected ${dims} dimensions like the other amounts and capacities, got ${amount.length}`);
  };

  const matricesByProfile = new Map<string, Matrices>();
  const vehicleMatrices = vehicles.map((v, i) => {
    let m = matricesByProfile.get(v.profile);
    if (!m) matricesByProfile.set(v.profile, (m = profileMatrices(problem, v.profile, ['vehicles', i])));
    return m;
  });
  const side = vehicleMatrices[0]!.side;
  for (const [profile, m] of matricesByProfile) {
    if (m.side !== side) throw new SolverInputError(['matrices', profile, 'durations'], `all profiles need matrices of the same size (${side}), got ${m.side}`);
  }
  const checkIndex = (index: number | undefined, path: (string | number)[]) => {
    if (index === undefined) throw new SolverInputError(path, 'a location_index is required (the matrices are indexed by it)');
    if (index >= side) throw new SolverInputError(path, `location index ${index} is outside the ${side}×${side} matrix`);
    return index;
  };

  const tasks = jobs.length + 2 * shipments.length;
  const kind = new Uint8Array(tasks);
  const loc = new Int32Array(tasks);
  const setup = new Float64Array(tasks);
  const service = new Float64Array(tasks);
  const twOffset = new Int32Array(tasks + 1);
  const windows: [number, number][] = [];
  const startLoad = new Float64Array(tasks * dims);
  const delta = new Float64Array(tasks * dims);
  const sibling = new Int32Array(tasks).fill(-1);
  const maxRide = new Float64Array(tasks).fill(Infinity);
  const weight = new Float64Array(tasks);
  const id = new Float64Array(tasks);
  const source = new Int32Array(tasks);
  const skills: number[][] = [];

  // Priority dominates, then the number of stops: one more point of priority outweighs any count.
  const requestWeight = (priority: number) => priority * (tasks + 1) + 1;
  const addWindows = (t: number, given: [number, number][] | undefined) => {
    const sorted = [...(given?.length ? given : noWindow)].sort((a, b) => a[0] - b[0]);
    windows.push(...sorted);
    twOffset[t + 1] = windows.length;
  };

  let t = 0;
  jobs.forEach((job, j) => {
    const path = ['jobs', j];
    const deliveryAmount = job.delivery ?? job.amount;
    checkDims(deliveryAmount, [...path, job.delivery ? 'delivery' : 'amount']);
    checkDims(job.pickup, [...path, 'pickup']);
    kind[t] = TaskKind.job;
    loc[t] = checkIndex(job.location_index, [...path, 'location_index']);
    setup[t] = job.setup;
    service[t] = job.service;
    addWindows(t, job.time_windows);
    for (let d = 0; d < dims; d++) {
      startLoad[t * dims + d] = deliveryAmount?.[d] ?? 0;
      delta[t * dims + d] = (job.pickup?.[d] ?? 0) - (deliveryAmount?.[d] ?? 0);
    }
    weight[t] = requestWeight(job.priority);
    id[t] = job.id;
    source[t] = j;
    skills.push(job.skills);
    t++;
  });
  shipments.forEach((shipment, s) => {
    checkDims(shipment.amount, ['shipments', s, 'amount']);
    const pickup = t;
    const delivery = t + 1;
    for (const [task, step, name] of [[pickup, shipment.pickup, 'pickup'], [delivery, shipment.delivery, 'delivery']] as const) {
      kind[task] = name === 'pickup' ? TaskKind.pickup : TaskKind.delivery;
      loc[task] = checkIndex(step.location_index, ['shipments', s, name, 'location_index']);
      setup[task] = step.setup;
      service[task] = step.service;
      addWindows(task, step.time_windows);
      id[task] = step.id;
      source[task] = s;
      skills.push(shipment.skills);
    }
    for (let d = 0; d < dims; d++) {
      delta[pickup * dims + d] = shipment.amount?.[d] ?? 0;
      delta[delivery * dims + d] = -(shipment.amount?.[d] ?? 0);
    }
    sibling[pickup] = delivery;
    sibling[delivery] = pickup;
    maxRide[pickup] = shipment.max_ride_time ?? Infinity;
    weight[pickup] = requestWeight(shipment.priority);
    t += 2;
  });

  const V = vehicles.length;
  const vStart = new Int32Array(V);
  const vEnd = new Int32Array(V);
  const vShiftStart = new Float64Array(V);
  const vShiftEnd = new Float64Array(V);
  const vCapacity = new Float64Array(V * dims);
  const vFixed = new Float64Array(V);
  const vMaxTasks = new Float64Array(V);
  const vMaxTravel = new Float64Array(V);
  const vMaxDistance = new Float64Array(V);
  const vDur: Float64Array[] = [];
  const vDist: Float64Array[] = [];
  const vCost: Float64Array[] = [];
  const compatible = new Uint8Array(V * tasks);
  const costCache = new Map<string, { dur: Float64Array; cost: Float64Array }>();
  const byDistance = problem.options.minimize === 'distance';

  vehicles.forEach((vehicle, v) => {
    const path = ['vehicles', v];
    if (vehicle.breaks.length) throw new SolverInputError([...path, 'breaks'], 'breaks are not supported by this solver version yet; leave them out or model them as jobs');
    checkDims(vehicle.capacity, [...path, 'capacity']);
    vStart[v] = vehicle.start_index === undefined ? -1 : checkIndex(vehicle.start_index, [...path, 'start_index']);
    vEnd[v] = vehicle.end_index === undefined ? -1 : checkIndex(vehicle.end_index, [...path, 'end_index']);
    if (vehicle.start_index === undefined && vehicle.end_index === undefined && (vehicle.start || vehicle.end)) {
      throw new SolverInputError([...path, 'start_index'], 'a start_index or end_index is required (the matrices are indexed by it)');
    }
    vShiftStart[v] = vehicle.time_window?.[0] ?? 0;
    vShiftEnd[v] = vehicle.time_window?.[1] ?? Number.MAX_VALUE;
    // Without a capacity the vehicle is unconstrained in every dimension.
    for (let d = 0; d < dims; d++) vCapacity[v * dims + d] = vehicle.capacity ? vehicle.capacity[d]! : Infinity;
    const costs = vehicle.costs ?? { fixed: 0, per_hour: 3600, per_km: 0 };
    vFixed[v] = costs.fixed;
    vMaxTasks[v] = vehicle.max_tasks ?? Infinity;
    vMaxTravel[v] = vehicle.max_travel_time ?? Infinity;
    vMaxDistance[v] = vehicle.max_distance ?? Infinity;
    const m = vehicleMatrices[v]!;
    const key = `${vehicle.profile}|${vehicle.speed_factor}|${costs.per_hour}|${costs.per_km}`;
    let cached = costCache.get(key);
    if (!cached) {
      const dur = vehicle.speed_factor === 1 ? m.durations : m.durations.map((x) => x / vehicle.speed_factor);
      const cost = byDistance && !vehicle.costs ? m.distances : new Float64Array(side * side);
      if (cost !== m.distances) for (let i = 0; i < cost.length; i++) cost[i] = (costs.per_hour * dur[i]!) / 3600 + (costs.per_km * m.distances[i]!) / 1000;
      costCache.set(key, (cached = { dur, cost }));
    }
    vDur.push(cached.dur);
    vDist.push(m.distances);
    vCost.push(cached.cost);
    const has = new Set(vehicle.skills);
    for (let task = 0; task < tasks; task++) compatible[v * tasks + task] = skills[task]!.every((s) => has.has(s)) ? 1 : 0;
  });

  const neighbourCount = Math.min(NEIGHBOURS, Math.max(0, tasks - 1));
  const neighbours = computeNeighbours(tasks, loc, vCost[0]!, side, neighbourCount);

  return {
    problem,
    locations: side,
    dims,
    tasks,
    kind,
    loc,
    setup,
    service,
    twOffset,
    twStart: Float64Array.from(windows, (w) => w[0]),
    twEnd: Float64Array.from(windows, (w) => w[1]),
    startLoad,
    delta,
    sibling,
    maxRide,
    weight,
    id,
    source,
    vehicles: V,
    vStart,
    vEnd,
    vShiftStart,
    vShiftEnd,
    vCapacity,
    vFixed,
    vMaxTasks,
    vMaxTravel,
    vMaxDistance,
    vDur,
    vDist,
    vCost,
    compatible,
    neighbourCount,
    neighbours,
  };
}

/** For each task, the closest other tasks by symmetric cost (the granular neighbourhood of the ruin step). */
function computeNeighbours(tasks: number, loc: Int32Array, cost: Float64Array, side: number, k: number): Int32Array {
  const out = new Int32Array(tasks * k);
  const order = new Int32Array(tasks);
  const keys = new Float64Array(tasks);
  for (let t = 0; t < tasks; t++) {
    for (let u = 0; u < tasks; u++) {
      const a = cost[loc[t]! * side + loc[u]!]!;
      const b = cost[loc[u]! * side + loc[t]!]!;
      keys[u] = u === t ? Infinity : Math.min(a, b);
      order[u] = u;
    }
    const sorted = Array.from(order).sort((x, y) => keys[x]! - keys[y]!);
    for (let i = 0; i < k; i++) out[t * k + i] = sorted[i]!;
  }
  return out;
}
