/** The courier app's view of an assignment: stops in order with what the courier needs at the door. */
import type { Assignment } from './assignment.js';

export function presentAssignment(assignment: Assignment | undefined) {
  if (!assignment) return { route: null };
  return {
    route: {
      id: assignment.route_id,
      plan_id: assignment.plan_id,
      start_at: assignment.start_at.toISOString(),
      end_at: assignment.end_at.toISOString(),
      stops: assignment.stops.map((s) => ({
        id: s.id,
        order_id: s.order_id,
        external_id: s.external_id,
        sequence: s.sequence,
        kind: s.kind,
        location: s.location,
        address: s.address,
        recipient: s.recipient,
        status: s.status,
        time_windows: s.time_windows,
        service_time: s.service_s,
        planned_arrival: s.planned_arrival.toISOString(),
        eta: s.eta ? s.eta.toISOString() : null,
      })),
    },
  };
}
