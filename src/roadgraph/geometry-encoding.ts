/** Route geometry as GeoJSON or Google polyline (precision 5 or 6), OSRM's formats. */
import polyline from '@mapbox/polyline';
import type { Geometry, LonLat, RouteOptions } from './road-graph.js';

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function encodeGeometry(coordinates: LonLat[], format: NonNullable<RouteOptions['geometry']>): Geometry {
  const rounded = coordinates.map(([lon, lat]) => [round6(lon), round6(lat)] as LonLat);
  if (format === 'geojson') return { type: 'LineString', coordinates: rounded };
  return polyline.encode(rounded.map(([lon, lat]) => [lat, lon]), format === 'polyline6' ? 6 : 5);
}
