import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../events/domain-event.js';
import type { Assignment, AssignmentStop } from './assignment.js';
import { patchAssignment } from './patch-assignment.js';

const stop = (id: string, sequence: number): AssignmentStop => ({
  id, order_id: `o-${id}`, external_id: id, sequence, kind: 'dropoff', location: [-8.6, 41.1], address: null, recipient: {}, status: 'pending',
  time_windows: [], service_s: 60, planned_arrival: new Date(0), planned_start: new Date(0), eta: null, arrived_at: null, late_notified: false,
});

const assignment: Assignment = {
  organisation_id: 'org', courier_id: 'c1', route_id: 'r1', plan_id: 'p1', depot_id: null,
  start_at: new Date(0), end_at: new Date(0), eta_published_at: null, stops: [stop('a', 0), stop('b', 1)],
};

const event = (type: StreamEvent['type'], data: Record<string, unknown>, routeId = 'r1'): StreamEvent => ({
  id: '7', type, courier_id: 'c1', route_id: routeId, depot_id: null, order_ids: [], created_at: '2026-11-23T10:00:00.000Z', data,
});

describe('patchAssignment', () => {
  it('takes the ETAs of an eta.updated and its publication time, leaving the original untouched', () => {
    const patched = patchAssignment(assignment, event('eta.updated', { etas: [{ stop_id: 'b', eta: '2026-11-23T11:00:00.000Z' }] }))!;
    expect(patched.stops[1]!.eta?.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    expect(patched.stops[0]!.eta).toBeNull();
    expect(patched.eta_published_at?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(assignment.stops[1]!.eta).toBeNull();
  });

  it('marks the stop of a stop.late as notified', () => {
    expect(patchAssignment(assignment, event('stop.late', { stop_id: 'a' }))!.stops[0]!.late_notified).toBe(true);
  });

  it('refuses what does not fit: another route, an unknown stop, another event type', () => {
    expect(patchAssignment(assignment, event('eta.updated', { etas: [] }, 'r2'))).toBeUndefined();
    expect(patchAssignment(assignment, event('eta.updated', { etas: [{ stop_id: 'zz', eta: '2026-11-23T11:00:00.000Z' }] }))).toBeUndefined();
    expect(patchAssignment(assignment, event('stop.status', { stop_id: 'a' }))).toBeUndefined();
  });
});
