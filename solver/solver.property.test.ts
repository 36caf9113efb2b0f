/** Solver invariants on random instances: valid plans, a reason for every unserved stop, never worse than construction. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solve, type ProblemInput } from './index.js';
import { validate } from './validate/index.js';

const instance = fc
  .record({
    points: fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), { minLength: 2, maxLength: 25 }),
    vehicles: fc.integer({ min: 1, max: 4 }),
    capacity: fc.integer({ min: 1, max: 20 }),
    shift: fc.integer({ min: 100, max: 600 }),
    seed: fc.integer({ min: 1, max: 1000 }),
  })
  .chain(({ points, vehicles, capacity, shift, seed }) =>
    fc.record({
      base: fc.constant({ points, vehicles, capacity, shift, seed }),
      stops: fc.array(
        fc.record({
          demand: fc.integer({ min: 0, max: 8 }),
          open: fc.integer({ min: 0, max: 400 }),
          width: fc.integer({ min: 5, max: 400 }),
          service: fc.integer({ min: 0, max: 20 }),
          skill: fc.constantFrom(undefined, 1),
          shipment: fc.boolean(),
          priority: fc.integer({ min: 0, max: 3 }),
        }),
        { minLength: points.length - 1, maxLength: points.length - 1 },
      ),
    }),
  )
  .map(({ base, stops }): ProblemInput => {
    const { points, vehicles, capacity, shift } = base;
    const matrix = points.map(([ax, ay]) => points.map(([bx, by]) => Math.round(Math.hypot(ax - bx, ay - by))));
    const jobs: NonNullable<ProblemInput['jobs']> = [];
    const shipments: NonNullable<ProblemInput['shipments']> = [];
    stops.forEach((s, i) => {
      const location = i + 1;
      const window: [number, number][] = [[s.open, s.open + s.width]];
      if (s.shipment && location + 1 < points.length) {
        shipments.push({
          pickup: { id: location, location_index: location, service: s.service, time_windows: window },
          delivery: { id: location, location_index: (location % (points.length - 1)) + 1, service: s.service },
          amount: [s.demand],
          skills: s.skill ? [s.skill] : [],
          priority: s.priority,
        });
      } else {
        jobs.push({ id: location, location_index: location, delivery: [s.demand], service: s.service, time_windows: window, skills: s.skill ? [s.skill] : [], priority: s.priority });
      }
    });
    return {
      vehicles: Array.from({ length: vehicles }, (_, v) => ({ id: v + 1, start_index: 0, end_index: 0, capacity: [capacity], time_window: [0, shift] as [number, number], skills: v % 2 === 0 ? [1] : [] })),
      jobs,
      shipments,
      matrices: { car: { durations: matrix } },
    };
  });

describe('solver properties', () => {
  it('returns valid plans with a reason for every unserved stop, never worse than its construction', () => {
    fc.assert(
      fc.property(instance, (problem) => {
        const constructed = solve(problem, { iterations: 0, seed: 3 });
        const searched = solve(problem, { iterations: 60, seed: 3 });
        for (const solution of [constructed, searched]) {
          expect(validate(problem, solution).errors).toEqual([]);
          for (const u of solution.unassigned) {
            expect(u.code).toMatch(/^[a-z_]+$/);
            expect(u.reason.length).toBeGreaterThan(0);
          }
        }
        // Lexicographically no worse: served priority, then stops served, then vehicles, then cost.
        const rank = (s: typeof searched) => [-s.summary.priority, s.unassigned.length, s.summary.routes, s.summary.cost];
        const [after, before] = [rank(searched), rank(constructed)];
        const firstDifference = after.findIndex((x, i) => Math.abs(x - before[i]!) > 1e-6);
        if (firstDifference >= 0) expect(after[firstDifference]).toBeLessThan(before[firstDifference]!);
      }),
      { numRuns: 60, seed: 42 },
    );
  });
});
