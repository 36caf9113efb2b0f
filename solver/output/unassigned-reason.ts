/**
 * Why a request is unserved, as the most specific honest reason: checked vehicle by vehicle on
 * a route that would serve it alone. When some vehicle could serve it alone, the fleet was the
 * limit (`no_vehicle`).
 */
import type { UnassignedCode } from '../io/vroom-schema.js';
import { windowedStart, type Model } from '../model/model.js';

const sentences: Record<UnassignedCode, string> = {
  skills: 'No vehicle has every skill this stop requires.',
  capacity: 'The amount exceeds the capacity of every vehicle that has the required skills.',
  unreachable: 'No vehicle can reach this location on the road network, or return from it.',
  time_window: 'No vehicle can arrive within any of its time windows.',
  shift: "No vehicle can serve it and return within its shift.",
  max_travel_time: "Serving it would exceed every suitable vehicle's maximum travel time or distance.",
  max_ride_time: 'The direct ride from pickup to delivery already exceeds the maximum ride time.',
  no_vehicle: 'Every vehicle that could serve it is fully used by other stops; add a vehicle or relax windows.',
  not_profitable: 'Serving it would cost more than it is worth.',
};

export function unassignedReason(model: Model, request: number): { code: UnassignedCode; reason: string } {
  const code = findCode(model, request);
  return { code, reason: sentences[code] };
}

/** The furthest check any vehicle passed decides the code: each level is one more check passed. */
const codeByLevel: UnassignedCode[] = ['skills', 'capacity', 'unreachable', 'max_ride_time', 'time_window', 'shift', 'max_travel_time'];

function findCode(model: Model, request: number): UnassignedCode {
  let level = 0;
  for (let v = 0; v < model.vehicles; v++) {
    const passed = checksPassed(model, v, request);
    if (passed === codeByLevel.length) return 'no_vehicle';
    level = Math.max(level, passed);
  }
  return codeByLevel[level]!;
}

/** How many of the checks (skills, capacity, reachability, ride, windows, shift, limits) vehicle v passes for the request alone. */
function checksPassed(model: Model, v: number, request: number): number {
  const { dims, tasks, locations: L } = model;
  if (!model.compatible[v * tasks + request]) return 0;
  for (let d = 0; d < dims; d++) {
    const onBoard = Math.max(model.startLoad[request * dims + d]!, model.startLoad[request * dims + d]! + model.delta[request * dims + d]!);
    if (onBoard > model.vCapacity[v * dims + d]!) return 1;
  }
  const delivery = model.sibling[request]!;
  const stops = delivery >= 0 ? [request, delivery] : [request];
  const dur = model.vDur[v]!;
  const dist = model.vDist[v]!;
  const path = [model.vStart[v]!, ...stops.map((t) => model.loc[t]!), model.vEnd[v]!].filter((l) => l >= 0);
  let travel = 0;
  let distance = 0;
  for (let i = 0; i + 1 < path.length; i++) {
    travel += dur[path[i]! * L + path[i + 1]!]!;
    distance += dist[path[i]! * L + path[i + 1]!]!;
  }
  if (!Number.isFinite(travel)) return 2;
  if (delivery >= 0 && dur[model.loc[request]! * L + model.loc[delivery]!]! > model.maxRide[request]!) return 3;
  // Alone on the route: leave at the start of the shift, serve in order.
  let time = model.vShiftStart[v]!;
  let prev = model.vStart[v]!;
  let pickupLeft = 0;
  for (const t of stops) {
    const here = model.loc[t]!;
    const start = windowedStart(model, t, time + (prev >= 0 ? dur[prev * L + here]! : 0));
    if (!(start === start)) return 4;
    if (t === delivery && start - pickupLeft > model.maxRide[request]!) return 4;
    time = start + (prev !== here ? model.setup[t]! : 0) + model.service[t]!;
    if (t === request) pickupLeft = time;
    prev = here;
  }
  const end = model.vEnd[v]!;
  if (time + (end >= 0 ? dur[prev * L + end]! : 0) > model.vShiftEnd[v]!) return 5;
  if (travel > model.vMaxTravel[v]! || distance > model.vMaxDistance[v]! || stops.length > model.vMaxTasks[v]!) return 6;
  return 7;
}
