/**
 * Routes → VROOM solution JSON: per step arrival, waiting, setup, service, cumulated travel time
 * and distance, load after the step; per route and in the summary the totals; unassigned requests
 * with their reason.
 */
import type { Solution, SolutionRoute, SolutionStep, StepType, UnassignedTask, Violation } from '../io/vroom-schema.js';
import { TaskKind, windowedStart, type Model } from '../model/model.js';
import { unassignedReason } from './unassigned-reason.js';

const stepType: Record<number, StepType> = { [TaskKind.job]: 'job', [TaskKind.pickup]: 'pickup', [TaskKind.delivery]: 'delivery' };

export interface RouteInput {
  vehicle: number;
  tasks: ArrayLike<number>;
}

/** Evaluates one route's schedule from the start of the vehicle's shift, recording what is violated instead of rejecting it. */
export function buildRoute(model: Model, v: number, tasks: ArrayLike<number>): SolutionRoute {
  const { dims, locations: L, problem } = model;
  const vehicle = problem.vehicles[v]!;
  const dur = model.vDur[v]!;
  const dist = model.vDist[v]!;
  const cost = model.vCost[v]!;
  const steps: SolutionStep[] = [];
  const routeViolations: Violation[] = [];
  const load: number[] = [];
  for (let d = 0; d < dims; d++) {
    let onBoard = 0;
    for (let i = 0; i < tasks.length; i++) onBoard += model.startLoad[tasks[i]! * dims + d]!;
    load.push(onBoard);
  }
  const deliveredTotal = new Array<number>(dims).fill(0);
  const pickedTotal = new Array<number>(dims).fill(0);

  // Leave just in time for the first stop, so that the route does not begin with waiting.
  const start = model.vStart[v]!;
  let time = model.vShiftStart[v]!;
  if (tasks.length > 0) {
    const first = tasks[0]!;
    const travel = start >= 0 ? dur[start * L + model.loc[first]!]! : 0;
    const serviceStart = windowedStart(model, first, time + travel);
    if (serviceStart === serviceStart) time = Math.max(time, serviceStart - travel);
  }
  let travelled = 0;
  let distance = 0;
  let arcCost = 0;
  let setupSum = 0;
  let serviceSum = 0;
  let waitingSum = 0;
  let prioritySum = 0;
  let prev = start;
  const stepBase = (type: StepType, location: number): SolutionStep => ({
    type,
    ...(location >= 0 ? { location_index: location } : {}),
    setup: 0,
    service: 0,
    waiting_time: 0,
    arrival: time,
    duration: travelled,
    distance,
    load: [...load],
    violations: [],
  });
  if (start >= 0) steps.push(stepBase('start', start));
  // Every job delivery is on board when the vehicle leaves.
  if (load.some((l, d) => l > model.vCapacity[v * dims + d]!)) {
    routeViolations.push({ cause: 'load' });
    steps[0]?.violations.push({ cause: 'load' });
  }

  const pickedAt = new Map<number, number>();
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    const here = model.loc[t]!;
    if (prev >= 0) {
      time += dur[prev * L + here]!;
      travelled += dur[prev * L + here]!;
      distance += dist[prev * L + here]!;
      arcCost += cost[prev * L + here]!;
    }
    const arrival = time;
    const violations: Violation[] = [];
    let serviceStart = windowedStart(model, t, arrival);
    if (!(serviceStart === serviceStart)) {
      serviceStart = arrival;
      violations.push({ cause: 'delay', duration: arrival - model.twEnd[model.twOffset[t + 1]! - 1]! });
    }
    const setup = prev !== here ? model.setup[t]! : 0;
    for (let d = 0; d < dims; d++) {
      load[d] += model.delta[t * dims + d]!;
      if (load[d]! > model.vCapacity[v * dims + d]!) violations.push({ cause: 'load' });
      deliveredTotal[d] += model.kind[t] === TaskKind.pickup ? 0 : model.kind[t] === TaskKind.delivery ? -model.delta[t * dims + d]! : model.startLoad[t * dims + d]!;
      pickedTotal[d] += model.kind[t] === TaskKind.delivery ? 0 : model.kind[t] === TaskKind.pickup ? model.delta[t * dims + d]! : model.startLoad[t * dims + d]! + model.delta[t * dims + d]!;
    }
    if (!model.compatible[v * model.tasks + t]) violations.push({ cause: 'skills' });
    if (model.kind[t] === TaskKind.delivery) {
      const pickedLeft = pickedAt.get(model.sibling[t]!);
      if (pickedLeft === undefined) violations.push({ cause: 'precedence' });
      else if (serviceStart - pickedLeft > model.maxRide[model.sibling[t]!]!) violations.push({ cause: 'max_ride_time', duration: serviceStart - pickedLeft - model.maxRide[model.sibling[t]!]! });
    }
    const step: SolutionStep = {
      type: stepType[model.kind[t]!]!,
      id: model.id[t]!,
      location_index: here,
      setup,
      service: model.service[t]!,
      waiting_time: serviceStart - arrival,
      arrival,
      duration: travelled,
      distance,
      load: [...load],
      violations,
    };
    const description = taskDescription(model, t);
    if (description !== undefined) (step as SolutionStep & { description?: string }).description = description;
    steps.push(step);
    time = serviceStart + setup + model.service[t]!;
    if (model.kind[t] === TaskKind.pickup) pickedAt.set(t, time);
    setupSum += setup;
    serviceSum += model.service[t]!;
    waitingSum += serviceStart - arrival;
    prioritySum += taskPriority(model, t);
    prev = here;
    routeViolations.push(...violations);
  }
  const end = model.vEnd[v]!;
  if (end >= 0) {
    if (prev >= 0) {
      time += dur[prev * L + end]!;
      travelled += dur[prev * L + end]!;
      distance += dist[prev * L + end]!;
      arcCost += cost[prev * L + end]!;
    }
    steps.push(stepBase('end', end));
  }
  if (time > model.vShiftEnd[v]!) routeViolations.push({ cause: 'delay', duration: time - model.vShiftEnd[v]! });
  if (tasks.length > model.vMaxTasks[v]!) routeViolations.push({ cause: 'max_tasks' });
  if (travelled > model.vMaxTravel[v]!) routeViolations.push({ cause: 'max_travel_time', duration: travelled - model.vMaxTravel[v]! });
  if (distance > model.vMaxDistance[v]!) routeViolations.push({ cause: 'max_distance' });
  return {
    vehicle: vehicle.id,
    cost: arcCost + model.vFixed[v]!,
    setup: setupSum,
    service: serviceSum,
    duration: travelled,
    waiting_time: waitingSum,
    priority: prioritySum,
    distance,
    delivery: deliveredTotal,
    pickup: pickedTotal,
    steps,
    violations: routeViolations,
  };
}

