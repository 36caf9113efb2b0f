/**
 * Queries on a contraction hierarchy. Both directions only climb ranks: point-to-point runs the two
 * searches alternately and stops when neither can improve the best meeting; many-to-many runs one
 * backward search per target, leaves (target, cost) in buckets at the nodes it settles, then one
 * forward search per source that scans those buckets (Knopp et al.'s bucket method).
 * A query starts from seeds: nodes with an initial cost (a snapped point lies inside an edge).
 */
import type { ContractedGraph } from './contracted-graph.js';
import { MinHeap } from './min-heap.js';

export interface Seed {
  node: number;
  duration: number;
  distance: number;
}

class Search {
  readonly duration: Float64Array;
  readonly distance: Float64Array;
  readonly parentEdge: Int32Array;
  readonly stamp: Int32Array;
  readonly settledList: number[] = [];
  current = 0;
  readonly heap = new MinHeap();

  constructor(n: number) {
    this.duration = new Float64Array(n);
    this.distance = new Float64Array(n);
    this.parentEdge = new Int32Array(n);
    this.stamp = new Int32Array(n);
  }

  reset(seeds: Seed[]): void {
    this.current++;
    this.heap.clear();
    this.settledList.length = 0;
    for (const s of seeds) this.offer(s.node, s.duration, s.distance, -1);
  }

  has(x: number): boolean {
    return this.stamp[x] === this.current;
  }

  offer(x: number, duration: number, distance: number, edge: number): void {
    if (this.stamp[x] !== this.current || duration < this.duration[x]!) {
      this.stamp[x] = this.current;
      this.duration[x] = duration;
      this.distance[x] = distance;
      this.parentEdge[x] = edge;
      this.heap.push(duration, x);
    }
  }

  /** Pops the next settled node, or -1 when the heap holds only stale entries. */
  next(): number {
    while (this.heap.size > 0) {
      const key = this.heap.peekKey();
      const x = this.heap.pop();
      if (key === this.duration[x] && this.stamp[x] === this.current) return x;
    }
    return -1;
  }
}

export interface PathResult {
  duration: number;
  distance: number;
  /** CH edges from the source seed's node to the meeting node, then to the target seed's node. */
  edges: number[];
  sourceNode: number;
  targetNode: number;
}

/** Tables up to this many source-target pairs are answered by point-to-point searches. */
const PAIRWISE_MAX = 4;

export class ChQuery {
  private readonly forward: Search;
  private readonly backward: Search;

  constructor(private readonly graph: ContractedGraph) {
    this.forward = new Search(graph.nodeCount);
    this.backward = new Search(graph.nodeCount);
  }

  private relaxUp(search: Search, x: number): void {
    const g = this.graph;
    const d = search.duration[x]!;
    const m = search.distance[x]!;
    for (let i = g.upFirst[x]!; i < g.upFirst[x + 1]!; i++) {
      const e = g.upEdge[i]!;
      search.offer(g.upHead[i]!, d + g.edgeWeight[e]!, m + g.edgeDistance[e]!, e);
    }
  }

  private relaxDown(search: Search, x: number): void {
    const g = this.graph;
    const d = search.duration[x]!;
    const m = search.distance[x]!;
    for (let i = g.downFirst[x]!; i < g.downFirst[x + 1]!; i++) {
      const e = g.downEdge[i]!;
      search.offer(g.downTail[i]!, d + g.edgeWeight[e]!, m + g.edgeDistance[e]!, e);
    }
  }

