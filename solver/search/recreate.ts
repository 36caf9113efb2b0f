/**
 * Recreate step: greedy insertion with blinks (SISR). Removed requests are sorted by one of a few
 * orders, then each goes where it costs least; a small "blink" probability of skipping a route
 * diversifies the result. Empty vehicles are opened only when the fleet limit allows it.
 */
import type { Model } from '../model/model.js';
import type { Random } from '../model/random.js';
import { InsertionEvaluator, newInsertion } from './insertion.js';
import type { RouteSet } from './route-set.js';

export interface RecreateLimits {
  /** Most vehicles the solution may use. */
  maxRoutes: number;
  /** Whether an empty vehicle competes on cost with used ones (cost objective) or is a last resort (fleet first). */
  openOnCost: boolean;
  blinkRate: number;
}

export class Recreate {
  readonly evaluator: InsertionEvaluator;
  private readonly best = newInsertion();
  private readonly keys: Float64Array;

  constructor(
    private readonly model: Model,
    private readonly routes: RouteSet,
    private readonly random: Random,
  ) {
    this.evaluator = new InsertionEvaluator(model, routes);
    this.keys = new Float64Array(model.tasks);
  }

  /** Inserts the requests of `pending[0..count)`; the ones that fit nowhere are moved to its front. Returns how many stay unassigned. */
  apply(pending: Int32Array, count: number, limits: RecreateLimits, dirty: Uint8Array, hardness?: Float64Array): number {
    this.sort(pending, count, hardness);
    const { model, routes, random, best } = this;
    let used = routes.usedVehicles();
    let left = 0;
    for (let i = 0; i < count; i++) {
      const request = pending[i]!;
      best.cost = Infinity;
      best.vehicle = -1;
      for (let v = 0; v < model.vehicles; v++) {
        if (routes.size[v] === 0) continue;
        if (random.next() < limits.blinkRate) continue;
        this.evaluator.evaluate(v, request, best);
      }
      if (used < limits.maxRoutes && (best.vehicle < 0 || limits.openOnCost)) {
        for (let v = 0; v < model.vehicles; v++) if (routes.size[v] === 0) this.evaluator.evaluate(v, request, best);
      }
      if (best.vehicle < 0) {
        pending[left++] = request;
        continue;
      }
      const v = best.vehicle;
      if (routes.size[v] === 0) used++;
      routes.insertAt(v, best.position, request);
      if (best.deliveryPosition >= 0) routes.insertAt(v, best.deliveryPosition, model.sibling[request]!);
      routes.update(v);
      dirty[v] = 1;
    }
    return left;
  }

  /**
   * SISR's orders: random, largest demand, farthest from the depots, closest (weights 4:4:2:1); with
   * `hardness` (fleet minimisation's absence counts), half the time the most often left-out first.
   */
  private sort(pending: Int32Array, count: number, hardness?: Float64Array): void {
    const { model, random, keys } = this;
    const draw = hardness && random.next() < 0.5 ? -1 : random.int(11);
    for (let i = 0; i < count; i++) {
      const t = pending[i]!;
      if (draw < 0) keys[t] = -hardness![t]! - random.next() * 0.5;
      else if (draw < 4) keys[t] = random.next();
      else if (draw < 8) {
        let demand = 0;
        for (let d = 0; d < model.dims; d++) demand += model.startLoad[t * model.dims + d]! + Math.abs(model.delta[t * model.dims + d]!);
        keys[t] = -demand;
      } else {
        const depot = model.vStart[0]! >= 0 ? model.vStart[0]! : model.vEnd[0]!;
        const far = depot >= 0 ? model.vCost[0]![depot * model.locations + model.loc[t]!]! : 0;
        keys[t] = draw < 10 ? -far : far;
      }
    }
    const view = pending.subarray(0, count);
    view.sort((a, b) => keys[a]! - keys[b]!);
  }
}
