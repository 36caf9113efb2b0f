/**
 * lastmile's vehicle-routing solver. Pure computation: VROOM-format problem in, VROOM-format
 * solution out (with reason codes for unserved stops), no I/O.
 */
import { parseProblem } from './io/parse-problem.js';
import type { Solution } from './io/vroom-schema.js';
import { compileModel } from './model/compile-model.js';
import { keepWholeShipments, routesFromSolution, routesFromSteps, type GivenRoute } from './model/initial-routes.js';
import type { Model } from './model/model.js';
import { buildSolution } from './output/build-solution.js';
import { RouteSet } from './search/route-set.js';
import { search, type SearchProgress, type SearchStats } from './search/search.js';

export { SolverInputError, formatPath } from './errors.js';
export * from './io/vroom-schema.js';
export type { SearchProgress, SearchStats } from './search/search.js';
export { parseSolomon } from './formats/solomon.js';
export { parseLiLim } from './formats/lilim.js';

export interface SolveOptions {
  /** Wall-clock limit (ms). With neither limit, 10,000 iterations. */
  timeLimitMs?: number;
  /** Iteration limit: with the same seed, the same answer every time. */
  iterations?: number;
  seed?: number;
  /** Called about four times a second, and on every new best during fleet minimisation. */
  onProgress?: (progress: SearchProgress) => void;
  /** Aborting stops the search and returns the best solution found so far. */
  signal?: AbortSignal;
  /** A previous solution to start from (vehicles[].steps also warm-start, with locks). */
  initial?: Solution;
  /**
   * End a phase (fleet minimisation, then cost) after this many iterations without a new best:
   * for interactive calls, where a small problem converges long before the time limit. Counted in
   * iterations, so a seed still gives the same answer. Unset: search until a limit.
   */
  stallIterations?: number;
}

export type SolveResult = Solution & { stats: SearchStats };

/** Searches for the best plan. Throws SolverInputError, naming the field, on bad input. */
export function solve(input: unknown, options: SolveOptions = {}): SolveResult {
  const loadingStarted = performance.now();
  const problem = parseProblem(input);
  const model = compileModel(problem);
  if (problem.options.plan) return { ...plan(input), stats: { iterations: 0, movesEvaluated: 0, elapsedMs: 0, constructionCost: 0 } };
  const routes = new RouteSet(model);
  const given = options.initial ? routesFromSolution(model, options.initial) : routesFromSteps(model);
  warmStart(model, routes, given);
  const loading = performance.now() - loadingStarted;
  const stats = search(model, routes, {
    hierarchical: problem.options.objective === 'hierarchical',
    timeLimitMs: options.timeLimitMs,
    iterations: options.iterations,
    seed: options.seed,
    signal: options.signal,
    onProgress: options.onProgress,
    stallIterations: options.stallIterations,
  });
  const result = buildSolution(
    model,
    Array.from({ length: model.vehicles }, (_, v) => ({ vehicle: v, tasks: routes.seq[v]!.subarray(0, routes.size[v]!) })),
    (t) => routes.routeOf[t]! >= 0,
    { loading, solving: stats.elapsedMs },
  );
  return { ...result, stats };
}

/** Plan mode: the routes in vehicles[].steps are evaluated as given — times, waits, loads, violations — without search. */
export function plan(input: unknown): Solution {
  const started = performance.now();
  const problem = parseProblem(input);
  const model = compileModel(problem);
  const given = routesFromSteps(model);
  const assigned = new Uint8Array(model.tasks);
  for (const route of given) for (const t of route.tasks) assigned[t] = 1;
  return buildSolution(model, given, (t) => assigned[t] === 1, { loading: performance.now() - started, solving: 0 });
}

/** Seeds the search with given routes; unlocked stops that make a route infeasible go back to the pool. */
function warmStart(model: Model, routes: RouteSet, given: GivenRoute[]): void {
  for (const route of given) {
    if (route.tasks.length === 0) continue;
    const tasks = keepWholeShipments(model, route);
    routes.setRoute(route.vehicle, tasks);
    routes.locked[route.vehicle] = route.locked;
    routes.update(route.vehicle);
    while (!routes.isFeasible(route.vehicle) && routes.size[route.vehicle]! > route.locked) {
      const last = routes.seq[route.vehicle]![routes.size[route.vehicle]! - 1]!;
      routes.removeAt(route.vehicle, routes.size[route.vehicle]! - 1);
      const sibling = model.sibling[last]!;
      if (sibling >= 0 && routes.routeOf[sibling] === route.vehicle) {
        const at = Array.from(routes.seq[route.vehicle]!.subarray(0, routes.size[route.vehicle]!)).indexOf(sibling);
        if (at >= route.locked) routes.removeAt(route.vehicle, at);
      }
      routes.update(route.vehicle);
    }
  }
}
