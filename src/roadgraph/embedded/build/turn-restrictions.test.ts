import { describe, expect, it } from 'vitest';
import { EmbeddedRoadGraph } from '../embedded-road-graph.js';
import { graphOf } from './build-graph.js';
import { networkOf } from './import-osm.js';
import { parseRestriction, splitRestrictedJunctions, type TurnRestriction } from './turn-restrictions.js';

/**
 * A crossroads: OSM node 100 at the centre, two-way arms along ways 1 (west), 2 (east), 3 (north)
 * and 4 (south), each ending in a dead end where a car may turn round. 10 m/s everywhere.
 */
const centre: [number, number] = [7.42, 43.73];
const d = 0.001;
const armEnd: Record<number, [number, number]> = { 1: [centre[0] - d, centre[1]], 2: [centre[0] + d, centre[1]], 3: [centre[0], centre[1] + d], 4: [centre[0], centre[1] - d] };
const along = (way: number, fraction: number): [number, number] => [centre[0] + (armEnd[way]![0] - centre[0]) * fraction, centre[1] + (armEnd[way]![1] - centre[1]) * fraction];

function crossroads(restrictions: TurnRestriction[]): { graph: EmbeddedRoadGraph; applied: number } {
  const junctions = { lon: [centre[0]], lat: [centre[1]], origin: [0] };
  const edges = { from: [] as number[], to: [] as number[], duration: [] as number[], distance: [] as number[], street: [] as number[], piece: [] as number[], reversed: [] as number[], way: [] as number[] };
  const pieceLon: number[] = [];
  const pieceLat: number[] = [];
  const pieceOffset = [0];
  for (const way of [1, 2, 3, 4]) {
    const end = junctions.lon.length;
    junctions.lon.push(armEnd[way]![0]);
    junctions.lat.push(armEnd[way]![1]);
    junctions.origin.push(end);
    // One piece from the dead end to the centre; the edge towards the dead end walks it backwards.
    pieceLon.push(armEnd[way]![0], centre[0]);
    pieceLat.push(armEnd[way]![1], centre[1]);
    pieceOffset.push(pieceLon.length);
    const metres = way <= 2 ? 80.4 : 111.2;
    for (const [from, to, reversed] of [[end, 0, 0], [0, end, 1]] as const) {
      edges.from.push(from);
      edges.to.push(to);
      edges.duration.push(metres / 10);
      edges.distance.push(metres);
      edges.street.push(way - 1);
      edges.piece.push(way - 1);
      edges.reversed.push(reversed);
      edges.way.push(way);
    }
  }
  const applied = splitRestrictedJunctions(restrictions, edges, junctions, (ref) => (ref === 100 ? 0 : undefined), (_way, node) => node === 100);
  const streets = ['West', 'East', 'North', 'South'].map((name) => ({ name, ref: '', highway: 'residential', roundabout: false }));
  const network = networkOf(junctions, edges, { offset: pieceOffset, lon: pieceLon, lat: pieceLat }, streets);
  return { graph: new EmbeddedRoadGraph(graphOf(network, 'crossroads')), applied };
}

const travel = async (graph: EmbeddedRoadGraph, from: [number, number], to: [number, number]) => (await graph.route([from, to], { steps: true, geometry: 'geojson' })).legs[0]!;

describe('turn restrictions', () => {
  it('reads the restrictions that apply to cars, and leaves out the others', () => {
    const members = (from: number, via: number, to: number) => [{ type: 'way' as const, ref: from, role: 'from' }, { type: 'node' as const, ref: via, role: 'via' }, { type: 'way' as const, ref: to, role: 'to' }];
    const tags = (entries: Record<string, string>) => new Map(Object.entries({ type: 'restriction', ...entries }));
    expect(parseRestriction(members(1, 100, 3), tags({ restriction: 'no_left_turn' }))).toEqual({ from: 1, via: 100, to: 3, only: false });
    expect(parseRestriction(members(1, 100, 2), tags({ 'restriction:motorcar': 'only_straight_on' }))).toEqual({ from: 1, via: 100, to: 2, only: true });
    expect(parseRestriction(members(1, 100, 3), tags({ restriction: 'no_left_turn', except: 'bicycle;motorcar' }))).toBeUndefined();
    expect(parseRestriction(members(1, 100, 3), tags({ 'restriction:hgv': 'no_left_turn' }))).toBeUndefined();
    expect(parseRestriction(members(1, 100, 1), tags({ restriction: 'no_u_turn' }))).toBeUndefined();
    expect(parseRestriction([...members(1, 100, 3).slice(0, 1), { type: 'way', ref: 7, role: 'via' }, ...members(1, 100, 3).slice(2)], tags({ restriction: 'no_left_turn' }))).toBeUndefined();
  });

  it('takes no forbidden turn: a car from the west may not turn north, and goes round by a dead end instead', async () => {
    const free = crossroads([]);
    const restricted = crossroads([{ from: 1, via: 100, to: 3, only: false }]);
    expect(restricted.applied).toBe(1);
    const direct = await travel(free.graph, along(1, 0.5), along(3, 0.5));
    const detour = await travel(restricted.graph, along(1, 0.5), along(3, 0.5));
    expect(direct.duration).toBeCloseTo((40.2 + 55.6) / 10, 0);
    // The only way left: on to the end of another arm, turn round there, and back to the centre.
    expect(detour.duration).toBeGreaterThan(direct.duration + 2 * 80.4 / 10 - 1);
    // Other turns from the west, and the same turn from elsewhere, are untouched.
    expect((await travel(restricted.graph, along(1, 0.5), along(4, 0.5))).duration).toBeCloseTo((await travel(free.graph, along(1, 0.5), along(4, 0.5))).duration, 3);
    expect((await travel(restricted.graph, along(2, 0.5), along(3, 0.5))).duration).toBeCloseTo((await travel(free.graph, along(2, 0.5), along(3, 0.5))).duration, 3);
  });

  it('keeps a car coming from the west to the one exit an only_ restriction allows', async () => {
    const { graph } = crossroads([{ from: 1, via: 100, to: 2, only: true }]);
    const { graph: free } = crossroads([]);
    for (const way of [3, 4]) expect((await travel(graph, along(1, 0.5), along(way, 0.5))).duration).toBeGreaterThan((await travel(free, along(1, 0.5), along(way, 0.5))).duration + 5);
    expect((await travel(graph, along(1, 0.5), along(2, 0.5))).duration).toBeCloseTo((await travel(free, along(1, 0.5), along(2, 0.5))).duration, 3);
  });

  it('shows the whole junction at a restricted approach, with the forbidden exit not enterable', () => {
    const { graph } = crossroads([{ from: 1, via: 100, to: 3, only: false }]);
    const copy = graph.data.network.nodeCount - 1;
    expect(graph.data.network.nodeOrigin[copy]).toBe(0);
    const { bearings, entry } = graph.topology.junctionBearings(copy);
    const exits = Object.fromEntries(bearings.map((b, i) => [b, entry[i]]));
    // West 270°, east 90°, north 0°, south 180°: four roads, all but the north one enterable.
    expect(exits).toEqual({ 0: false, 90: true, 180: true, 270: true });
    expect(Object.values(Object.fromEntries(graph.topology.junctionBearings(0).bearings.map((b, i) => [b, graph.topology.junctionBearings(0).entry[i]])))).toEqual([true, true, true, true]);
  });
});
