/**
 * Road-graph benchmark: build (parse + contract) time and peak memory, load time, table 100×100 and
 * 1000×1000, route with steps (median), nearest (median), on one thread.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraphFile } from '../src/roadgraph/embedded/build/build-graph.js';
import { EmbeddedRoadGraph } from '../src/roadgraph/embedded/embedded-road-graph.js';
import { readGraph } from '../src/roadgraph/embedded/graph-file.js';
import type { LonLat } from '../src/roadgraph/road-graph.js';

export interface RoadGraphBenchResult {
  extract: string;
  junctions: number;
  buildSeconds: number;
  buildPeakRssMb: number;
  loadMs: number;
  table100Ms: number;
  table1000Ms: number;
  routeWithStepsMedianMs: number;
  nearestMedianMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Points snapped onto the network, spread over its extent (deterministic). */
function samplePoints(graph: EmbeddedRoadGraph, count: number): LonLat[] {
  const { nodeLon, nodeLat, nodeCount } = graph.data.network;
  const points: LonLat[] = [];
  let seed = 7;
  while (points.length < count) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const n = seed % nodeCount;
    points.push([nodeLon[n]! + 0.00005, nodeLat[n]! + 0.00003]);
  }
  return points;
}

export async function benchRoadGraph(pbf: string, onStep: (label: string) => void = () => {}): Promise<RoadGraphBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'lastmile-bench-'));
  try {
    const file = join(dir, 'bench.graph');
    onStep('build');
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = performance.now();
    buildGraphFile(pbf, file, () => (peak = Math.max(peak, process.memoryUsage().rss)));
    const buildSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    onStep('load');
    const loadStarted = performance.now();
    const graph = new EmbeddedRoadGraph(readGraph(file), { maxTableSize: 5000 });
    const loadMs = performance.now() - loadStarted;
    const points = samplePoints(graph, 1000);
    onStep('table 100×100');
    await graph.table(points.slice(0, 100));
    const t100 = performance.now();
    await graph.table(points.slice(0, 100));
    const table100Ms = performance.now() - t100;
    onStep('table 1000×1000');
    const t1000 = performance.now();
    await graph.table(points);
    const table1000Ms = performance.now() - t1000;
    onStep('routes');
    const routeTimes: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await graph.route([points[i]!, points[999 - i]!], { steps: true, geometry: 'geojson' });
      routeTimes.push(performance.now() - t);
    }
    onStep('nearest');
    const nearestTimes: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t = performance.now();
      await graph.nearest(points[i]!);
      nearestTimes.push(performance.now() - t);
    }
    return {
      extract: pbf.split('/').pop()!,
      junctions: graph.data.network.nodeCount,
      buildSeconds,
      buildPeakRssMb: peak / 1e6,
      loadMs,
      table100Ms,
      table1000Ms,
      routeWithStepsMedianMs: median(routeTimes),
      nearestMedianMs: median(nearestTimes),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
