/**
 * Cheapest feasible insertion of one request (a job, or a shipment's pickup and delivery) into one
 * route. A job position is checked in O(1) from the route's cached schedule: exact times at the new
 * stop and its successor, then the successor's successor against its latest feasible arrival.
 * A shipment walks the stops between its pickup and delivery once per pickup position.
 */
import { windowedStart, type Model } from '../model/model.js';
import type { RouteSet } from './route-set.js';

/** The best insertion found so far (reused across calls: no allocation per evaluation). */
export interface Insertion {
  cost: number;
  vehicle: number;
  /** Position the task (or pickup) is inserted at, 0-based in the sequence. */
  position: number;
  /** For shipments: position of the delivery in the sequence after the pickup was inserted. */
  deliveryPosition: number;
}

export const newInsertion = (): Insertion => ({ cost: Infinity, vehicle: -1, position: -1, deliveryPosition: -1 });

export class InsertionEvaluator {
  /** Positions evaluated, for the moves-per-second figure of the benchmarks. */
  evaluations = 0;

  constructor(
    private readonly model: Model,
    private readonly routes: RouteSet,
  ) {}

  /** Updates `best` when inserting request `task` into vehicle v is feasible and cheaper than `best.cost`. */
  evaluate(v: number, task: number, best: Insertion): void {
    const model = this.model;
    if (!model.compatible[v * model.tasks + task]) return;
    if (model.sibling[task] >= 0) this.evaluateShipment(v, task, model.sibling[task]!, best);
    else this.evaluateJob(v, task, best);
  }

  private capacityFits(v: number, task: number, k: number, m: number): boolean {
    const { dims, vCapacity, startLoad, delta } = this.model;
    if (dims === 0) return true;
    const load = this.routes.load[v]!;
    const prefMax = this.routes.prefMax[v]!;
    const sufMax = this.routes.sufMax[v]!;
    for (let d = 0; d < dims; d++) {
      const cap = vCapacity[v * dims + d]!;
      const carried = startLoad[task * dims + d]!;
      const picked = carried + delta[task * dims + d]!;
      if (prefMax[k * dims + d]! + carried > cap) return false;
      if (load[k * dims + d]! + picked > cap) return false;
      if (k < m && sufMax[(k + 1) * dims + d]! + picked > cap) return false;
    }
    return true;
  }

  /**
   * Whether the stops from sequence position `k` on (1-based route position k + 1) stay feasible when
   * the vehicle leaves location `fromLoc` at `time`: the next stop is recomputed exactly (its setup may
   * change with its predecessor), the one after it is compared with its latest arrival.
   */
  private restFits(v: number, fromLoc: number, time: number, k: number): boolean {
    const model = this.model;
    const routes = this.routes;
    const m = routes.size[v]!;
    const L = model.locations;
    const dur = model.vDur[v]!;
    if (k >= m) {
      const end = model.vEnd[v]!;
      return time + (end >= 0 ? dur[fromLoc * L + end]! : 0) <= model.vShiftEnd[v]!;
    }
    const next = routes.seq[v]![k]!;
    const nextLoc = model.loc[next]!;
    const s = windowedStart(model, next, time + dur[fromLoc * L + nextLoc]!);
    if (!(s === s)) return false;
    const leave = s + (fromLoc !== nextLoc ? model.setup[next]! : 0) + model.service[next]!;
    const after = routes.locationAt(v, k + 2);
    return leave + (after >= 0 ? dur[nextLoc * L + after]! : 0) <= routes.latest[v]![k + 2]!;
  }

  private evaluateJob(v: number, task: number, best: Insertion): void {
    const model = this.model;
    const routes = this.routes;
    const m = routes.size[v]!;
    if (m + 1 > model.vMaxTasks[v]!) return;
    const L = model.locations;
    const dur = model.vDur[v]!;
    const dist = model.vDist[v]!;
    const cost = model.vCost[v]!;
    const u = model.loc[task]!;
    const dep = routes.dep[v]!;
    const fixed = m === 0 ? model.vFixed[v]! : 0;
    for (let k = routes.locked[v]!; k <= m; k++) {
      this.evaluations++;
      const a = routes.locationAt(v, k);
      const b = routes.locationAt(v, k + 1);
      const added = (a >= 0 ? cost[a * L + u]! : 0) + (b >= 0 ? cost[u * L + b]! : 0) - (a >= 0 && b >= 0 ? cost[a * L + b]! : 0) + fixed;
      if (added >= best.cost) continue;
      const s = windowedStart(model, task, dep[k]! + (a >= 0 ? dur[a * L + u]! : 0));
      if (!(s === s)) continue;
      const leave = s + (a !== u ? model.setup[task]! : 0) + model.service[task]!;
      if (!this.restFits(v, u, leave, k)) continue;
      if (!this.capacityFits(v, task, k, m)) continue;
      if (!this.totalsFit(v, a, u, b, dur, dist)) continue;
      best.cost = added;
      best.vehicle = v;
      best.position = k;
      best.deliveryPosition = -1;
    }
  }

  private totalsFit(v: number, a: number, u: number, b: number, dur: Float64Array, dist: Float64Array): boolean {
    const model = this.model;
    const L = model.locations;
    if (model.vMaxTravel[v]! !== Infinity) {
      const extra = (a >= 0 ? dur[a * L + u]! : 0) + (b >= 0 ? dur[u * L + b]! : 0) - (a >= 0 && b >= 0 ? dur[a * L + b]! : 0);
      if (this.routes.travel[v]! + extra > model.vMaxTravel[v]!) return false;
    }
    if (model.vMaxDistance[v]! !== Infinity) {
      const extra = (a >= 0 ? dist[a * L + u]! : 0) + (b >= 0 ? dist[u * L + b]! : 0) - (a >= 0 && b >= 0 ? dist[a * L + b]! : 0);
      if (this.routes.distance[v]! + extra > model.vMaxDistance[v]!) return false;
    }
    return true;
  }

