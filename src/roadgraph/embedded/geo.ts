/** Spherical geometry on [lon, lat] degrees: distances in metres, bearings in degrees clockwise from north. */
const R = 6_371_008.8;
const rad = Math.PI / 180;

export function haversine(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function bearing(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const y = Math.sin((lon2 - lon1) * rad) * Math.cos(lat2 * rad);
  const x = Math.cos(lat1 * rad) * Math.sin(lat2 * rad) - Math.sin(lat1 * rad) * Math.cos(lat2 * rad) * Math.cos((lon2 - lon1) * rad);
  return (Math.atan2(y, x) / rad + 360) % 360;
}

/**
 * Projects point p onto segment a–b in a local equirectangular frame (exact enough within a street):
 * the fraction along the segment (0..1) and the distance in metres.
 */
export function projectOnSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): { t: number; distance: number } {
  const k = Math.cos(py * rad);
  const dx = (bx - ax) * k;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  let t = length2 > 0 ? (((px - ax) * k) * dx + (py - ay) * dy) / length2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const qx = ax + (bx - ax) * t;
  const qy = ay + (by - ay) * t;
  return { t, distance: haversine(px, py, qx, qy) };
}
