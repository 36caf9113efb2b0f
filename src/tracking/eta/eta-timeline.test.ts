import { describe, expect, it } from 'vitest';
import { plannedLegs, projectTimeline, type TimelineStop } from './eta-timeline.js';

const t0 = Date.parse('2026-11-23T09:00:00Z');
const stop = (over: Partial<TimelineStop> = {}): TimelineStop => ({ status: 'pending', windows: [], serviceS: 120, arrivedAt: null, legS: 300, ...over });

describe('projectTimeline', () => {
  it('adds live travel, service times and planned legs', () => {
    const p = projectTimeline([stop(), stop()], t0, 600);
    expect(p.map((x) => (x.eta - t0) / 1000)).toEqual([600, 600 + 120 + 300]);
    expect(p.every((x) => !x.late)).toBe(true);
  });

  it('waits for a window to open, and flags a stop whose windows have all closed', () => {
    const windows = [{ start: t0 + 3600_000, end: t0 + 7200_000 }];
    const p = projectTimeline([stop({ windows }), stop({ windows: [{ start: t0, end: t0 + 60_000 }] })], t0, 60);
    expect(p[0]).toMatchObject({ eta: t0 + 60_000, serviceStart: t0 + 3600_000, late: false });
    expect(p[1]!.late).toBe(true);
  });

  it('skips finished stops and keeps an arrived stop at its arrival', () => {
    const arrivedAt = t0 - 60_000;
    const p = projectTimeline([stop({ status: 'done' }), stop({ status: 'arrived', arrivedAt, serviceS: 30 }), stop()], t0, 999);
    expect(p.map((x) => x.index)).toEqual([1, 2]);
    expect(p[0]!.eta).toBe(arrivedAt);
    // Service would have ended before now: the courier leaves now at the earliest.
    expect(p[1]!.eta).toBe(t0 + 300_000);
  });

  it('derives planned legs from planned arrivals and departures', () => {
    const at = (s: number) => new Date(t0 + s * 1000);
    expect(plannedLegs([{ planned_arrival: at(0), planned_start: at(100), service_s: 50 }, { planned_arrival: at(400), planned_start: at(400), service_s: 0 }])).toEqual([0, 250]);
  });
});