  private evaluateShipment(v: number, pickup: number, delivery: number, best: Insertion): void {
    const model = this.model;
    const routes = this.routes;
    const m = routes.size[v]!;
    if (m + 2 > model.vMaxTasks[v]!) return;
    const { dims, locations: L } = model;
    const dur = model.vDur[v]!;
    const cost = model.vCost[v]!;
    const seq = routes.seq[v]!;
    const dep = routes.dep[v]!;
    const load = routes.load[v]!;
    const latest = routes.latest[v]!;
    const P = model.loc[pickup]!;
    const D = model.loc[delivery]!;
    const fixed = m === 0 ? model.vFixed[v]! : 0;
    const maxRide = model.maxRide[pickup]!;
    const travelLimited = model.vMaxTravel[v]! !== Infinity || model.vMaxDistance[v]! !== Infinity;

    for (let k = routes.locked[v]!; k <= m; k++) {
      const a = routes.locationAt(v, k);
      const b = routes.locationAt(v, k + 1);
      const pickupCost = (a >= 0 ? cost[a * L + P]! : 0) + fixed;
      if (pickupCost >= best.cost) continue;
      // The load between pickup and delivery grows by the amount: check at the pickup itself.
      let fits = true;
      for (let d = 0; d < dims; d++) if (load[k * dims + d]! + model.delta[pickup * dims + d]! > model.vCapacity[v * dims + d]!) fits = false;
      if (!fits) continue;
      const sP = windowedStart(model, pickup, dep[k]! + (a >= 0 ? dur[a * L + P]! : 0));
      if (!(sP === sP)) continue;
      const leaveP = sP + (a !== P ? model.setup[pickup]! : 0) + model.service[pickup]!;

      // Delivery right after the pickup.
      {
        this.evaluations++;
        const added = pickupCost + cost[P * L + D]! + (b >= 0 ? cost[D * L + b]! : 0) - (a >= 0 && b >= 0 ? cost[a * L + b]! : 0);
        if (added < best.cost) {
          const sD = windowedStart(model, delivery, leaveP + dur[P * L + D]!);
          if (sD === sD && sD - leaveP <= maxRide) {
            const leaveD = sD + (P !== D ? model.setup[delivery]! : 0) + model.service[delivery]!;
            if (this.restFits(v, D, leaveD, k) && (!travelLimited || this.pairTotalsFit(v, a, b, -1, -1, P, D))) {
              best.cost = added;
              best.vehicle = v;
              best.position = k;
              best.deliveryPosition = k + 1;
            }
          }
        }
      }

      // Delivery later: walk the stops after the pickup with their shifted times.
      const pickupArcs = pickupCost + (b >= 0 ? cost[P * L + b]! : 0) - (a >= 0 && b >= 0 ? cost[a * L + b]! : 0);
      let time = leaveP;
      let prevLoc = P;
      for (let j = k; j < m; j++) {
        const t = seq[j]!;
        const here = model.loc[t]!;
        const arrival = time + dur[prevLoc * L + here]!;
        if (arrival > latest[j + 1]!) break;
        const s = windowedStart(model, t, arrival);
        if (!(s === s)) break;
        time = s + (prevLoc !== here ? model.setup[t]! : 0) + model.service[t]!;
        prevLoc = here;
        let loadFits = true;
        for (let d = 0; d < dims; d++) if (load[(j + 1) * dims + d]! + model.delta[pickup * dims + d]! > model.vCapacity[v * dims + d]!) loadFits = false;
        if (!loadFits) break;
        this.evaluations++;
        const next = routes.locationAt(v, j + 2);
        const added = pickupArcs + cost[here * L + D]! + (next >= 0 ? cost[D * L + next]! : 0) - (next >= 0 ? cost[here * L + next]! : 0);
        if (added >= best.cost) continue;
        const sD = windowedStart(model, delivery, time + dur[here * L + D]!);
        if (!(sD === sD)) continue;
        if (sD - leaveP > maxRide) break;
        const leaveD = sD + (here !== D ? model.setup[delivery]! : 0) + model.service[delivery]!;
        if (!this.restFits(v, D, leaveD, j + 1)) continue;
        if (travelLimited && !this.pairTotalsFit(v, a, b, here, next, P, D)) continue;
        best.cost = added;
        best.vehicle = v;
        best.position = k;
        best.deliveryPosition = j + 2;
      }
    }
  }

  /** Travel time and distance limits for a pickup between a and b and a delivery between x and y (x = -1: right after the pickup). */
  private pairTotalsFit(v: number, a: number, b: number, x: number, y: number, P: number, D: number): boolean {
    const model = this.model;
    const L = model.locations;
    const extra = (m: Float64Array) => {
      const arc = (i: number, j: number) => (i >= 0 && j >= 0 ? m[i * L + j]! : 0);
      if (x < 0) return arc(a, P) + arc(P, D) + arc(D, b) - arc(a, b);
      return arc(a, P) + arc(P, b) - arc(a, b) + arc(x, D) + arc(D, y) - arc(x, y);
    };
    if (this.routes.travel[v]! + extra(model.vDur[v]!) > model.vMaxTravel[v]!) return false;
    if (this.routes.distance[v]! + extra(model.vDist[v]!) > model.vMaxDistance[v]!) return false;
    return true;
  }
}
