/**
 * The RoadGraph port: everything the service asks of a road network. Two adapters implement it
 * (the OSRM HTTP client and the embedded engine) and one conformance suite tests both.
 * Coordinates are [lon, lat]; durations in seconds, distances in metres.
 */
export type LonLat = [number, number];

export interface TableOptions {
  /** Indices into `points` used as rows; all points when absent. */
  sources?: number[];
  /** Indices into `points` used as columns; all points when absent. */
  destinations?: number[];
}

export interface Table {
  /** durations[i][j]: seconds from sources[i] to destinations[j]; null when unreachable. */
  durations: (number | null)[][];
  /** distances[i][j]: metres; null when unreachable. */
  distances: (number | null)[][];
  /** Where each source / destination was snapped onto the road network. */
  sources: Waypoint[];
  destinations: Waypoint[];
}

export interface Waypoint {
  /** The snapped location on the road. */
  location: LonLat;
  /** Street name of the snapped segment ('' when unnamed). */
  name: string;
  /** Metres between the input coordinate and the snapped location. */
  distance: number;
}

export interface RouteOptions {
  /** Turn-by-turn steps in every leg (OSRM's steps=true). */
  steps?: boolean;
  /** Geometry encoding of the route and its steps; none when absent. */
  geometry?: 'geojson' | 'polyline' | 'polyline6';
}

export type Geometry = { type: 'LineString'; coordinates: LonLat[] } | string;

/** OSRM's StepManeuver object. */
export interface Maneuver {
  type: string;
  modifier?: string;
  location: LonLat;
  bearing_before: number;
  bearing_after: number;
  exit?: number;
}

/** OSRM's RouteStep object (the fields osrm-text-instructions reads, and geometry). */
export interface RouteStep {
  distance: number;
  duration: number;
  name: string;
  ref?: string;
  mode: 'driving';
  driving_side: 'right' | 'left';
  rotary_name?: string;
  maneuver: Maneuver;
  geometry?: Geometry;
  weight: number;
  intersections: { location: LonLat; bearings: number[]; entry: boolean[]; in?: number; out?: number }[];
}

export interface RouteLeg {
  distance: number;
  duration: number;
  summary: string;
  weight: number;
  steps: RouteStep[];
}

export interface Route {
  distance: number;
  duration: number;
  weight: number;
  weight_name: 'duration';
  geometry?: Geometry;
  legs: RouteLeg[];
  waypoints: Waypoint[];
}

export interface RoadGraph {
  /** Many-to-many travel times and distances. */
  table(points: LonLat[], options?: TableOptions): Promise<Table>;
  /** The fastest route through the points, in order. */
  route(points: LonLat[], options?: RouteOptions): Promise<Route>;
  /** The closest point on the road network. */
  nearest(point: LonLat): Promise<Waypoint>;
  /** Releases sockets, files or threads. */
  close(): Promise<void>;
}

/** OSRM's error codes, kept so that both adapters and our OSRM-compatible server speak the same language. */
export type RoadGraphErrorCode = 'NoSegment' | 'TooBig' | 'InvalidQuery' | 'InvalidValue' | 'NoRoute' | 'InvalidUrl' | 'Unavailable';

export class RoadGraphError extends Error {
  constructor(
    readonly code: RoadGraphErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RoadGraphError';
  }
}
