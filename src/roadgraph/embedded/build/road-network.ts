/**
 * The directed road network before contraction: junction nodes, directed edges between them with
 * travel time, length and the street they belong to; each edge's shape lives in a shared piece
 * (a two-way street's two edges share one, walked backwards by one of them).
 */
export interface StreetInfo {
  name: string;
  ref: string;
  highway: string;
  roundabout: boolean;
}

export interface RoadNetwork {
  nodeCount: number;
  nodeLon: Float64Array;
  nodeLat: Float64Array;
  /**
   * The junction each node stands for: itself, or for a copy made by a turn restriction (same place,
   * fewer exits), the junction it copies. Turn instructions describe the junction as a whole.
   */
  nodeOrigin: Int32Array;
  edgeCount: number;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  /** Seconds. */
  edgeDuration: Float64Array;
  /** Metres. */
  edgeDistance: Float64Array;
  edgeStreet: Int32Array;
  edgePiece: Int32Array;
  /** 1 when the edge walks its piece from the last shape point to the first. */
  edgeReversed: Uint8Array;
  /** Shape points of piece p: pieceLon/Lat[pieceOffset[p] .. pieceOffset[p + 1]). */
  pieceOffset: Int32Array;
  pieceLon: Float64Array;
  pieceLat: Float64Array;
  streets: StreetInfo[];
}
