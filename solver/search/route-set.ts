/**
 * The routes under search, one per vehicle, with what makes an insertion check O(1) per position:
 * earliest departures (forward), latest feasible arrivals (backward, over multiple windows), loads
 * after each stop with prefix/suffix maxima, and route totals. Arrays are allocated once; updating
 * a route rewrites them in place.
 */
import { latestArrival, windowedStart, type Model } from '../model/model.js';

export class RouteSet {
  readonly seq: Int32Array[];
  readonly size: Int32Array;
  /** Task → vehicle, -1 when unassigned. */
  readonly routeOf: Int32Array;
  /** Leading tasks of a route that are locked (done or in progress) and never move. */
  readonly locked: Int32Array;
  /** dep[v][k]: departure from position k (0 = start, 1..m = tasks). */
  readonly dep: Float64Array[];
  /** start[v][k]: service start at position k (1..m). */
  readonly start: Float64Array[];
  /** latest[v][k]: latest arrival at position k (1..m) or at the end (m + 1) keeping the rest feasible. */
  readonly latest: Float64Array[];
  /** load[v][k * dims + d]: load after position k (0 = leaving the start). */
  readonly load: Float64Array[];
  readonly prefMax: Float64Array[];
  readonly sufMax: Float64Array[];
  readonly travel: Float64Array;
  readonly distance: Float64Array;
  /** Arc costs plus the fixed cost of a used vehicle. */
  readonly cost: Float64Array;

  constructor(readonly model: Model) {
    const { vehicles: V, tasks: T, dims } = model;
    const cap = T + 2;
    this.seq = Array.from({ length: V }, () => new Int32Array(cap));
    this.size = new Int32Array(V);
    this.routeOf = new Int32Array(T).fill(-1);
    this.locked = new Int32Array(V);
    this.dep = Array.from({ length: V }, () => new Float64Array(cap));
    this.start = Array.from({ length: V }, () => new Float64Array(cap));
    this.latest = Array.from({ length: V }, () => new Float64Array(cap));
    this.load = Array.from({ length: V }, () => new Float64Array(cap * Math.max(1, dims)));
    this.prefMax = Array.from({ length: V }, () => new Float64Array(cap * Math.max(1, dims)));
    this.sufMax = Array.from({ length: V }, () => new Float64Array(cap * Math.max(1, dims)));
    this.travel = new Float64Array(V);
    this.distance = new Float64Array(V);
    this.cost = new Float64Array(V);
    for (let v = 0; v < V; v++) this.update(v);
  }

  /** Location of position k of route v (0 = start, m + 1 = end); -1 where the vehicle has no start or end. */
  locationAt(v: number, k: number): number {
    const m = this.size[v]!;
    if (k === 0) return this.model.vStart[v]!;
    if (k === m + 1) return this.model.vEnd[v]!;
    return this.model.loc[this.seq[v]![k - 1]!]!;
  }

  usedVehicles(): number {
    let used = 0;
    for (let v = 0; v < this.model.vehicles; v++) if (this.size[v]! > 0) used++;
    return used;
  }

  totalCost(): number {
    let total = 0;
    for (let v = 0; v < this.model.vehicles; v++) total += this.cost[v]!;
    return total;
  }

  insertAt(v: number, position: number, task: number): void {
    const seq = this.seq[v]!;
    seq.copyWithin(position + 1, position, this.size[v]!);
    seq[position] = task;
    this.size[v]!++;
    this.routeOf[task] = v;
  }

  removeAt(v: number, position: number): number {
    const seq = this.seq[v]!;
    const task = seq[position]!;
    seq.copyWithin(position, position + 1, this.size[v]!);
    this.size[v]!--;
    this.routeOf[task] = -1;
    return task;
  }

  setRoute(v: number, tasks: ArrayLike<number>): void {
    for (let k = 0; k < this.size[v]!; k++) this.routeOf[this.seq[v]![k]!] = -1;
    this.seq[v]!.set(tasks);
    this.size[v] = tasks.length;
    for (let k = 0; k < tasks.length; k++) this.routeOf[tasks[k]!] = v;
  }

