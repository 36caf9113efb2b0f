/**
 * Ruin step of the search: SISR-style string removal (Christiaens & Vanden Berghe, 2020). A few
 * strings of consecutive stops are cut from routes that lie close to a random seed stop, which
 * frees the slack a better arrangement needs. Shipments leave with both halves.
 */
import type { Model } from '../model/model.js';
import type { Random } from '../model/random.js';
import type { RouteSet } from './route-set.js';

export interface RuinParameters {
  /** Average number of stops removed. */
  averageRemoved: number;
  /** Longest string cut from one route. */
  maxStringLength: number;
}

export class Ruin {
  private readonly touched: Uint8Array;

  constructor(
    private readonly model: Model,
    private readonly routes: RouteSet,
    private readonly random: Random,
  ) {
    this.touched = new Uint8Array(model.vehicles);
  }

  /** Removes strings; appends the removed requests (jobs and pickups) to `removed`, returns the new count, marks changed routes in `dirty`. */
  apply(parameters: RuinParameters, removed: Int32Array, count: number, dirty: Uint8Array): number {
    const { model, routes, random } = this;
    let served = 0;
    let used = 0;
    for (let v = 0; v < model.vehicles; v++) {
      if (routes.size[v]! > routes.locked[v]!) {
        served += routes.size[v]! - routes.locked[v]!;
        used++;
      }
    }
    if (served === 0) return count;
    const maxLength = Math.min(parameters.maxStringLength, served / used);
    const maxStrings = (4 * parameters.averageRemoved) / (1 + maxLength) - 1;
    const strings = Math.floor(random.next() * Math.max(1, maxStrings)) + 1;

    let seed = random.int(model.tasks);
    for (let tries = 0; tries < model.tasks && !this.removable(seed); tries++) seed = (seed + 1) % model.tasks;
    if (!this.removable(seed)) return count;

    this.touched.fill(0);
    let ruined = 0;
    const K = model.neighbourCount;
    for (let i = -1; i < K && ruined < strings; i++) {
      const c = i < 0 ? seed : model.neighbours[seed * K + i]!;
      const v = routes.routeOf[c]!;
      if (v < 0 || this.touched[v] || !this.removable(c)) continue;
      this.touched[v] = 1;
      dirty[v] = 1;
      ruined++;
      const free = routes.size[v]! - routes.locked[v]!;
      const length = Math.floor(random.next() * Math.min(maxLength, free)) + 1;
      count = this.removeString(v, c, length, removed, count);
      routes.update(v);
    }
    return count;
  }

  private removable(task: number): boolean {
    const v = this.routes.routeOf[task]!;
    if (v < 0) return false;
    return this.positionOf(v, task) >= this.routes.locked[v]!;
  }

  private positionOf(v: number, task: number): number {
    const seq = this.routes.seq[v]!;
    for (let k = 0; k < this.routes.size[v]!; k++) if (seq[k] === task) return k;
    return -1;
  }

  /** Removes `length` consecutive stops around `task` (clipped to the unlocked part of the route). */
  private removeString(v: number, task: number, length: number, removed: Int32Array, count: number): number {
    const { model, routes, random } = this;
    const locked = routes.locked[v]!;
    const at = this.positionOf(v, task);
    const lowest = Math.max(locked, at - length + 1);
    const highest = Math.min(at, routes.size[v]! - length);
    const first = lowest + random.int(Math.max(1, highest - lowest + 1));
    const picked: number[] = [];
    for (let k = first; k < first + length && k < routes.size[v]!; k++) picked.push(routes.seq[v]![k]!);
    for (const t of picked) {
      if (routes.routeOf[t] !== v) continue; // already left with its sibling
      const request = model.kind[t] === 2 ? model.sibling[t]! : t;
      // A delivery whose pickup is locked (already picked up) stays on its vehicle.
      if (!this.removable(request) || (model.sibling[request]! >= 0 && !this.removable(model.sibling[request]!))) continue;
      this.removeTask(v, request);
      if (model.sibling[request]! >= 0) this.removeTask(v, model.sibling[request]!);
      removed[count++] = request;
    }
    return count;
  }

  private removeTask(v: number, task: number): void {
    const k = this.positionOf(v, task);
    if (k >= 0) this.routes.removeAt(v, k);
  }
}
