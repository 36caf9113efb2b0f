/**
 * A contraction hierarchy: every node has a rank; edges (original and shortcuts) are stored twice
 * as upward adjacency — `up` for the forward search (edges to higher-ranked heads), `down` for the
 * backward search (edges from higher-ranked tails, indexed at their head).
 */
export interface ContractedGraph {
  nodeCount: number;
  rank: Int32Array;
  /** Seconds, metres; a shortcut's children are CH edge ids, an original edge's are -1. */
  edgeTail: Int32Array;
  edgeHead: Int32Array;
  edgeWeight: Float64Array;
  edgeDistance: Float64Array;
  edgeChildA: Int32Array;
  edgeChildB: Int32Array;
  /** The road-network edge an original CH edge stands for (-1 for shortcuts). */
  edgeOriginal: Int32Array;
  upFirst: Int32Array;
  upHead: Int32Array;
  upEdge: Int32Array;
  downFirst: Int32Array;
  downTail: Int32Array;
  downEdge: Int32Array;
}

/** Original road-network edges along a CH edge, in travel order. */
export function unpackEdge(graph: ContractedGraph, edge: number, out: number[]): void {
  const stack = [edge];
  while (stack.length) {
    const e = stack.pop()!;
    if (graph.edgeChildA[e]! < 0) out.push(graph.edgeOriginal[e]!);
    else {
      stack.push(graph.edgeChildB[e]!);
      stack.push(graph.edgeChildA[e]!);
    }
  }
}
