import { describe, expect, it } from 'vitest';
import { EmbeddedRoadGraph } from './embedded/embedded-road-graph.js';
import { MatrixCache } from './matrix-cache.js';
import type { LonLat, RoadGraph, TableOptions } from './road-graph.js';
import { monacoGraph, monacoPoints, offshore } from './test-support/monaco.js';

/** The real embedded graph, counting the pairs it is asked for. */
function counted(graph: RoadGraph) {
  const asked = { pairs: 0 };
  const wrapped: RoadGraph = {
    table: (points: LonLat[], options?: TableOptions) => {
      asked.pairs += (options?.sources ?? points).length * (options?.destinations ?? points).length;
      return graph.table(points, options);
    },
    route: (p, o) => graph.route(p, o),
    nearest: (p) => graph.nearest(p),
    close: () => graph.close(),
  };
  return { wrapped, asked };
}

describe('MatrixCache', () => {
  const graph = new EmbeddedRoadGraph(monacoGraph());

  it('answers like the road graph, and asks it only for pairs it has not seen', async () => {
    const { wrapped, asked } = counted(graph);
    const cache = new MatrixCache(wrapped);
    const first = monacoPoints.slice(0, 3);
    expect(await cache.table(first)).toEqual(await graph.table(first));
    expect(asked.pairs).toBe(9);
    // Re-planning with one more stop: only the rectangle holding the new pairs is computed.
    const more = [...first, monacoPoints[3]!];
    expect(await cache.table(more)).toEqual(await graph.table(more));
    expect(asked.pairs).toBe(9 + 16);
    const again = [monacoPoints[2]!, monacoPoints[0]!];
    expect(await cache.table(again)).toEqual(await graph.table(again));
    expect(asked.pairs).toBe(25);
    expect(cache.stats.hits).toBeGreaterThan(0);
  });

  it('keeps unreachable pairs as null and survives generations turning over', async () => {
    const cache = new MatrixCache(graph, 16);
    const points = [...monacoPoints.slice(0, 3), offshore];
    const direct = await graph.table(points).catch((e: Error) => e);
    const cached = await cache.table(points).catch((e: Error) => e);
    expect(cached).toEqual(direct);
    for (let k = 0; k < 5; k++) {
      const pair = [monacoPoints[k % 5]!, monacoPoints[(k + 1) % 5]!];
      expect(await cache.table(pair)).toEqual(await graph.table(pair));
    }
  });
});
