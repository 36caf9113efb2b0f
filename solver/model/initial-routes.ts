/**
 * Given routes (vehicles[].steps, or a previous solution) → task sequences. Used by plan mode as they
 * are, and by the search as a warm start where the leading `locked` steps never move.
 */
import { SolverInputError } from '../errors.js';
import type { Solution } from '../io/vroom-schema.js';
import { TaskKind, type Model } from './model.js';

export interface GivenRoute {
  vehicle: number;
  tasks: number[];
  /** How many leading tasks are locked. */
  locked: number;
}

function taskIndex(model: Model): Map<string, number> {
  const index = new Map<string, number>();
  const name = ['job', 'pickup', 'delivery'];
  for (let t = 0; t < model.tasks; t++) index.set(`${name[model.kind[t]!]}:${model.id[t]}`, t);
  return index;
}

export function routesFromSteps(model: Model): GivenRoute[] {
  const index = taskIndex(model);
  const seen = new Set<number>();
  return model.problem.vehicles.map((vehicle, v) => {
    const tasks: number[] = [];
    let locked = 0;
    let lockedRun = true;
    (vehicle.steps ?? []).forEach((step, s) => {
      if (step.type === 'start' || step.type === 'end' || step.type === 'break') return;
      const t = index.get(`${step.type}:${step.id}`);
      if (t === undefined) throw new SolverInputError(['vehicles', v, 'steps', s, 'id'], `no ${step.type} with id ${step.id}`);
      if (seen.has(t)) throw new SolverInputError(['vehicles', v, 'steps', s, 'id'], `${step.type} ${step.id} appears in more than one step`);
      seen.add(t);
      tasks.push(t);
      if (lockedRun && step.locked) locked++;
      else lockedRun = false;
    });
    return { vehicle: v, tasks, locked };
  });
}

export function routesFromSolution(model: Model, solution: Solution): GivenRoute[] {
  const index = taskIndex(model);
  const byVehicle = new Map(model.problem.vehicles.map((vehicle, v) => [vehicle.id, v]));
  const routes: GivenRoute[] = model.problem.vehicles.map((_, v) => ({ vehicle: v, tasks: [], locked: 0 }));
  for (const route of solution.routes) {
    const v = byVehicle.get(route.vehicle);
    if (v === undefined) continue;
    for (const step of route.steps) {
      const t = index.get(`${step.type}:${step.id}`);
      if (t !== undefined && !routes.some((r) => r.tasks.includes(t))) routes[v]!.tasks.push(t);
    }
  }
  return routes;
}

/** Keeps only whole shipments (both halves on the route, pickup first) among the unlocked tasks. */
export function keepWholeShipments(model: Model, route: GivenRoute): number[] {
  const position = new Map(route.tasks.map((t, i) => [t, i]));
  return route.tasks.filter((t, i) => {
    if (i < route.locked || model.kind[t] === TaskKind.job) return true;
    const other = position.get(model.sibling[t]!);
    if (other === undefined) return false;
    return model.kind[t] === TaskKind.pickup ? other > i : other < i;
  });
}
