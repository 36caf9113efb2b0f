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
  /** Every edge along each piece and direction (key piece * 2 + reversed): the original first, then its turn-restriction copies. */
  private readonly alongFirst: Int32Array;
  private readonly alongEdge: Int32Array;
  /** The nodes standing for each junction (itself and its turn-restriction copies). */
  private readonly copiesFirst: Int32Array;
  private readonly copies: Int32Array;

  constructor(readonly network: RoadNetwork) {
    const pieces = network.pieceOffset.length - 1;
    this.pieceForward = new Int32Array(pieces);
    this.pieceBackward = new Int32Array(pieces);
    [this.outFirst, this.outEdge] = csr(network.nodeCount, network.edgeFrom);
    [this.inFirst, this.inEdge] = csr(network.nodeCount, network.edgeTo);
    [this.copiesFirst, this.copies] = csr(network.nodeCount, network.nodeOrigin);
    [this.alongFirst, this.alongEdge] = csr(pieces * 2, Int32Array.from(network.edgePiece, (p, e) => p * 2 + network.edgeReversed[e]!));
    // The first edge along a piece (lowest index) is the original; turn-restriction copies come after it.
    for (let p = 0; p < pieces; p++) {
      this.pieceForward[p] = this.edgesAlong(p, false)[0] ?? -1;
      this.pieceBackward[p] = this.edgesAlong(p, true)[0] ?? -1;
    }
  }

  /**
   * The edges walking piece p in one direction: the original and, where a turn restriction split the
   * junction it leaves, copies leaving the junction's copies (same piece, same cost).
   */
  edgesAlong(p: number, reversed: boolean): Int32Array {
    const key = p * 2 + (reversed ? 1 : 0);
    return this.alongEdge.subarray(this.alongFirst[key]!, this.alongFirst[key + 1]!);
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
   * Bearings of every road at the junction of `node`, and whether a car at `node` may leave along
   * each: one entry per piece end touching the junction. A turn-restriction copy of a junction sees
   * all of its roads, with the forbidden exits not enterable (as OSRM shows them).
   */
  junctionBearings(node: number): { bearings: number[]; entry: boolean[]; pieces: number[] } {
    const { network } = this;
    const seen = new Map<number, number>();
    const bearings: number[] = [];
    const entry: boolean[] = [];
    const pieces: number[] = [];
    const add = (e: number, leaving: boolean, enterable: boolean) => {
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
      if (enterable) entry[k] = true;
    };
    const junction = network.nodeOrigin[node]!;
    for (let c = this.copiesFirst[junction]!; c < this.copiesFirst[junction + 1]!; c++) {
      const n = this.copies[c]!;
      for (let i = this.outFirst[n]!; i < this.outFirst[n + 1]!; i++) add(this.outEdge[i]!, true, n === node);
      for (let i = this.inFirst[n]!; i < this.inFirst[n + 1]!; i++) add(this.inEdge[i]!, false, false);
    }
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
