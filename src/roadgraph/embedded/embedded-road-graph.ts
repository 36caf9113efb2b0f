/**
 * The embedded routing engine behind the RoadGraph port: snapping onto road segments, contraction-
 * hierarchy queries for routes and many-to-many tables, route geometry and turn-by-turn steps.
 */
import { RoadGraphError, type LonLat, type RoadGraph, type Route, type RouteLeg, type RouteOptions, type Table, type TableOptions, type Waypoint } from '../road-graph.js';
import type { PathTrace, TraceEdge, TraceJunction } from '../path-trace.js';
import { buildSteps } from '../steps/build-steps.js';
import { ChQuery, type Seed } from './ch/ch-query.js';
import { unpackEdge } from './ch/contracted-graph.js';
import { bearing } from './geo.js';
import { encodeGeometry } from '../geometry-encoding.js';
import { readGraph, type RoadGraphData } from './graph-file.js';
import { NetworkTopology } from './network-topology.js';
import { SegmentIndex, type SnappedPoint } from './segment-index.js';

export interface EmbeddedOptions {
  /** Farthest a coordinate may lie from a road (m); farther is NoSegment. */
  maxSnapDistance?: number;
  /** Most coordinates in one table request (like osrm-routed's --max-table-size). */
  maxTableSize?: number;
}

interface Located extends SnappedPoint {
  forward: number;
  backward: number;
}

/** Snapped coordinates kept for reuse (about 10 MB at most). */
const LOCATED_CACHE_SIZE = 50_000;

export class EmbeddedRoadGraph implements RoadGraph {
  readonly topology: NetworkTopology;
  private readonly segments: SegmentIndex;
  private readonly query: ChQuery;
  readonly maxSnapDistance: number;
  readonly maxTableSize: number;
  private readonly recentlyLocated = new Map<string, Readonly<Located>>();

  constructor(
    readonly data: RoadGraphData,
    options: EmbeddedOptions = {},
  ) {
    this.topology = new NetworkTopology(data.network);
    this.segments = new SegmentIndex(data.network);
    this.query = new ChQuery(data.hierarchy);
    this.maxSnapDistance = options.maxSnapDistance ?? 1000;
    this.maxTableSize = options.maxTableSize ?? 2000;
  }

  static load(path: string, options?: EmbeddedOptions): EmbeddedRoadGraph {
    return new EmbeddedRoadGraph(readGraph(path), options);
  }

  async close(): Promise<void> {}

