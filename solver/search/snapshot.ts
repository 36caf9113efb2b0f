/** A copy of every route's sequence: what the search keeps as "current" and "best". */
import type { RouteSet } from './route-set.js';

export class Snapshot {
  readonly seq: Int32Array[];
  readonly size: Int32Array;

  constructor(vehicles: number, tasks: number) {
    this.seq = Array.from({ length: vehicles }, () => new Int32Array(tasks + 2));
    this.size = new Int32Array(vehicles);
  }

  /** Copies the given routes (all when `only` is absent) from the route set. */
  save(routes: RouteSet, only?: Uint8Array): void {
    for (let v = 0; v < this.size.length; v++) {
      if (only && !only[v]) continue;
      this.size[v] = routes.size[v]!;
      this.seq[v]!.set(routes.seq[v]!.subarray(0, routes.size[v]!));
    }
  }

  copyFrom(other: Snapshot): void {
    for (let v = 0; v < this.size.length; v++) {
      this.size[v] = other.size[v]!;
      this.seq[v]!.set(other.seq[v]!.subarray(0, other.size[v]!));
    }
  }

  /** Puts the saved routes back (all, or the `only` ones) and refreshes their caches. */
  restore(routes: RouteSet, only?: Uint8Array): void {
    // Empty every affected route first: a stop may move between two of them.
    for (let v = 0; v < this.size.length; v++) if (!only || only[v]) routes.setRoute(v, []);
    for (let v = 0; v < this.size.length; v++) {
      if (only && !only[v]) continue;
      routes.setRoute(v, this.seq[v]!.subarray(0, this.size[v]!));
    }
    for (let v = 0; v < this.size.length; v++) if (!only || only[v]) routes.update(v);
  }
}
