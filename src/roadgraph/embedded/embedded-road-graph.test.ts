import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRoadGraphConformance } from '../conformance.js';
import { monacoGraph, monacoPoints, offshore } from '../test-support/monaco.js';
import { ChQuery } from './ch/ch-query.js';
import { importOsm } from './build/import-osm.js';
import { EmbeddedRoadGraph } from './embedded-road-graph.js';
import { readGraph, writeGraph } from './graph-file.js';
import { MinHeap } from './ch/min-heap.js';
import type { RoadNetwork } from './build/road-network.js';
import { projectRoot } from '../../version.js';

describeRoadGraphConformance('embedded engine', async () => new EmbeddedRoadGraph(monacoGraph()), monacoPoints, offshore);

/** Plain Dijkstra on the uncontracted network: the reference the hierarchy must match. */
function dijkstra(network: RoadNetwork, source: number): Float64Array {
  const first = new Int32Array(network.nodeCount + 1);
  for (let e = 0; e < network.edgeCount; e++) first[network.edgeFrom[e]! + 1]!++;
  for (let v = 0; v < network.nodeCount; v++) first[v + 1] += first[v]!;
  const fill = first.slice(0, network.nodeCount);
  const out = new Int32Array(network.edgeCount);
  for (let e = 0; e < network.edgeCount; e++) out[fill[network.edgeFrom[e]!]!++] = e;
  const dist = new Float64Array(network.nodeCount).fill(Infinity);
  const heap = new MinHeap();
  dist[source] = 0;
  heap.push(0, source);
  while (heap.size) {
    const key = heap.peekKey();
    const x = heap.pop();
    if (key > dist[x]!) continue;
    for (let i = first[x]!; i < first[x + 1]!; i++) {
      const e = out[i]!;
      const d = key + network.edgeDuration[e]!;
      if (d < dist[network.edgeTo[e]!]!) {
        dist[network.edgeTo[e]!] = d;
        heap.push(d, network.edgeTo[e]!);
      }
    }
  }
  return dist;
}

describe('embedded engine', () => {
  const data = monacoGraph();
  const graph = new EmbeddedRoadGraph(data);

  it('finds exactly the plain-Dijkstra durations through the contraction hierarchy (random pairs)', () => {
    const query = new ChQuery(data.hierarchy);
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 20; k++) {
      const s = Math.floor(random() * data.network.nodeCount);
      const reference = dijkstra(data.network, s);
      for (let m = 0; m < 10; m++) {
        const t = Math.floor(random() * data.network.nodeCount);
        const path = query.shortestPath([{ node: s, duration: 0, distance: 0 }], [{ node: t, duration: 0, distance: 0 }]);
        expect(path?.duration ?? Infinity).toBeCloseTo(reference[t]!, 6);
      }
      const targets = Array.from({ length: 8 }, () => Math.floor(random() * data.network.nodeCount));
      const table = query.manyToMany([[{ node: s, duration: 0, distance: 0 }]], targets.map((t) => [{ node: t, duration: 0, distance: 0 }]));
      targets.forEach((t, j) => expect(table.durations[j]!).toBeCloseTo(reference[t]!, 6));
    }
  });

  it('respects one-way streets in both directions', async () => {
    const { network } = data;
    const { pieceForward, pieceBackward } = graph.topology;
    // A one-way piece long enough to place two points on it.
    let piece = -1;
    for (let p = 0; p < pieceForward.length && piece < 0; p++) {
      const e = pieceForward[p]!;
      if (e >= 0 && pieceBackward[p]! < 0 && network.edgeDistance[e]! > 80 && !network.streets[network.edgeStreet[e]!]!.roundabout) piece = p;
    }
    expect(piece).toBeGreaterThanOrEqual(0);
    const e = pieceForward[piece]!;
    const [a, b] = [0.25, 0.75];
    const pointAt = (f: number) => {
      const offset = network.pieceOffset[piece]!;
      const count = network.pieceOffset[piece + 1]! - offset;
      const i = Math.min(count - 2, Math.floor(f * (count - 1)));
      const t = f * (count - 1) - i;
      return [network.pieceLon[offset + i]! + t * (network.pieceLon[offset + i + 1]! - network.pieceLon[offset + i]!), network.pieceLat[offset + i]! + t * (network.pieceLat[offset + i + 1]! - network.pieceLat[offset + i]!)] as [number, number];
    };
    const table = await graph.table([pointAt(a), pointAt(b)]);
    const along = table.durations[0]![1]!;
    const against = table.durations[1]![0]!;
    expect(along).toBeLessThan(network.edgeDuration[e]!);
    expect(against).toBeGreaterThan(along);
  });

  it('snaps onto the segment itself, not only onto a junction', async () => {
    const near = await graph.nearest(monacoPoints[1]!);
    const again = await graph.nearest(near.location);
    expect(again.distance).toBeLessThan(0.5);
    const { nodeLon, nodeLat } = data.network;
    const junctionAtSnap = Array.from(nodeLon.keys()).some((n) => Math.abs(nodeLon[n]! - near.location[0]) < 1e-7 && Math.abs(nodeLat[n]! - near.location[1]) < 1e-7);
    expect(junctionAtSnap).toBe(false);
  });

  it('answers TooBig past its table limit', async () => {
    const small = new EmbeddedRoadGraph(data, { maxTableSize: 3 });
    await expect(small.table(monacoPoints)).rejects.toMatchObject({ code: 'TooBig' });
  });

  describe('graph file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lastmile-graph-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('round-trips: the loaded graph answers exactly as the built one', async () => {
      const file = join(dir, 'monaco.graph');
      writeGraph(file, data);
      const loaded = new EmbeddedRoadGraph(readGraph(file));
      expect(await loaded.table(monacoPoints)).toEqual(await graph.table(monacoPoints));
      expect(readGraph(file).metadata.attribution).toContain('OpenStreetMap contributors');
    });
  });

  it('imports an unsorted extract with negative ids (Portland)', () => {
    const { network } = importOsm(join(projectRoot, 'fixtures', 'osm', 'portland-central-filtered.osm.pbf'));
    expect(network.nodeCount).toBeGreaterThan(3000);
    expect(network.edgeCount).toBeGreaterThan(network.nodeCount);
    for (let n = 0; n < network.nodeCount; n++) {
      expect(network.nodeLon[n]!).toBeGreaterThan(-122.72);
      expect(network.nodeLon[n]!).toBeLessThan(-122.56);
    }
  });
});
