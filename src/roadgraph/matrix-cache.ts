/**
 * A matrix cache in front of a RoadGraph. Planning asks for the same streets again and again:
 * re-planning a day after a few orders changed, the next plan for the same stores, /v1/optimize
 * on a familiar area. Pairs already known are answered from memory; only the rectangle of sources
 * and destinations that holds the missing pairs goes to the road graph.
 *
 * Points are interned by their coordinates (to 1e-6°, about 10 cm); a pair's values live in flat
 * arrays indexed through one Map from a numeric pair key. Two generations bound the memory: when the
 * current one is full it becomes the old one, and the older pairs are dropped.
 */
import type { LonLat, RoadGraph, RouteOptions, Table, TableOptions, Waypoint } from './road-graph.js';

interface Generation {
  slot: Map<number, number>;
  duration: Float64Array;
  distance: Float64Array;
  used: number;
}

/** Point ids fit 2^21 per generation of points; the pair key stays an exact double. */
const POINT_ID_LIMIT = 1 << 21;

export class MatrixCache implements RoadGraph {
  private pointId = new Map<string, number>();
  private waypoints: Waypoint[] = [];
  private current: Generation;
  private old: Generation | undefined;

  constructor(
    private readonly graph: RoadGraph,
    private readonly pairsPerGeneration = 4_000_000,
  ) {
    this.current = this.generation();
  }

  /** Pairs answered from memory and pairs computed, since the start (metrics, tests). */
  readonly stats = { hits: 0, misses: 0 };

  async table(points: LonLat[], options: TableOptions = {}): Promise<Table> {
    const sources = options.sources ?? points.map((_, i) => i);
    const destinations = options.destinations ?? points.map((_, i) => i);
    // A table larger than a generation could not stay whole in the cache: ask the graph directly.
    if (sources.length * destinations.length > this.pairsPerGeneration) return this.graph.table(points, options);
    const ids = points.map((p) => this.intern(p));
    const missingRows = new Set<number>();
    const missingColumns = new Set<number>();
    for (const i of sources) {
      for (const j of destinations) {
        if (!this.lookup(ids[i]!, ids[j]!) || !this.waypoints[ids[i]!] || !this.waypoints[ids[j]!]) {
          missingRows.add(i);
          missingColumns.add(j);
        }
      }
    }
    const missing = missingRows.size * missingColumns.size;
    this.stats.misses += missing;
    this.stats.hits += sources.length * destinations.length - missing;
    if (missing) {
      const rows = [...missingRows];
      const columns = [...missingColumns];
      const fresh = await this.graph.table(points, { sources: rows, destinations: columns });
      rows.forEach((i, r) => {
        this.waypoints[ids[i]!] = fresh.sources[r]!;
        columns.forEach((j, c) => this.store(ids[i]!, ids[j]!, fresh.durations[r]![c]!, fresh.distances[r]![c]!));
      });
      columns.forEach((j, c) => (this.waypoints[ids[j]!] = fresh.destinations[c]!));
    }
    const read = (i: number, j: number, values: 'duration' | 'distance') => {
      const { generation, at } = this.lookup(ids[i]!, ids[j]!)!;
      const value = generation[values][at]!;
      return Number.isNaN(value) ? null : value;
    };
    return {
      durations: sources.map((i) => destinations.map((j) => read(i, j, 'duration'))),
      distances: sources.map((i) => destinations.map((j) => read(i, j, 'distance'))),
      sources: sources.map((i) => this.waypoints[ids[i]!]!),
      destinations: destinations.map((j) => this.waypoints[ids[j]!]!),
    };
  }

  route(points: LonLat[], options?: RouteOptions) {
    return this.graph.route(points, options);
  }

  nearest(point: LonLat) {
    return this.graph.nearest(point);
  }

  close() {
    return this.graph.close();
  }

  private intern(point: LonLat): number {
    const key = `${point[0].toFixed(6)},${point[1].toFixed(6)}`;
    let id = this.pointId.get(key);
    if (id === undefined) {
      if (this.pointId.size >= POINT_ID_LIMIT) this.reset();
      id = this.pointId.size;
      this.pointId.set(key, id);
    }
    return id;
  }

  private lookup(from: number, to: number): { generation: Generation; at: number } | undefined {
    const key = from * POINT_ID_LIMIT + to;
    const here = this.current.slot.get(key);
    if (here !== undefined) return { generation: this.current, at: here };
    const there = this.old?.slot.get(key);
    return there !== undefined ? { generation: this.old!, at: there } : undefined;
  }

  private store(from: number, to: number, duration: number | null, distance: number | null): void {
    if (this.current.used === this.pairsPerGeneration) {
      this.old = this.current;
      this.current = this.generation();
    }
    const at = this.current.used++;
    if (at === this.current.duration.length) this.grow(this.current);
    this.current.slot.set(from * POINT_ID_LIMIT + to, at);
    // NaN marks an unreachable pair (null in the port).
    this.current.duration[at] = duration ?? Number.NaN;
    this.current.distance[at] = distance ?? Number.NaN;
  }

  private generation(): Generation {
    const size = Math.min(65_536, this.pairsPerGeneration);
    return { slot: new Map(), duration: new Float64Array(size), distance: new Float64Array(size), used: 0 };
  }

  /** Arrays grow by doubling up to the generation's size: a small deployment never pays for a big cache. */
  private grow(generation: Generation): void {
    const size = Math.min(generation.duration.length * 2, this.pairsPerGeneration);
    for (const values of ['duration', 'distance'] as const) {
      const bigger = new Float64Array(size);
      bigger.set(generation[values]);
      generation[values] = bigger;
    }
  }

  /** Point ids ran out: start afresh (rare: two million distinct points). */
  private reset(): void {
    this.pointId = new Map();
    this.waypoints = [];
    this.current = this.generation();
    this.old = undefined;
  }
}
