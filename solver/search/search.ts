/**
 * The search: greedy construction, then (hierarchical objective) a fleet-minimisation phase that
 * empties the smallest route and lets ruin-and-recreate re-home its stops, guided by absence
 * counters, then simulated annealing over ruin-and-recreate on cost (SISR). Anytime: stops on the
 * time or iteration limit or on abort, always holding the best solution found.
 */
import type { Model } from '../model/model.js';
import { Random } from '../model/random.js';
import { better, compareLevels, copyScore, score, type Score } from './objective.js';
import { Recreate } from './recreate.js';
import { Ruin } from './ruin.js';
import type { RouteSet } from './route-set.js';
import { Snapshot } from './snapshot.js';

export interface SearchProgress {
  iteration: number;
  elapsedMs: number;
  phase: 'construction' | 'fleet' | 'cost';
  best: { served: number; unserved: number; vehicles: number; cost: number };
}

export interface SearchOptions {
  hierarchical: boolean;
  timeLimitMs?: number;
  iterations?: number;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (progress: SearchProgress) => void;
  /** Share of the budget given to fleet minimisation (hierarchical objective). */
  fleetShare?: number;
  /** A phase ends after this many iterations without a new best (see SolveOptions). */
  stallIterations?: number;
}

export interface SearchStats {
  iterations: number;
  movesEvaluated: number;
  elapsedMs: number;
  constructionCost: number;
}

const RUIN = { averageRemoved: 10, maxStringLength: 10 };
const BLINK_RATE = 0.01;

export function search(model: Model, routes: RouteSet, options: SearchOptions): SearchStats {
  const started = performance.now();
  const random = new Random(options.seed ?? 1);
  const ruin = new Ruin(model, routes, random);
  const recreate = new Recreate(model, routes, random);
  const V = model.vehicles;
  const timeLimit = options.timeLimitMs ?? Infinity;
  const iterationLimit = options.iterations ?? (timeLimit === Infinity ? 10_000 : Infinity);
  const hierarchical = options.hierarchical;
  const pending = new Int32Array(model.tasks);
  const dirty = new Uint8Array(V);
  let iteration = 0;
  let lastBest = 0;
  const stallLimit = options.stallIterations ?? Infinity;
  const stalled = () => iteration - lastBest >= stallLimit;

  const elapsed = () => performance.now() - started;
  const progress = () => Math.max(timeLimit === Infinity ? 0 : elapsed() / timeLimit, iterationLimit === Infinity ? 0 : iteration / iterationLimit);
  const stopped = () => options.signal?.aborted === true || progress() >= 1;

  /** Requests (jobs and pickups) that no route serves, in task order. */
  const collectUnassigned = (): number => {
    let count = 0;
    for (let t = 0; t < model.tasks; t++) if (routes.routeOf[t]! < 0 && model.kind[t] !== 2) pending[count++] = t;
    return count;
  };

  // Construction: every request at its cheapest place; new vehicles only when needed (fleet first).
  recreate.apply(pending, collectUnassigned(), { maxRoutes: V, openOnCost: !hierarchical, blinkRate: 0 }, dirty);
  const current = new Snapshot(V, model.tasks);
  const best = new Snapshot(V, model.tasks);
  current.save(routes);
  best.save(routes);
  const currentScore = score(model, routes, hierarchical, { unserved: 0, vehicles: 0, cost: 0 });
  const bestScore = { ...currentScore };
  const candidateScore: Score = { ...currentScore };
  const constructionCost = currentScore.cost;

  let lastReport = 0;
  const report = (phase: SearchProgress['phase'], force = false) => {
    if (!options.onProgress) return;
    const now = elapsed();
    if (!force && now - lastReport < 250) return;
    lastReport = now;
    options.onProgress({ iteration, elapsedMs: now, phase, best: { served: countServed(best), unserved: bestScore.unserved, vehicles: usedIn(best), cost: bestScore.cost } });
  };
  report('construction', true);

  /** One ruin-and-recreate move on the current solution; returns the candidate's unassigned count. */
  const move = (maxRoutes: number, hardness?: Float64Array): number => {
    dirty.fill(0);
    let count = collectUnassigned();
    count = ruin.apply(RUIN, pending, count, dirty);
    return recreate.apply(pending, count, { maxRoutes, openOnCost: !hierarchical, blinkRate: BLINK_RATE }, dirty, hardness);
  };

  // Fleet minimisation: drop a route, then search for a home for its stops within one vehicle fewer.
  if (hierarchical) {
    const fleetEnd = options.fleetShare ?? 0.5;
    const absence = new Float64Array(model.tasks);
    let target = usedIn(best);
    const lowerBound = vehicleLowerBound(model);
    let absenceSum = 0;
    let unassigned = 0;
    const dropRoute = () => {
      target--;
      const v = smallestRoute(routes);
      if (v < 0) return false;
      routes.setRoute(v, routes.seq[v]!.subarray(0, routes.locked[v]!));
      routes.update(v);
      current.save(routes);
      unassigned = collectUnassigned();
      absenceSum = sumOver(absence, pending, unassigned);
      return true;
    };
    let active = target > lowerBound && dropRoute();
    while (active && !stopped() && progress() < fleetEnd && !stalled()) {
      iteration++;
      const left = move(target, absence);
      for (let i = 0; i < left; i++) absence[pending[i]!]!++;
      const candidateAbsence = sumOver(absence, pending, left);
      score(model, routes, hierarchical, candidateScore);
      if (candidateScore.unserved <= bestScore.unserved) {
        // Every stop found a home with one vehicle fewer: a new best; try dropping another route.
        best.save(routes);
        copyScore(candidateScore, bestScore);
        copyScore(candidateScore, currentScore);
        lastBest = iteration;
        report('fleet', true);
        active = target - 1 >= lowerBound && dropRoute();
        continue;
      }
      if (left < unassigned || candidateAbsence < absenceSum) {
        current.save(routes, dirty);
        unassigned = left;
        absenceSum = candidateAbsence;
        copyScore(candidateScore, currentScore);
      } else {
        current.restore(routes, dirty);
      }
      report('fleet');
    }
    best.restore(routes);
    current.copyFrom(best);
    copyScore(bestScore, currentScore);
  }

  // Cost minimisation: simulated annealing with the temperature scaled to the instance's arc costs.
  const arcs = countServed(best) + usedIn(best);
  const meanArc = arcs > 0 && Number.isFinite(bestScore.cost) ? bestScore.cost / arcs : 1;
  const hot = 10 * meanArc;
  const cold = 0.1 * meanArc;
  const maxRoutes = hierarchical ? Math.max(usedIn(best), 1) : V;
  const costStart = progress();
  lastBest = iteration;
  while (!stopped() && !stalled()) {
    iteration++;
    move(maxRoutes);
    score(model, routes, hierarchical, candidateScore);
    const share = Math.min(1, (progress() - costStart) / Math.max(1e-9, 1 - costStart));
    const temperature = hot * Math.pow(cold / hot, share);
    const levels = compareLevels(candidateScore, currentScore);
    const accept = levels < 0 || (levels === 0 && candidateScore.cost < currentScore.cost - temperature * Math.log(random.next()));
    if (accept) {
      current.save(routes, dirty);
      copyScore(candidateScore, currentScore);
      if (better(candidateScore, bestScore)) {
        best.save(routes);
        copyScore(candidateScore, bestScore);
        lastBest = iteration;
      }
    } else {
      current.restore(routes, dirty);
    }
    report('cost');
  }
  best.restore(routes);
  report('cost', true);
  return { iterations: iteration, movesEvaluated: recreate.evaluator.evaluations, elapsedMs: elapsed(), constructionCost };
}

