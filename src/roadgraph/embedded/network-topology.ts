/**
 * Lookups over the road network that queries need: the (up to two) edges that run along each piece,
 * the edges around each junction (for the bearings of turn instructions), and the points of an edge
 * or a part of it in travel order.
 */
import type { RoadNetwork } from './build/road-network.js';
import { bearing } from './geo.js';
import type { LonLat } from '../road-graph.js';

export class NetworkTopology {
  /** The edge walking piece p forward / backward, -1 when the road is one-way the other way. */
  readonly pieceForward: Int32Array;
  readonly pieceBackward: Int32Array;
  private readonly outFirst: Int32Array;
  private readonly outEdge: Int32Array;
  private readonly inFirst: Int32Array;
  private readonly inEdge: Int32Array;

  constructor(readonly network: RoadNetwork) {
    const pieces = network.pieceOffset.length - 1;
    this.pieceForward = new Int32Array(pieces).fill(-1);
    this.pieceBackward = new Int32Array(pieces).fill(-1);
    for (let e = 0; e < network.edgeCount; e++) {
      if (network.edgeReversed[e]) this.pieceBackward[network.edgePiece[e]!] = e;
      else this.pieceForward[network.edgePiece[e]!] = e;
    }
    [this.outFirst, this.outEdge] = csr(network.nodeCount, network.edgeFrom);
    [this.inFirst, this.inEdge] = csr(network.nodeCount, network.edgeTo);
  }

  /** Points of edge e from `from` to `to` (fractions of its piece's length in travel direction), with the piece's cumulative offsets. */
  edgePoints(e: number, pointOffset: Float64Array, pieceLength: Float64Array, from = 0, to = 1): LonLat[] {
    const { pieceOffset, pieceLon, pieceLat, edgePiece, edgeReversed } = this.network;
    const p = edgePiece[e]!;
    const length = pieceLength[p]!;
    // Work in piece coordinates (0 = first shape point).
    const reversed = edgeReversed[e] === 1;
    const a = reversed ? 1 - from : from;
    const b = reversed ? 1 - to : to;
    const lo = Math.min(a, b) * length;
    const hi = Math.max(a, b) * length;
    const points: LonLat[] = [];
    const first = pieceOffset[p]!;
    const last = pieceOffset[p + 1]! - 1;
    const at = (offset: number): LonLat => {
      for (let i = first; i < last; i++) {
        if (pointOffset[i + 1]! >= offset) {
          const span = pointOffset[i + 1]! - pointOffset[i]!;
          const t = span > 0 ? (offset - pointOffset[i]!) / span : 0;
          return [pieceLon[i]! + t * (pieceLon[i + 1]! - pieceLon[i]!), pieceLat[i]! + t * (pieceLat[i + 1]! - pieceLat[i]!)];
        }
      }
      return [pieceLon[last]!, pieceLat[last]!];
    };
    points.push(at(lo));
    for (let i = first; i <= last; i++) if (pointOffset[i]! > lo && pointOffset[i]! < hi) points.push([pieceLon[i]!, pieceLat[i]!]);
    points.push(at(hi));
    if (a > b) points.reverse();
    return points;
  }

  /**
   * Bearings of every road at junction `node`, and whether a car may leave along each: one entry per
   * piece end touching the node.
   */
  junctionBearings(node: number): { bearings: number[]; entry: boolean[]; pieces: number[] } {
    const { network } = this;
    const seen = new Map<number, number>();
    const bearings: number[] = [];
    const entry: boolean[] = [];
    const pieces: number[] = [];
    const add = (e: number, leaving: boolean) => {
      const p = network.edgePiece[e]!;
      const key = p * 2 + (leaving === (network.edgeReversed[e] === 0) ? 0 : 1);
      let k = seen.get(key);
      if (k === undefined) {
        const { pieceOffset, pieceLon, pieceLat } = network;
        const atStart = key % 2 === 0;
        const i = atStart ? pieceOffset[p]! : pieceOffset[p + 1]! - 1;
        const j = atStart ? i + 1 : i - 1;
        k = bearings.length;
        seen.set(key, k);
        bearings.push(Math.round(bearing(pieceLon[i]!, pieceLat[i]!, pieceLon[j]!, pieceLat[j]!)));
        entry.push(false);
        pieces.push(p);
      }
      if (leaving) entry[k] = true;
    };
    for (let i = this.outFirst[node]!; i < this.outFirst[node + 1]!; i++) add(this.outEdge[i]!, true);
    for (let i = this.inFirst[node]!; i < this.inFirst[node + 1]!; i++) add(this.inEdge[i]!, false);
    return { bearings, entry, pieces };
  }
}

function csr(n: number, keys: Int32Array): [Int32Array, Int32Array] {
  const first = new Int32Array(n + 1);
  for (let e = 0; e < keys.length; e++) first[keys[e]! + 1]!++;
  for (let v = 0; v < n; v++) first[v + 1] += first[v]!;
  const fill = first.slice(0, n);
  const items = new Int32Array(keys.length);
  for (let e = 0; e < keys.length; e++) items[fill[keys[e]!]!++] = e;
  return [first, items];
}