  /** The fastest path between seed sets, or undefined when none exists. */
  shortestPath(sources: Seed[], targets: Seed[]): PathResult | undefined {
    const f = this.forward;
    const b = this.backward;
    f.reset(sources);
    b.reset(targets);
    let best = Infinity;
    let meet = -1;
    let forwardDone = false;
    let backwardDone = false;
    while (!forwardDone || !backwardDone) {
      const useForward = !forwardDone && (backwardDone || f.heap.peekKey() <= b.heap.peekKey());
      const search = useForward ? f : b;
      const other = useForward ? b : f;
      if (search.heap.peekKey() >= best) {
        if (useForward) forwardDone = true;
        else backwardDone = true;
        continue;
      }
      const x = search.next();
      if (x < 0) {
        if (useForward) forwardDone = true;
        else backwardDone = true;
        continue;
      }
      if (other.has(x)) {
        const total = f.duration[x]! + b.duration[x]!;
        if (total < best) {
          best = total;
          meet = x;
        }
      }
      if (useForward) this.relaxUp(f, x);
      else this.relaxDown(b, x);
    }
    if (meet < 0) return undefined;
    // Edges back from the meeting node to the source, then forward to the target.
    const up: number[] = [];
    let x = meet;
    while (f.parentEdge[x]! >= 0) {
      const e = f.parentEdge[x]!;
      up.push(e);
      x = this.tailOf(e, true);
    }
    const sourceNode = x;
    up.reverse();
    x = meet;
    while (b.parentEdge[x]! >= 0) {
      const e = b.parentEdge[x]!;
      up.push(e);
      x = this.tailOf(e, false);
    }
    return { duration: best, distance: f.distance[meet]! + b.distance[meet]!, edges: up, sourceNode, targetNode: x };
  }

  /** The other end of CH edge e: its tail when walking back a forward search, its head for a backward one. */
  private tailOf(e: number, forward: boolean): number {
    return forward ? this.graph.edgeTail[e]! : this.graph.edgeHead[e]!;
  }

  /**
   * Durations and distances from every source seed set to every target seed set (Infinity when
   * unreachable), row-major: result[i * targets.length + j].
   */
  manyToMany(sources: Seed[][], targets: Seed[][]): { durations: Float64Array; distances: Float64Array } {
    const T = targets.length;
    const durations = new Float64Array(sources.length * T).fill(Infinity);
    const distances = new Float64Array(sources.length * T).fill(Infinity);
    // The buckets cost two arrays the size of the graph; a handful of pairs (the ETA engine's
    // position → next stop, at thousands a second) is cheaper as point-to-point searches.
    if (sources.length * T <= PAIRWISE_MAX) {
      for (let i = 0; i < sources.length; i++) {
        for (let j = 0; j < T; j++) {
          const path = this.shortestPath(sources[i]!, targets[j]!);
          if (path) {
            durations[i * T + j] = path.duration;
            distances[i * T + j] = path.distance;
          }
        }
      }
      return { durations, distances };
    }
    // Backward searches fill the buckets: (node, target, duration, distance).
    const bucketNode: number[] = [];
    const bucketTarget: number[] = [];
    const bucketDuration: number[] = [];
    const bucketDistance: number[] = [];
    const b = this.backward;
    for (let j = 0; j < T; j++) {
      b.reset(targets[j]!);
      for (let x = b.next(); x >= 0; x = b.next()) {
        bucketNode.push(x);
        bucketTarget.push(j);
        bucketDuration.push(b.duration[x]!);
        bucketDistance.push(b.distance[x]!);
        this.relaxDown(b, x);
      }
    }
    // Buckets as CSR by node.
    const n = this.graph.nodeCount;
    const first = new Int32Array(n + 1);
    for (const x of bucketNode) first[x + 1]!++;
    for (let v = 0; v < n; v++) first[v + 1] += first[v]!;
    const fill = first.slice(0, n);
    const entryTarget = new Int32Array(bucketNode.length);
    const entryDuration = new Float64Array(bucketNode.length);
    const entryDistance = new Float64Array(bucketNode.length);
    for (let k = 0; k < bucketNode.length; k++) {
      const at = fill[bucketNode[k]!]!++;
      entryTarget[at] = bucketTarget[k]!;
      entryDuration[at] = bucketDuration[k]!;
      entryDistance[at] = bucketDistance[k]!;
    }
    const f = this.forward;
    for (let i = 0; i < sources.length; i++) {
      f.reset(sources[i]!);
      const row = i * T;
      for (let x = f.next(); x >= 0; x = f.next()) {
        const dx = f.duration[x]!;
        const mx = f.distance[x]!;
        for (let k = first[x]!; k < first[x + 1]!; k++) {
          const cell = row + entryTarget[k]!;
          const d = dx + entryDuration[k]!;
          if (d < durations[cell]!) {
            durations[cell] = d;
            distances[cell] = mx + entryDistance[k]!;
          }
        }
        this.relaxUp(f, x);
      }
    }
    return { durations, distances };
  }
}