function countServed(snapshot: Snapshot): number {
  let served = 0;
  for (let v = 0; v < snapshot.size.length; v++) served += snapshot.size[v]!;
  return served;
}

function usedIn(snapshot: Snapshot): number {
  let used = 0;
  for (let v = 0; v < snapshot.size.length; v++) if (snapshot.size[v]! > 0) used++;
  return used;
}

function sumOver(weights: Float64Array, items: Int32Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += weights[items[i]!]!;
  return sum;
}

/** The used route with the fewest movable stops (routes with locked stops are kept). */
function smallestRoute(routes: RouteSet): number {
  let chosen = -1;
  for (let v = 0; v < routes.size.length; v++) {
    if (routes.size[v] === 0 || routes.locked[v]! > 0) continue;
    if (chosen < 0 || routes.size[v]! < routes.size[chosen]!) chosen = v;
  }
  return chosen;
}

/**
 * No solution can use fewer vehicles than the jobs' total deliveries (all on board at the start) or
 * total pickups (all on board at the end) need at the largest capacity. Shipments free their space
 * on the way, so they give no such bound.
 */
function vehicleLowerBound(model: Model): number {
  let bound = 1;
  for (let d = 0; d < model.dims; d++) {
    let delivered = 0;
    let picked = 0;
    let largest = 0;
    for (let t = 0; t < model.tasks; t++) {
      if (model.kind[t] !== 0) continue;
      delivered += model.startLoad[t * model.dims + d]!;
      picked += model.startLoad[t * model.dims + d]! + model.delta[t * model.dims + d]!;
    }
    for (let v = 0; v < model.vehicles; v++) largest = Math.max(largest, model.vCapacity[v * model.dims + d]!);
    if (largest > 0 && Number.isFinite(largest)) bound = Math.max(bound, Math.ceil(delivered / largest), Math.ceil(picked / largest));
  }
  return bound;
}
