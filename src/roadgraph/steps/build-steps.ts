/**
 * PathTrace → OSRM v5 RouteSteps. Consecutive edges of one street merge into one step; a new step
 * starts where the street changes or the road turns at a junction that offers a choice. Maneuvers:
 * depart, turn (modifier from the bearing change), new name, continue, on/off ramp, merge, fork,
 * end of road, roundabout with its exit number, arrive.
 */
import { encodeGeometry } from '../geometry-encoding.js';
import type { PathTrace, TraceEdge, TraceJunction } from '../path-trace.js';
import type { LonLat, RouteOptions, RouteStep } from '../road-graph.js';

/** Signed turn angle in degrees: positive to the right, in (-180, 180]. */
export function turnAngle(bearingBefore: number, bearingAfter: number): number {
  let angle = (bearingAfter - bearingBefore + 360) % 360;
  if (angle > 180) angle -= 360;
  return angle;
}

export function modifierFor(angle: number): string {
  const a = Math.abs(angle);
  if (a < 20) return 'straight';
  if (a >= 170) return 'uturn';
  const side = angle > 0 ? 'right' : 'left';
  if (a < 60) return `slight ${side}`;
  if (a < 135) return side;
  return `sharp ${side}`;
}

const isLink = (highway: string) => highway.endsWith('_link');
const isMotorway = (highway: string) => highway === 'motorway' || highway === 'trunk';
const sameStreet = (a: TraceEdge, b: TraceEdge) => a.name === b.name && a.ref === b.ref && (a.name !== '' || a.ref !== '' || a.highway === b.highway);

function lastBearing(edge: TraceEdge): number {
  const g = edge.geometry;
  const [a, b] = [g[Math.max(0, g.length - 2)]!, g[g.length - 1]!];
  return bearingOf(a, b);
}

function firstBearing(edge: TraceEdge): number {
  const g = edge.geometry;
  return bearingOf(g[0]!, g[1] ?? g[0]!);
}

function bearingOf(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const y = Math.sin((b[0] - a[0]) * rad) * Math.cos(b[1] * rad);
  const x = Math.cos(a[1] * rad) * Math.sin(b[1] * rad) - Math.sin(a[1] * rad) * Math.cos(b[1] * rad) * Math.cos((b[0] - a[0]) * rad);
  return Math.round((Math.atan2(y, x) / rad + 360) % 360);
}

/** Roads a car could take at the junction besides the one it arrived by. */
function choices(junction: TraceJunction, arrivalBearing: number): number[] {
  const back = (arrivalBearing + 180) % 360;
  return junction.bearings.filter((b, i) => junction.entry[i] && Math.abs(turnAngle(back, b)) > 10);
}

interface Draft {
  type: string;
  modifier?: string;
  exit?: number;
  junction: TraceJunction;
  bearingBefore: number;
  bearingAfter: number;
  edges: TraceEdge[];
}

