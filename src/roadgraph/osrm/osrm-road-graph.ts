/**
 * RoadGraph over an OSRM server (v5/v6 GET API, or `lastmile roadgraph serve`). Large tables are cut
 * into blocks under the server's --max-table-size and stitched back; OSRM's error codes become
 * RoadGraphErrors; network faults and 5xx answers are retried with backoff, 4xx never.
 */
import { RoadGraphError, type LonLat, type RoadGraph, type RoadGraphErrorCode, type Route, type RouteOptions, type Table, type TableOptions, type Waypoint } from '../road-graph.js';

export interface OsrmOptions {
  baseUrl: string;
  profile?: string;
  /** The server's --max-table-size: most coordinates in one table request. */
  maxTableSize?: number;
  timeoutMs?: number;
  retries?: number;
}

const knownCodes = new Set<RoadGraphErrorCode>(['NoSegment', 'TooBig', 'InvalidQuery', 'InvalidValue', 'NoRoute', 'InvalidUrl']);

export class OsrmRoadGraph implements RoadGraph {
  private readonly base: string;
  private readonly profile: string;
  readonly maxTableSize: number;
  private readonly timeoutMs: number;
  private readonly retries: number;

  constructor(options: OsrmOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.profile = options.profile ?? 'car';
    this.maxTableSize = options.maxTableSize ?? 100;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 2;
  }

  async close(): Promise<void> {}

  private async get<T>(service: string, points: LonLat[], params: Record<string, string>): Promise<T> {
    const coordinates = points.map(([lon, lat]) => `${lon},${lat}`).join(';');
    const url = `${this.base}/${service}/v1/${this.profile}/${coordinates}?${new URLSearchParams(params)}`;
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      let response: globalThis.Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      } catch (error) {
        lastError = error;
        continue;
      }
      if (response.status >= 500) {
        lastError = new Error(`OSRM answered ${response.status}`);
        continue;
      }
      const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
      if (body.code !== 'Ok') {
        const code = knownCodes.has(body.code as RoadGraphErrorCode) ? (body.code as RoadGraphErrorCode) : 'InvalidQuery';
        throw new RoadGraphError(code, body.message ?? `OSRM answered ${response.status}`);
      }
      return body as T;
    }
    throw new RoadGraphError('Unavailable', `OSRM at ${this.base} is unavailable: ${(lastError as Error)?.message ?? 'no answer'}`);
  }

  async nearest(point: LonLat): Promise<Waypoint> {
    const body = await this.get<{ waypoints: Waypoint[] }>('nearest', [point], { number: '1' });
    return body.waypoints[0]!;
  }

  async route(points: LonLat[], options: RouteOptions = {}): Promise<Route> {
    const body = await this.get<{ routes: Omit<Route, 'waypoints'>[]; waypoints: Waypoint[] }>('route', points, {
      steps: String(options.steps ?? false),
      overview: options.geometry ? 'full' : 'false',
      geometries: options.geometry ?? 'polyline',
    });
    return { ...body.routes[0]!, waypoints: body.waypoints };
  }

  async table(points: LonLat[], options: TableOptions = {}): Promise<Table> {
    const sources = options.sources ?? points.map((_, i) => i);
    const destinations = options.destinations ?? points.map((_, i) => i);
    // Blocks of sources × destinations whose union of coordinates stays under the limit.
    const half = Math.max(1, Math.floor(this.maxTableSize / 2));
    const durations: (number | null)[][] = sources.map(() => []);
    const distances: (number | null)[][] = sources.map(() => []);
    let sourceWaypoints: Waypoint[] = [];
    let destinationWaypoints: Waypoint[] = [];
    for (let r = 0; r < sources.length; r += half) {
      const rows = sources.slice(r, r + half);
      for (let c = 0; c < destinations.length; c += half) {
        const columns = destinations.slice(c, c + half);
        const block = [...rows.map((i) => points[i]!), ...columns.map((j) => points[j]!)];
        const body = await this.get<{ durations: (number | null)[][]; distances: (number | null)[][]; sources: Waypoint[]; destinations: Waypoint[] }>('table', block, {
          sources: rows.map((_, k) => k).join(';'),
          destinations: columns.map((_, k) => rows.length + k).join(';'),
          annotations: 'duration,distance',
        });
        rows.forEach((_, k) => {
          durations[r + k]!.push(...body.durations[k]!);
          distances[r + k]!.push(...body.distances[k]!);
        });
        if (c === 0) sourceWaypoints = sourceWaypoints.concat(body.sources);
        if (r === 0) destinationWaypoints = destinationWaypoints.concat(body.destinations);
      }
    }
    return { durations, distances, sources: sourceWaypoints, destinations: destinationWaypoints };
  }
}
