/**
 * Recomputes a courier's ETAs after a ping or a stop event: snaps the position onto the road
 * graph, measures the live travel time to the next open stop, projects the rest of the route
 * (eta-timeline), and stores and announces what changed: `eta.updated` when an ETA moved by more
 * than the threshold (at most once per courier per interval), `stop.late` once per stop whose
 * windows will be missed. Pings of one courier are coalesced: while one recompute runs, only the
 * newest waiting ping is kept.
 */
import type { Db } from '../../db/database.js';
import type { Logger } from '../../observability/logger.js';
import { haversine } from '../../roadgraph/embedded/geo.js';
import type { LonLat, RoadGraph } from '../../roadgraph/road-graph.js';
import type { AssignmentCache } from '../assignments/assignment-cache.js';
import type { Assignment } from '../assignments/assignment.js';
import type { DomainEvent } from '../events/domain-event.js';
import type { EventRecorder } from '../events/event-recorder.js';
import { plannedLegs, projectTimeline, type Projection } from './eta-timeline.js';

export interface CourierFix {
  location: LonLat;
  /** Epoch ms the position was taken (device time). */
  time: number;
  speed?: number | null;
  heading?: number | null;
  accuracy?: number | null;
}

export interface EtaEngineOptions {
  /** An ETA has to move by more than this (s) to be announced. */
  thresholdS?: number;
  /** At most one eta.updated per courier per this many ms. */
  minIntervalMs?: number;
}

/** Fallback speed (m/s) when the road graph has no route: about 30 km/h in town. */
const FALLBACK_SPEED = 8.3;

export class EtaEngine {
  private readonly pending = new Map<string, { organisationId: string; fix: CourierFix } | null>();
  private readonly thresholdMs: number;
  private readonly minIntervalMs: number;

  constructor(
    private readonly deps: { db: Db; recorder: EventRecorder; assignments: AssignmentCache; roadGraph: () => Promise<RoadGraph>; logger: Logger },
    options: EtaEngineOptions = {},
  ) {
    this.thresholdMs = (options.thresholdS ?? 60) * 1000;
    this.minIntervalMs = options.minIntervalMs ?? 5000;
  }

  /** Schedules a recompute for the courier's newest fix; returns at once. */
  update(organisationId: string, courierId: string, fix: CourierFix): void {
    if (this.pending.has(courierId)) {
      this.pending.set(courierId, { organisationId, fix });
      return;
    }
    this.pending.set(courierId, null);
    void this.run(organisationId, courierId, fix);
  }

  private async run(organisationId: string, courierId: string, fix: CourierFix): Promise<void> {
    try {
      await this.recompute(organisationId, courierId, fix);
    } catch (error) {
      this.deps.logger.warn({ err: error, courierId }, 'ETA recompute failed');
    }
    const next = this.pending.get(courierId);
    if (next) {
      this.pending.set(courierId, null);
      return this.run(next.organisationId, courierId, next.fix);
    }
    this.pending.delete(courierId);
  }

  async recompute(organisationId: string, courierId: string, fix: CourierFix): Promise<void> {
    const { assignment } = await this.deps.assignments.get(organisationId, courierId);
    const open = assignment?.stops.filter((s) => s.status === 'pending' || s.status === 'arrived') ?? [];
    const next = open[0];
    let snapped = fix.location;
    let toNextS = 0;
    if (next) {
      ({ snapped, toNextS } = await this.travel(fix.location, next.location));
    }
    const base = { organisationId, courierId, routeId: assignment?.route_id ?? null, depotId: assignment?.depot_id ?? null };
    await this.deps.recorder.live({ ...base, type: 'courier.position', data: { location: snapped, reported: fix.location, time: new Date(fix.time).toISOString(), speed: fix.speed ?? null, heading: fix.heading ?? null, accuracy: fix.accuracy ?? null } });
    if (!assignment || !next) return;
    await this.announce(assignment, fix.time, toNextS);
  }

  /** Projects the route from a courier's position at `now` and stores and announces what changed. */
  async announce(assignment: Assignment, now: number, toNextS: number): Promise<void> {
    const { stops } = assignment;
    const legs = plannedLegs(stops);
    const projections = projectTimeline(
      stops.map((s, i) => ({ status: s.status, windows: s.time_windows.map((w) => ({ start: Date.parse(w.start), end: Date.parse(w.end) })), serviceS: s.service_s, arrivedAt: s.arrived_at?.getTime() ?? null, legS: legs[i]! })),
      now,
      toNextS,
    );
    const moved = projections.some((p) => !stops[p.index]!.eta || Math.abs(stops[p.index]!.eta!.getTime() - p.eta) > this.thresholdMs);
    const rateOk = !assignment.eta_published_at || Date.now() - assignment.eta_published_at.getTime() >= this.minIntervalMs;
    const newlyLate = projections.filter((p) => p.late && !stops[p.index]!.late_notified);
    const publishEtas = moved && rateOk;
    if (!publishEtas && !newlyLate.length) return;

    const base = { organisationId: assignment.organisation_id, courierId: assignment.courier_id, routeId: assignment.route_id, depotId: assignment.depot_id };
    const events: DomainEvent[] = [];
    if (publishEtas) events.push({ ...base, type: 'eta.updated', orderIds: projections.map((p) => stops[p.index]!.order_id), data: { etas: projections.map((p) => this.etaOf(assignment, p)) } });
    for (const p of newlyLate) events.push({ ...base, type: 'stop.late', orderIds: [stops[p.index]!.order_id], data: this.etaOf(assignment, p) });
    // New ETAs and late flags in one update (one statement may not touch a stop twice), stored
    // with the events in a single statement: this runs at every announcement, often hundreds a second.
    const { db, recorder } = this.deps;
    const changed = publishEtas ? projections : newlyLate;
    const late = new Set(newlyLate.map((p) => p.index));
    const writes = [
      db.raw('update stops set eta = coalesce(v.eta, stops.eta), late_notified = stops.late_notified or v.late from (select unnest(?::uuid[]) as id, unnest(?::timestamptz[]) as eta, unnest(?::boolean[]) as late) v where stops.id = v.id', [
        changed.map((p) => stops[p.index]!.id),
        // pg sends a null element as SQL NULL (keep the stored ETA); knex's types allow no nulls in arrays.
        changed.map((p) => (publishEtas ? new Date(p.eta).toISOString() : null)) as string[],
        changed.map((p) => late.has(p.index)),
      ]),
    ];
    if (publishEtas) writes.push(db.raw('update routes set eta_published_at = now() where id = ?', [assignment.route_id]));
    await recorder.publish(await recorder.store(events, db, writes));
  }

  private etaOf(assignment: Assignment, p: Projection) {
    const stop = assignment.stops[p.index]!;
    return { stop_id: stop.id, order_id: stop.order_id, eta: new Date(p.eta).toISOString(), service_start: new Date(p.serviceStart).toISOString(), late: p.late };
  }

  private async travel(from: LonLat, to: LonLat): Promise<{ snapped: LonLat; toNextS: number }> {
    try {
      const graph = await this.deps.roadGraph();
      const table = await graph.table([from, to], { sources: [0], destinations: [1] });
      const seconds = table.durations[0]![0];
      if (seconds !== null && seconds !== undefined) return { snapped: table.sources[0]!.location, toNextS: seconds };
    } catch (error) {
      this.deps.logger.debug({ err: error }, 'no road-graph travel time; using a straight-line estimate');
    }
    return { snapped: from, toNextS: haversine(from[0], from[1], to[0], to[1]) / FALLBACK_SPEED };
  }
}