  private locate(point: LonLat, index: number): Located {
    const [lon, lat] = point;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      throw new RoadGraphError('InvalidValue', `Coordinate ${index} is invalid: ${lon},${lat}`);
    }
    // Stops and depots come back again and again (every ETA recompute snaps the courier's next stop).
    const key = `${lon},${lat}`;
    const known = this.recentlyLocated.get(key);
    if (known) {
      this.recentlyLocated.delete(key);
      this.recentlyLocated.set(key, known);
      return known;
    }
    const snapped = this.segments.snap(lon, lat, this.maxSnapDistance, (p) => this.topology.pieceForward[p]! >= 0 || this.topology.pieceBackward[p]! >= 0);
    if (!snapped) throw new RoadGraphError('NoSegment', `Could not find a matching segment for coordinate ${index}`);
    const located: Located = { ...snapped, forward: this.topology.pieceForward[snapped.piece]!, backward: this.topology.pieceBackward[snapped.piece]! };
    // Least recently used first out (a Map iterates in insertion order; a hit is re-inserted above).
    if (this.recentlyLocated.size >= LOCATED_CACHE_SIZE) this.recentlyLocated.delete(this.recentlyLocated.keys().next().value!);
    this.recentlyLocated.set(key, located);
    return located;
  }

  private waypoint(p: Located): Waypoint {
    const street = this.data.network.streets[this.data.network.edgeStreet[p.forward >= 0 ? p.forward : p.backward]!]!;
    return { location: [round6(p.lon), round6(p.lat)], name: street.name, distance: p.distance };
  }

  /** Nodes a search may start from, with the cost of reaching them from the snapped point. */
  private sourceSeeds(p: Located): Seed[] {
    const n = this.data.network;
    const seeds: Seed[] = [];
    if (p.forward >= 0) seeds.push({ node: n.edgeTo[p.forward]!, duration: (1 - p.fraction) * n.edgeDuration[p.forward]!, distance: (1 - p.fraction) * n.edgeDistance[p.forward]! });
    if (p.backward >= 0) seeds.push({ node: n.edgeTo[p.backward]!, duration: p.fraction * n.edgeDuration[p.backward]!, distance: p.fraction * n.edgeDistance[p.backward]! });
    return seeds;
  }

  /**
   * Nodes a search may end at, with the cost from them to the snapped point: the start of every edge
   * along the piece (a junction split by a turn restriction reaches it from each of its copies).
   */
  private targetSeeds(p: Located): Seed[] {
    const n = this.data.network;
    const seeds: Seed[] = [];
    for (const [reversed, share] of [[false, p.fraction], [true, 1 - p.fraction]] as const) {
      for (const e of this.topology.edgesAlong(p.piece, reversed)) seeds.push({ node: n.edgeFrom[e]!, duration: share * n.edgeDuration[e]!, distance: share * n.edgeDistance[e]! });
    }
    return seeds;
  }

  /** Travel along the same piece without passing a junction, when the direction allows it. */
  private direct(a: Located, b: Located): { edge: number; duration: number; distance: number } | undefined {
    if (a.piece !== b.piece) return undefined;
    const n = this.data.network;
    if (a.forward >= 0 && b.fraction >= a.fraction) {
      const share = b.fraction - a.fraction;
      return { edge: a.forward, duration: share * n.edgeDuration[a.forward]!, distance: share * n.edgeDistance[a.forward]! };
    }
    if (a.backward >= 0 && b.fraction <= a.fraction) {
      const share = a.fraction - b.fraction;
      return { edge: a.backward, duration: share * n.edgeDuration[a.backward]!, distance: share * n.edgeDistance[a.backward]! };
    }
    return undefined;
  }

  async nearest(point: LonLat): Promise<Waypoint> {
    return this.waypoint(this.locate(point, 0));
  }

  async table(points: LonLat[], options: TableOptions = {}): Promise<Table> {
    const sources = options.sources ?? points.map((_, i) => i);
    const destinations = options.destinations ?? points.map((_, i) => i);
    for (const [name, list] of [['sources', sources], ['destinations', destinations]] as const) {
      for (const i of list) if (!Number.isInteger(i) || i < 0 || i >= points.length) throw new RoadGraphError('InvalidValue', `${name} index ${i} is out of range`);
    }
    if (points.length > this.maxTableSize) throw new RoadGraphError('TooBig', `Too many table coordinates: ${points.length} > ${this.maxTableSize}`);
    const located = points.map((p, i) => this.locate(p, i));
    const { durations, distances } = this.query.manyToMany(
      sources.map((i) => this.sourceSeeds(located[i]!)),
      destinations.map((j) => this.targetSeeds(located[j]!)),
    );
    const T = destinations.length;
    const durationRows: (number | null)[][] = [];
    const distanceRows: (number | null)[][] = [];
    sources.forEach((i, r) => {
      const durationRow: (number | null)[] = [];
      const distanceRow: (number | null)[] = [];
      destinations.forEach((j, c) => {
        let d = durations[r * T + c]!;
        let m = distances[r * T + c]!;
        const direct = this.direct(located[i]!, located[j]!);
        if (direct && direct.duration <= d) {
          d = direct.duration;
          m = direct.distance;
        }
        if (i === j) {
          d = 0;
          m = 0;
        }
        durationRow.push(Number.isFinite(d) ? round1(d) : null);
        distanceRow.push(Number.isFinite(m) ? round1(m) : null);
      });
      durationRows.push(durationRow);
      distanceRows.push(distanceRow);
    });
    return {
      durations: durationRows,
      distances: distanceRows,
      sources: sources.map((i) => this.waypoint(located[i]!)),
      destinations: destinations.map((j) => this.waypoint(located[j]!)),
    };
  }

  async route(points: LonLat[], options: RouteOptions = {}): Promise<Route> {
    if (points.length < 2) throw new RoadGraphError('InvalidQuery', 'A route needs at least two coordinates');
    const located = points.map((p, i) => this.locate(p, i));
    const legs: RouteLeg[] = [];
    const coordinates: LonLat[] = [];
    for (let k = 0; k + 1 < located.length; k++) {
      const trace = this.trace(located[k]!, located[k + 1]!);
      if (!trace) throw new RoadGraphError('NoRoute', `Impossible route between points ${k} and ${k + 1}`);
      const legCoordinates = trace.edges.flatMap((e, i) => (i === 0 ? e.geometry : e.geometry.slice(1)));
      coordinates.push(...(k === 0 ? legCoordinates : legCoordinates.slice(1)));
      const duration = trace.edges.reduce((s, e) => s + e.duration, 0);
      const distance = trace.edges.reduce((s, e) => s + e.distance, 0);
      const steps = options.steps ? buildSteps(trace, options.geometry) : [];
      legs.push({ duration: round1(duration), distance: round1(distance), weight: round1(duration), summary: summaryOf(trace.edges), steps });
    }
    const duration = legs.reduce((s, l) => s + l.duration, 0);
    const distance = legs.reduce((s, l) => s + l.distance, 0);
    return {
      duration: round1(duration),
      distance: round1(distance),
      weight: round1(duration),
      weight_name: 'duration',
      ...(options.geometry ? { geometry: encodeGeometry(coordinates, options.geometry) } : {}),
      legs,
      waypoints: located.map((p) => this.waypoint(p)),
    };
  }

  /** The road path of one leg, edge by edge, with the junctions it crosses. */
  trace(from: Located, to: Located): PathTrace | undefined {
    const n = this.data.network;
    const { pointOffset, pieceLength } = this.segments;
    const direct = this.direct(from, to);
    const path = this.query.shortestPath(this.sourceSeeds(from), this.targetSeeds(to));
    const edges: TraceEdge[] = [];
    const junctions: TraceJunction[] = [];
    const traceEdge = (e: number, fraction: number, points: LonLat[]): TraceEdge => {
      const street = n.streets[n.edgeStreet[e]!]!;
      return { name: street.name, ref: street.ref, roundabout: street.roundabout, highway: street.highway, duration: fraction * n.edgeDuration[e]!, distance: fraction * n.edgeDistance[e]!, geometry: points };
    };
    const endpoint = (p: Located, leaving: boolean, points: LonLat[]): TraceJunction => {
      const [a, b] = leaving ? [points[0]!, points[1] ?? points[0]!] : [points[points.length - 1]!, points[points.length - 2] ?? points[0]!];
      return { location: [p.lon, p.lat], bearings: [Math.round(bearing(a[0], a[1], b[0], b[1]))], entry: [leaving] };
    };
    if (direct && (!path || direct.duration <= path.duration)) {
      const forward = direct.edge === from.forward;
      const start = forward ? from.fraction : 1 - from.fraction;
      const end = forward ? to.fraction : 1 - to.fraction;
      const points = this.topology.edgePoints(direct.edge, pointOffset, pieceLength, start, end);
      edges.push(traceEdge(direct.edge, end - start, points));
      junctions.push(endpoint(from, true, points), endpoint(to, false, points));
      return { edges, junctions };
    }
    if (!path) return undefined;
    // First partial edge: from the snapped point to the seed node the search used.
    const firstEdge = n.edgeTo[from.forward] === path.sourceNode && from.forward >= 0 ? from.forward : from.backward;
    const firstStart = firstEdge === from.forward ? from.fraction : 1 - from.fraction;
    const firstPoints = this.topology.edgePoints(firstEdge, pointOffset, pieceLength, firstStart, 1);
    edges.push(traceEdge(firstEdge, 1 - firstStart, firstPoints));
    junctions.push(endpoint(from, true, firstPoints));
    const originals: number[] = [];
    for (const e of path.edges) unpackEdge(this.data.hierarchy, e, originals);
    for (const e of originals) {
      junctions.push(this.junction(n.edgeFrom[e]!));
      edges.push(traceEdge(e, 1, this.topology.edgePoints(e, pointOffset, pieceLength)));
    }
    // The edge along the target's piece that leaves the node the search ended at (an original or a copy).
    const lastEdge = [...this.topology.edgesAlong(to.piece, false), ...this.topology.edgesAlong(to.piece, true)].find((e) => n.edgeFrom[e] === path.targetNode)!;
    const lastEnd = n.edgeReversed[lastEdge] === 0 ? to.fraction : 1 - to.fraction;
    const lastPoints = this.topology.edgePoints(lastEdge, pointOffset, pieceLength, 0, lastEnd);
    junctions.push(this.junction(path.targetNode));
    edges.push(traceEdge(lastEdge, lastEnd, lastPoints));
    junctions.push(endpoint(to, false, lastPoints));
    return { edges, junctions };
  }

  private junction(node: number): TraceJunction {
    const { bearings, entry } = this.topology.junctionBearings(node);
    return { location: [this.data.network.nodeLon[node]!, this.data.network.nodeLat[node]!], bearings, entry };
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function summaryOf(edges: TraceEdge[]): string {
  const byName = new Map<string, number>();
  for (const e of edges) if (e.name) byName.set(e.name, (byName.get(e.name) ?? 0) + e.distance);
  return [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([name]) => name).join(', ');
}
