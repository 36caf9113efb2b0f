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

/**
 * Points near the network, spread over its extent (deterministic). Each measurement takes its own
 * `set`: the engine keeps snapped coordinates for reuse, and a measured query must snap afresh.
 */
function samplePoints(graph: EmbeddedRoadGraph, count: number, set: number): LonLat[] {
  const { nodeLon, nodeLat, nodeCount } = graph.data.network;
  const points: LonLat[] = [];
  let seed = 7 + set;
  while (points.length < count) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const n = seed % nodeCount;
    points.push([nodeLon[n]! + 0.00005 + set * 1e-6, nodeLat[n]! + 0.00003]);
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
    onStep('table 100×100');
    // The first table warms the code up; the measured one snaps points it has never seen.
    await graph.table(samplePoints(graph, 100, 0));
    const fresh100 = samplePoints(graph, 100, 1);
    const t100 = performance.now();
    await graph.table(fresh100);
    const table100Ms = performance.now() - t100;
    onStep('table 1000×1000');
    const fresh1000 = samplePoints(graph, 1000, 2);
    const t1000 = performance.now();
    await graph.table(fresh1000);
    const table1000Ms = performance.now() - t1000;
    onStep('routes');
    const ends = samplePoints(graph, 400, 3);
    const routeTimes: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await graph.route([ends[i]!, ends[399 - i]!], { steps: true, geometry: 'geojson' });
      routeTimes.push(performance.now() - t);
    }
    onStep('nearest');
    const probes = samplePoints(graph, 1000, 4);
    const nearestTimes: number[] = [];
    for (const point of probes) {
      const t = performance.now();
      await graph.nearest(point);
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
