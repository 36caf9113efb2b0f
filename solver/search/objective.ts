/**
 * The objective as a tuple compared in order: unserved (priority-weighted) requests, then — for the
 * hierarchical objective — vehicles used, then cost. Kept as separate numbers rather than one
 * penalised sum, so large penalties never swamp the precision of the cost.
 */
import type { Model } from '../model/model.js';
import type { RouteSet } from './route-set.js';

export interface Score {
  unserved: number;
  vehicles: number;
  cost: number;
}

export function score(model: Model, routes: RouteSet, hierarchical: boolean, into: Score): Score {
  let unserved = 0;
  for (let t = 0; t < model.tasks; t++) if (routes.routeOf[t]! < 0) unserved += model.weight[t]!;
  into.unserved = unserved;
  into.vehicles = hierarchical ? routes.usedVehicles() : 0;
  into.cost = routes.totalCost();
  return into;
}

/** Negative when a is better than b, positive when worse, 0 when equal on the levels before cost. */
export function compareLevels(a: Score, b: Score): number {
  if (a.unserved !== b.unserved) return a.unserved - b.unserved;
  return a.vehicles - b.vehicles;
}

export function better(a: Score, b: Score): boolean {
  const levels = compareLevels(a, b);
  return levels < 0 || (levels === 0 && a.cost < b.cost - 1e-9);
}

export const copyScore = (from: Score, to: Score) => {
  to.unserved = from.unserved;
  to.vehicles = from.vehicles;
  to.cost = from.cost;
};