  /** Recomputes route v's schedule, loads and totals after its sequence changed. */
  update(v: number): void {
    const model = this.model;
    const { dims, loc, setup, service } = model;
    const seq = this.seq[v]!;
    const m = this.size[v]!;
    const dur = model.vDur[v]!;
    const dist = model.vDist[v]!;
    const cost = model.vCost[v]!;
    const L = model.locations;
    const dep = this.dep[v]!;
    const start = this.start[v]!;
    const latest = this.latest[v]!;

    // Forward: earliest schedule, travel totals.
    let prev = model.vStart[v]!;
    let time = model.vShiftStart[v]!;
    dep[0] = time;
    let travel = 0;
    let distance = 0;
    let arcCost = 0;
    for (let k = 1; k <= m; k++) {
      const t = seq[k - 1]!;
      const here = loc[t]!;
      if (prev >= 0) {
        travel += dur[prev * L + here]!;
        distance += dist[prev * L + here]!;
        arcCost += cost[prev * L + here]!;
        time += dur[prev * L + here]!;
      }
      const s = windowedStart(model, t, time);
      start[k] = s;
      time = s + (prev !== here ? setup[t]! : 0) + service[t]!;
      dep[k] = time;
      prev = here;
    }
    const end = model.vEnd[v]!;
    if (m > 0 && end >= 0) {
      travel += dur[prev * L + end]!;
      distance += dist[prev * L + end]!;
      arcCost += cost[prev * L + end]!;
    }
    this.travel[v] = travel;
    this.distance[v] = distance;
    this.cost[v] = m > 0 ? arcCost + model.vFixed[v]! : 0;

    // Backward: latest arrivals.
    let next = end;
    let latestNext = model.vShiftEnd[v]!;
    latest[m + 1] = latestNext;
    for (let k = m; k >= 1; k--) {
      const t = seq[k - 1]!;
      const here = loc[t]!;
      const before = k === 1 ? model.vStart[v]! : loc[seq[k - 2]!]!;
      const leave = latestNext - (next >= 0 ? dur[here * L + next]! : 0) - service[t]! - (before !== here ? setup[t]! : 0);
      latestNext = latestArrival(model, t, leave);
      latest[k] = latestNext;
      next = here;
    }

    // Loads: the vehicle leaves with every job delivery on board.
    if (dims > 0) {
      const load = this.load[v]!;
      const prefMax = this.prefMax[v]!;
      const sufMax = this.sufMax[v]!;
      for (let d = 0; d < dims; d++) load[d] = 0;
      for (let k = 1; k <= m; k++) {
        const t = seq[k - 1]!;
        for (let d = 0; d < dims; d++) load[d] += model.startLoad[t * dims + d]!;
      }
      for (let k = 1; k <= m; k++) {
        const t = seq[k - 1]!;
        for (let d = 0; d < dims; d++) load[k * dims + d] = load[(k - 1) * dims + d]! + model.delta[t * dims + d]!;
      }
      for (let d = 0; d < dims; d++) prefMax[d] = load[d]!;
      for (let k = 1; k <= m; k++) for (let d = 0; d < dims; d++) prefMax[k * dims + d] = Math.max(prefMax[(k - 1) * dims + d]!, load[k * dims + d]!);
      for (let d = 0; d < dims; d++) sufMax[m * dims + d] = load[m * dims + d]!;
      for (let k = m - 1; k >= 0; k--) for (let d = 0; d < dims; d++) sufMax[k * dims + d] = Math.max(sufMax[(k + 1) * dims + d]!, load[k * dims + d]!);
    }
  }

  /** A route is feasible when every start exists and the start of the route keeps the rest on time. */
  isFeasible(v: number): boolean {
    const m = this.size[v]!;
    const model = this.model;
    for (let k = 1; k <= m; k++) if (Number.isNaN(this.start[v]![k]!)) return false;
    if (m > 0 && this.dep[v]![m]! + (model.vEnd[v]! >= 0 ? model.vDur[v]![this.locationAt(v, m) * model.locations + model.vEnd[v]!]! : 0) > model.vShiftEnd[v]!) return false;
    return true;
  }
}
