/**
 * The solver's internal model: every stop ("task": a job, a shipment's pickup or its delivery)
 * and every vehicle flattened into typed arrays, matrices as flat row-major arrays. The search
 * reads only this; the VROOM-shaped problem is compiled into it once by `compileModel`.
 */
import type { Problem } from '../io/vroom-schema.js';

export const TaskKind = { job: 0, pickup: 1, delivery: 2 } as const;

export interface Model {
  problem: Problem;
  /** Number of locations (matrix side). */
  locations: number;
  /** Capacity dimensions. */
  dims: number;

  tasks: number;
  kind: Uint8Array;
  loc: Int32Array;
  setup: Float64Array;
  service: Float64Array;
  /** Time windows of task t: twStart/twEnd[twOffset[t] .. twOffset[t + 1]), sorted. */
  twOffset: Int32Array;
  twStart: Float64Array;
  twEnd: Float64Array;
  /** Amount a job delivers (carried from the start), per dimension: [t * dims + d]. */
  startLoad: Float64Array;
  /** Load change at the stop, per dimension: job pickup − delivery, shipment pickup +amount, delivery −amount. */
  delta: Float64Array;
  /** The other half of a shipment (pickup ↔ delivery); -1 for jobs. */
  sibling: Int32Array;
  /** Longest ride (s) from the end of a pickup's service to the start of its delivery; Infinity when free. */
  maxRide: Float64Array;
  /** Weight of leaving the request unserved (set on jobs and pickups; priority first, then count). */
  weight: Float64Array;
  /** The task's id in the problem (job id, pickup id, delivery id). */
  id: Float64Array;
  /** Index in problem.jobs or problem.shipments. */
  source: Int32Array;

  vehicles: number;
  vStart: Int32Array;
  vEnd: Int32Array;
  vShiftStart: Float64Array;
  vShiftEnd: Float64Array;
  vCapacity: Float64Array;
  vFixed: Float64Array;
  vMaxTasks: Float64Array;
  vMaxTravel: Float64Array;
  vMaxDistance: Float64Array;
  /** Travel duration, distance and cost matrices seen by each vehicle (shared between alike vehicles). */
  vDur: Float64Array[];
  vDist: Float64Array[];
  vCost: Float64Array[];
  /** compatible[v * tasks + t] = 1 when vehicle v has every skill task t needs. */
  compatible: Uint8Array;
  /** Task neighbours, closest first: neighbours[t * neighbourCount + k]. */
  neighbourCount: number;
  neighbours: Int32Array;
}

/** The window of task t that an arrival at `time` can use: its service start, or NaN when every window has closed. */
export function windowedStart(model: Model, t: number, time: number): number {
  const end = model.twOffset[t + 1]!;
  for (let w = model.twOffset[t]!; w < end; w++) {
    if (time <= model.twEnd[w]!) return time > model.twStart[w]! ? time : model.twStart[w]!;
  }
  return NaN;
}

/** The latest arrival at task t from which service can start no later than `latestStart`; -Infinity when none. */
export function latestArrival(model: Model, t: number, latestStart: number): number {
  let best = -Infinity;
  const end = model.twOffset[t + 1]!;
  for (let w = model.twOffset[t]!; w < end; w++) {
    if (model.twStart[w]! <= latestStart) {
      const candidate = model.twEnd[w]! < latestStart ? model.twEnd[w]! : latestStart;
      if (candidate > best) best = candidate;
    }
  }
  return best;
}
