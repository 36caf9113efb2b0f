/**
 * What a routing engine hands to the step builder: the road path of one leg, edge by edge,
 * with the shape of every junction it crosses. The embedded engine produces it from an
 * unpacked contraction-hierarchy path; `steps/` turns it into OSRM RouteSteps.
 */
import type { LonLat } from './road-graph.js';

export interface TraceJunction {
  location: LonLat;
  /** Bearings (0–359, clockwise from north) of every road leaving this junction, the arrival road's reverse included. */
  bearings: number[];
  /** For each bearing: may a car enter that road from here (oneway, restrictions)? */
  entry: boolean[];
}

export interface TraceEdge {
  name: string;
  ref: string;
  /** Part of a roundabout (junction=roundabout/circular). */
  roundabout: boolean;
  /** OSM highway class, e.g. 'residential', 'motorway_link'. */
  highway: string;
  duration: number;
  distance: number;
  /** The edge's polyline, from its first to its last point. */
  geometry: LonLat[];
}

export interface PathTrace {
  /** edges[i] runs from junctions[i] to junctions[i + 1]; the first and last junctions are the snapped waypoints. */
  edges: TraceEdge[];
  junctions: TraceJunction[];
}