function taskPriority(model: Model, t: number): number {
  const p = model.problem;
  return model.kind[t] === TaskKind.job ? p.jobs[model.source[t]!]!.priority : model.kind[t] === TaskKind.pickup ? p.shipments[model.source[t]!]!.priority : 0;
}

function taskDescription(model: Model, t: number): string | undefined {
  const p = model.problem;
  if (model.kind[t] === TaskKind.job) return p.jobs[model.source[t]!]!.description;
  const shipment = p.shipments[model.source[t]!]!;
  return model.kind[t] === TaskKind.pickup ? shipment.pickup.description : shipment.delivery.description;
}

export function buildSolution(model: Model, routes: RouteInput[], assigned: (task: number) => boolean, times: { loading: number; solving: number }): Solution {
  const built = routes.filter((r) => r.tasks.length > 0).map((r) => buildRoute(model, r.vehicle, r.tasks));
  const unassigned: UnassignedTask[] = [];
  for (let t = 0; t < model.tasks; t++) {
    if (assigned(t)) continue;
    const request = model.kind[t] === TaskKind.delivery ? model.sibling[t]! : t;
    const { code, reason } = unassignedReason(model, request);
    const type = stepType[model.kind[t]!] as UnassignedTask['type'];
    const description = taskDescription(model, t);
    unassigned.push({ id: model.id[t]!, type, location_index: model.loc[t]!, ...(description !== undefined ? { description } : {}), code, reason });
  }
  const sum = (pick: (r: SolutionRoute) => number) => built.reduce((total, r) => total + pick(r), 0);
  const sumVector = (pick: (r: SolutionRoute) => number[]) => Array.from({ length: model.dims }, (_, d) => built.reduce((total, r) => total + pick(r)[d]!, 0));
  return {
    code: 0,
    summary: {
      cost: sum((r) => r.cost),
      routes: built.length,
      unassigned: unassigned.length,
      setup: sum((r) => r.setup),
      service: sum((r) => r.service),
      duration: sum((r) => r.duration),
      waiting_time: sum((r) => r.waiting_time),
      priority: sum((r) => r.priority),
      distance: sum((r) => r.distance),
      delivery: sumVector((r) => r.delivery),
      pickup: sumVector((r) => r.pickup),
      violations: built.flatMap((r) => r.violations),
      computing_times: { loading: Math.round(times.loading), solving: Math.round(times.solving), routing: 0 },
    },
    unassigned,
    routes: built,
  };
}
