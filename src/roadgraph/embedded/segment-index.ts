/**
 * Snapping: a spatial index over every shape segment of the network, so a coordinate lands on the
 * nearest point of the nearest road segment (not merely the nearest junction). Candidates come from
 * the index by planar distance in degrees, then are ranked by true distance in metres.
 */
import Flatbush from 'flatbush';
import type { RoadNetwork } from './build/road-network.js';
import { haversine, projectOnSegment } from './geo.js';

export interface SnappedPoint {
  lon: number;
  lat: number;
  /** Metres from the input coordinate. */
  distance: number;
  piece: number;
  /** Fraction of the piece's length from its first shape point. */
  fraction: number;
  /** Index of the shape segment within the piece (its first point's offset). */
  segment: number;
}

export class SegmentIndex {
  private readonly index: Flatbush;
  /** Global index of each segment's first shape point. */
  private readonly segmentStart: Int32Array;
  private readonly segmentPiece: Int32Array;
  /** Cumulative length (m) along each piece at each shape point. */
  readonly pointOffset: Float64Array;
  readonly pieceLength: Float64Array;

  constructor(private readonly network: RoadNetwork) {
    const { pieceOffset, pieceLon, pieceLat } = network;
    const pieces = pieceOffset.length - 1;
    const count = pieceLon.length - pieces;
    this.segmentStart = new Int32Array(count);
    this.segmentPiece = new Int32Array(count);
    this.pointOffset = new Float64Array(pieceLon.length);
    this.pieceLength = new Float64Array(pieces);
    this.index = new Flatbush(Math.max(1, count));
    let s = 0;
    for (let p = 0; p < pieces; p++) {
      let along = 0;
      for (let i = pieceOffset[p]!; i < pieceOffset[p + 1]! - 1; i++) {
        this.pointOffset[i] = along;
        along += haversine(pieceLon[i]!, pieceLat[i]!, pieceLon[i + 1]!, pieceLat[i + 1]!);
        this.segmentStart[s] = i;
        this.segmentPiece[s] = p;
        this.index.add(Math.min(pieceLon[i]!, pieceLon[i + 1]!), Math.min(pieceLat[i]!, pieceLat[i + 1]!), Math.max(pieceLon[i]!, pieceLon[i + 1]!), Math.max(pieceLat[i]!, pieceLat[i + 1]!));
        s++;
      }
      this.pointOffset[pieceOffset[p + 1]! - 1] = along;
      this.pieceLength[p] = along;
    }
    if (count === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  /** The nearest road point within `maxDistance` metres, accepted by `usable` (e.g. pieces a car can drive). */
  snap(lon: number, lat: number, maxDistance: number, usable: (piece: number) => boolean): SnappedPoint | undefined {
    const { pieceLon, pieceLat, pieceOffset } = this.network;
    // Degrees of latitude are the shortest: a radius in degrees that covers maxDistance everywhere below ~80°.
    const radius = maxDistance / 111_000 / Math.max(0.17, Math.cos((lat * Math.PI) / 180));
    const candidates = this.index.neighbors(lon, lat, 24, radius, (s) => usable(this.segmentPiece[s]!));
    let best: SnappedPoint | undefined;
    for (const s of candidates) {
      const i = this.segmentStart[s]!;
      const { t, distance } = projectOnSegment(lon, lat, pieceLon[i]!, pieceLat[i]!, pieceLon[i + 1]!, pieceLat[i + 1]!);
      if (distance > maxDistance || (best && distance >= best.distance)) continue;
      const p = this.segmentPiece[s]!;
      const along = this.pointOffset[i]! + t * (this.pointOffset[i + 1]! - this.pointOffset[i]!);
      best = {
        lon: pieceLon[i]! + t * (pieceLon[i + 1]! - pieceLon[i]!),
        lat: pieceLat[i]! + t * (pieceLat[i + 1]! - pieceLat[i]!),
        distance,
        piece: p,
        fraction: this.pieceLength[p]! > 0 ? along / this.pieceLength[p]! : 0,
        segment: i - pieceOffset[p]!,
      };
    }
    return best;
  }
}
