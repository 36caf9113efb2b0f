/**
 * ETA updates and late notices carry every value they change, so a cached assignment can take them
 * in place instead of being read again from the database. That matters at scale: a busy courier's
 * ETAs move every few seconds, and each API instance would otherwise reload the route each time.
 */
import type { StreamEvent } from '../events/domain-event.js';
import type { Assignment } from './assignment.js';

interface EtaEntry {
  stop_id: string;
  eta: string;
}

/** Event types whose effect on an assignment is fully described by the event itself. */
export const patchableEventTypes = new Set(['eta.updated', 'stop.late']);

/**
 * The assignment with the event applied, as a new object (readers of the old one are unaffected),
 * or undefined when the event does not fit it (another route, an unknown stop): reload then.
 */
export function patchAssignment(assignment: Assignment, event: StreamEvent): Assignment | undefined {
  if (event.route_id !== assignment.route_id) return undefined;
  const index = new Map(assignment.stops.map((s, i) => [s.id, i]));
  const stops = [...assignment.stops];
  if (event.type === 'eta.updated') {
    const etas = (event.data.etas ?? []) as EtaEntry[];
    for (const { stop_id: stopId, eta } of etas) {
      const i = index.get(stopId);
      if (i === undefined) return undefined;
      stops[i] = { ...stops[i]!, eta: new Date(eta) };
    }
    return { ...assignment, stops, eta_published_at: new Date(event.created_at) };
  }
  if (event.type === 'stop.late') {
    const i = index.get(String(event.data.stop_id));
    if (i === undefined) return undefined;
    stops[i] = { ...stops[i]!, late_notified: true };
    return { ...assignment, stops };
  }
  return undefined;
}