export function buildSteps(trace: PathTrace, geometry: RouteOptions['geometry']): RouteStep[] {
  const { edges, junctions } = trace;
  if (edges.length === 0) return [];
  const drafts: Draft[] = [{ type: 'depart', junction: junctions[0]!, bearingBefore: 0, bearingAfter: firstBearing(edges[0]!), edges: [edges[0]!] }];
  for (let i = 1; i < edges.length; i++) {
    const before = edges[i - 1]!;
    const after = edges[i]!;
    const junction = junctions[i]!;
    const current = drafts[drafts.length - 1]!;
    const bearingBefore = lastBearing(before);
    const bearingAfter = firstBearing(after);
    const angle = turnAngle(bearingBefore, bearingAfter);
    if (current.type === 'roundabout') {
      // Inside a roundabout every exit passed counts; leaving it ends the counting.
      if (before.roundabout && after.roundabout) {
        if (choices(junction, bearingBefore).length > 1) current.exit = (current.exit ?? 1) + 1;
        current.edges.push(after);
        continue;
      }
      if (before.roundabout && !after.roundabout) {
        // The modifier says where the exit lies relative to the entry direction.
        current.modifier = modifierFor(turnAngle(current.bearingBefore, bearingAfter));
        current.edges.push(after);
        continue;
      }
    }
    if (after.roundabout && !before.roundabout) {
      drafts.push({ type: 'roundabout', modifier: 'straight', exit: 1, junction, bearingBefore, bearingAfter, edges: [after] });
      continue;
    }
    const options = choices(junction, bearingBefore);
    const streetChanges = !sameStreet(before, after);
    const turning = Math.abs(angle) >= 35 && options.length > 1;
    if (!streetChanges && !turning) {
      current.edges.push(after);
      continue;
    }
    if (current.type === 'roundabout' && !streetChanges && Math.abs(angle) < 35) {
      current.edges.push(after);
      continue;
    }
    let type = 'turn';
    if (!isLink(before.highway) && isLink(after.highway)) type = isMotorway(before.highway) ? 'off ramp' : 'on ramp';
    else if (isLink(before.highway) && isMotorway(after.highway)) type = 'merge';
    else if (options.length === 2 && Math.abs(angle) < 35) type = 'fork';
    else if (options.length === 2 && !options.some((b) => Math.abs(turnAngle(bearingBefore, b)) < 35) && Math.abs(angle) >= 60) type = 'end of road';
    else if (!streetChanges) type = 'continue';
    else if (Math.abs(angle) < 35) type = 'new name';
    drafts.push({ type, modifier: modifierFor(angle), junction, bearingBefore, bearingAfter, edges: [after] });
  }
  const last = edges[edges.length - 1]!;
  const arrival = junctions[junctions.length - 1]!;
  const steps = drafts.map((d) => toStep(d, geometry));
  steps.push(
    toStep({ type: 'arrive', junction: arrival, bearingBefore: lastBearing(last), bearingAfter: 0, edges: [{ ...last, duration: 0, distance: 0, geometry: [arrival.location, arrival.location] }] }, geometry),
  );
  return steps;
}

function toStep(d: Draft, geometry: RouteOptions['geometry']): RouteStep {
  const last = d.edges[d.edges.length - 1]!;
  const points = d.edges.flatMap((e, i) => (i === 0 ? e.geometry : e.geometry.slice(1)));
  const duration = Math.round(d.edges.reduce((s, e) => s + e.duration, 0) * 10) / 10;
  const distance = Math.round(d.edges.reduce((s, e) => s + e.distance, 0) * 10) / 10;
  const bearings = d.junction.bearings.length ? d.junction.bearings : [d.bearingAfter];
  const out = nearestIndex(bearings, d.bearingAfter);
  return {
    distance,
    duration,
    weight: duration,
    name: last.name,
    ...(last.ref ? { ref: last.ref } : {}),
    mode: 'driving',
    driving_side: 'right',
    maneuver: {
      type: d.type,
      ...(d.modifier && d.type !== 'depart' && d.type !== 'arrive' ? { modifier: d.modifier } : {}),
      location: d.junction.location,
      bearing_before: d.bearingBefore,
      bearing_after: d.bearingAfter,
      ...(d.exit !== undefined ? { exit: d.exit } : {}),
    },
    ...(geometry ? { geometry: encodeGeometry(points, geometry) } : {}),
    intersections: [
      {
        location: d.junction.location,
        bearings,
        entry: d.junction.entry.length ? d.junction.entry : [true],
        ...(d.type !== 'depart' ? { in: nearestIndex(bearings, (d.bearingBefore + 180) % 360) } : {}),
        ...(d.type !== 'arrive' ? { out } : {}),
      },
    ],
  };
}

function nearestIndex(bearings: number[], target: number): number {
  let best = 0;
  for (let i = 1; i < bearings.length; i++) if (Math.abs(turnAngle(bearings[i]!, target)) < Math.abs(turnAngle(bearings[best]!, target))) best = i;
  return best;
}
