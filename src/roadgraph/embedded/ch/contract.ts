/**
 * Builds a contraction hierarchy: nodes are contracted in order of importance (edge difference plus
 * contracted neighbours, updated lazily); contracting v adds a shortcut u→w for every pair of
 * neighbours whose shortest path runs through v, unless a bounded witness search finds another.
 */
import type { ContractedGraph } from './contracted-graph.js';
import { MinHeap } from './min-heap.js';

const SETTLE_LIMIT_SIMULATE = 60;
const SETTLE_LIMIT_CONTRACT = 400;

export interface ContractionInput {
  nodeCount: number;
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
  distance: Float64Array;
}

export function contract(input: ContractionInput, onProgress?: (fraction: number) => void): ContractedGraph {
  const n = input.nodeCount;
  const eFrom: number[] = Array.from(input.from);
  const eTo: number[] = Array.from(input.to);
  const eWeight: number[] = Array.from(input.weight);
  const eDistance: number[] = Array.from(input.distance);
  const eChildA: number[] = new Array(eFrom.length).fill(-1);
  const eChildB: number[] = new Array(eFrom.length).fill(-1);
  const eOriginal: number[] = Array.from(eFrom.keys());
  const outEdges: number[][] = Array.from({ length: n }, () => []);
  const inEdges: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < eFrom.length; e++) {
    if (eFrom[e] === eTo[e]) continue;
    outEdges[eFrom[e]!]!.push(e);
    inEdges[eTo[e]!]!.push(e);
  }
  const contracted = new Uint8Array(n);
  const deleted = new Int32Array(n);
  const rank = new Int32Array(n);

  // Witness search state, reused across searches.
  const dist = new Float64Array(n);
  const stamp = new Int32Array(n);
  let currentStamp = 0;
  const heap = new MinHeap();

  /** Shortest distance from `source` to each target avoiding `skip`, bounded by `limit` and a settle count. */
  const witness = (source: number, skip: number, limit: number, settleLimit: number): void => {
    currentStamp++;
    heap.clear();
    dist[source] = 0;
    stamp[source] = currentStamp;
    heap.push(0, source);
    let settled = 0;
    while (heap.size > 0) {
      const key = heap.peekKey();
      const x = heap.pop();
      if (key > dist[x]!) continue;
      if (key > limit || ++settled > settleLimit) break;
      const out = outEdges[x]!;
      for (let i = 0; i < out.length; i++) {
        const e = out[i]!;
        const y = eTo[e]!;
        if (y === skip || contracted[y]) continue;
        const d = key + eWeight[e]!;
        if (stamp[y] !== currentStamp || d < dist[y]!) {
          stamp[y] = currentStamp;
          dist[y] = d;
          heap.push(d, y);
        }
      }
    }
  };
  const reached = (y: number) => (stamp[y] === currentStamp ? dist[y]! : Infinity);

  /** Visits the shortcuts contracting v needs; returns how many. */
  const shortcutsOf = (v: number, settleLimit: number, add?: (inEdge: number, outEdge: number) => void): number => {
    let count = 0;
    for (const ie of inEdges[v]!) {
      const u = eFrom[ie]!;
      if (contracted[u]) continue;
      let limit = 0;
      for (const oe of outEdges[v]!) if (!contracted[eTo[oe]!] && eTo[oe] !== u) limit = Math.max(limit, eWeight[ie]! + eWeight[oe]!);
      if (limit === 0) continue;
      witness(u, v, limit, settleLimit);
      for (const oe of outEdges[v]!) {
        const w = eTo[oe]!;
        if (contracted[w] || w === u) continue;
        const via = eWeight[ie]! + eWeight[oe]!;
        if (reached(w) <= via) continue;
        count++;
        add?.(ie, oe);
      }
    }
    return count;
  };

  const liveDegree = (v: number) => {
    let d = 0;
    for (const e of inEdges[v]!) if (!contracted[eFrom[e]!]) d++;
    for (const e of outEdges[v]!) if (!contracted[eTo[e]!]) d++;
    return d;
  };
  const priority = (v: number) => 2 * (shortcutsOf(v, SETTLE_LIMIT_SIMULATE) - liveDegree(v)) + deleted[v]!;

  const queue = new MinHeap(n);
  for (let v = 0; v < n; v++) queue.push(priority(v), v);

  const addShortcut = (ie: number, oe: number) => {
    const u = eFrom[ie]!;
    const w = eTo[oe]!;
    const weight = eWeight[ie]! + eWeight[oe]!;
    for (const e of outEdges[u]!) {
      if (eTo[e] !== w) continue;
      if (eWeight[e]! <= weight) return;
      // A longer parallel edge is replaced by the shortcut in place.
      eWeight[e] = weight;
      eDistance[e] = eDistance[ie]! + eDistance[oe]!;
      eChildA[e] = ie;
      eChildB[e] = oe;
      eOriginal[e] = -1;
      return;
    }
    const e = eFrom.length;
    eFrom.push(u);
    eTo.push(w);
    eWeight.push(weight);
    eDistance.push(eDistance[ie]! + eDistance[oe]!);
    eChildA.push(ie);
    eChildB.push(oe);
    eOriginal.push(-1);
    outEdges[u]!.push(e);
    inEdges[w]!.push(e);
  };

  let order = 0;
  while (queue.size > 0) {
    queue.peekKey();
    const v = queue.pop();
    if (contracted[v]) continue;
    // Lazy update: if v's priority grew past the next candidate, put it back.
    const current = priority(v);
    if (queue.size > 0 && current > queue.peekKey()) {
      queue.push(current, v);
      continue;
    }
    shortcutsOf(v, SETTLE_LIMIT_CONTRACT, addShortcut);
    contracted[v] = 1;
    rank[v] = order++;
    for (const e of inEdges[v]!) {
      const u = eFrom[e]!;
      if (!contracted[u]) deleted[u]!++;
    }
    for (const e of outEdges[v]!) {
      const w = eTo[e]!;
      if (!contracted[w]) deleted[w]!++;
    }
    if (onProgress && order % 1000 === 0) onProgress(order / n);
  }

  // Upward adjacency for the query: `up` at the lower-ranked tail, `down` at the lower-ranked head.
  const m = eFrom.length;
  const upCount = new Int32Array(n + 1);
  const downCount = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    if (eFrom[e] === eTo[e]) continue;
    if (rank[eFrom[e]!]! < rank[eTo[e]!]!) upCount[eFrom[e]! + 1]!++;
    else downCount[eTo[e]! + 1]!++;
  }
  for (let v = 0; v < n; v++) {
    upCount[v + 1] += upCount[v]!;
    downCount[v + 1] += downCount[v]!;
  }
  const upHead = new Int32Array(upCount[n]!);
  const upEdge = new Int32Array(upCount[n]!);
  const downTail = new Int32Array(downCount[n]!);
  const downEdge = new Int32Array(downCount[n]!);
  const upFill = upCount.slice(0, n);
  const downFill = downCount.slice(0, n);
  for (let e = 0; e < m; e++) {
    const a = eFrom[e]!;
    const b = eTo[e]!;
    if (a === b) continue;
    if (rank[a]! < rank[b]!) {
      upHead[upFill[a]!] = b;
      upEdge[upFill[a]!++] = e;
    } else {
      downTail[downFill[b]!] = a;
      downEdge[downFill[b]!++] = e;
    }
  }
  return {
    nodeCount: n,
    rank,
    edgeTail: Int32Array.from(eFrom),
    edgeHead: Int32Array.from(eTo),
    edgeWeight: Float64Array.from(eWeight),
    edgeDistance: Float64Array.from(eDistance),
    edgeChildA: Int32Array.from(eChildA),
    edgeChildB: Int32Array.from(eChildB),
    edgeOriginal: Int32Array.from(eOriginal),
    upFirst: upCount,
    upHead,
    upEdge,
    downFirst: downCount,
    downTail,
    downEdge,
  };
}
