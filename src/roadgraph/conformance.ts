/**
 * One behaviour for every RoadGraph adapter: each adapter's test file calls this suite with a
 * factory, so the embedded engine and the OSRM client (against a real server) are held to the same
 * contract. The points must lie on the adapter's road network (Monaco in our tests).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoadGraphError, type LonLat, type RoadGraph } from './road-graph.js';

export function describeRoadGraphConformance(name: string, makeGraph: () => Promise<RoadGraph>, points: LonLat[], farAway: LonLat): void {
  describe(`RoadGraph conformance: ${name}`, () => {
    let graph: RoadGraph;
    beforeAll(async () => {
      graph = await makeGraph();
    });
    afterAll(async () => graph.close());

    it('answers a square table with a zero diagonal, durations and distances', async () => {
      const table = await graph.table(points);
      expect(table.durations).toHaveLength(points.length);
      expect(table.distances).toHaveLength(points.length);
      table.durations.forEach((row, i) => {
        expect(row).toHaveLength(points.length);
        expect(row[i]).toBe(0);
        row.forEach((cell, j) => i !== j && expect(cell).toBeGreaterThan(0));
      });
      expect(table.sources).toHaveLength(points.length);
    });

    it('answers sources × destinations subsets as the matching cells of the full table', async () => {
      const full = await graph.table(points);
      const part = await graph.table(points, { sources: [1, 2], destinations: [0, 3] });
      expect(part.durations).toEqual([
        [full.durations[1]![0], full.durations[1]![3]],
        [full.durations[2]![0], full.durations[2]![3]],
      ]);
    });

    it('agrees between table and route for every pair', async () => {
      const table = await graph.table(points);
      for (let i = 0; i < points.length; i++) {
        for (let j = 0; j < points.length; j++) {
          if (i === j) continue;
          const route = await graph.route([points[i]!, points[j]!]);
          expect(Math.abs(route.duration - table.durations[i]![j]!)).toBeLessThanOrEqual(0.2);
          expect(Math.abs(route.distance - table.distances[i]![j]!)).toBeLessThanOrEqual(1);
        }
      }
    });

    it('returns legs that sum to the route, with geometry and steps that end in arrive', async () => {
      const route = await graph.route(points.slice(0, 3), { steps: true, geometry: 'geojson' });
      expect(route.legs).toHaveLength(2);
      expect(route.legs.reduce((s, l) => s + l.duration, 0)).toBeCloseTo(route.duration, 0);
      expect(route.geometry).toMatchObject({ type: 'LineString' });
      for (const leg of route.legs) {
        expect(leg.steps[0]!.maneuver.type).toBe('depart');
        expect(leg.steps[leg.steps.length - 1]!.maneuver.type).toBe('arrive');
      }
      const encoded = await graph.route(points.slice(0, 2), { geometry: 'polyline' });
      expect(typeof encoded.geometry).toBe('string');
    });

    it('snaps nearest onto the road close to the input', async () => {
      const waypoint = await graph.nearest(points[0]!);
      expect(waypoint.distance).toBeLessThan(200);
      expect(Math.abs(waypoint.location[0] - points[0]![0])).toBeLessThan(0.01);
    });

    it('answers NoSegment for a point far from every road, and rejects invalid coordinates', async () => {
      await expect(graph.nearest(farAway)).rejects.toMatchObject({ code: 'NoSegment' });
      await expect(graph.table([points[0]!, farAway])).rejects.toBeInstanceOf(RoadGraphError);
      await expect(graph.route([points[0]!, [200, 95]])).rejects.toBeInstanceOf(RoadGraphError);
    });
  });
}
