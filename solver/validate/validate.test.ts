import { describe, expect, it } from 'vitest';
import { solve, type ProblemInput, type Solution } from '../index.js';
import { lineProblem } from '../test-support/instances.js';
import { validate } from './validate.js';

const problem: ProblemInput = lineProblem([1, 2, 3], {
  vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [3], time_window: [0, 100], skills: [1] }],
  jobs: [
    { id: 1, location_index: 1, delivery: [1], time_windows: [[0, 50]] },
    { id: 2, location_index: 2, delivery: [1], skills: [1] },
    { id: 3, location_index: 3, delivery: [1] },
  ],
});
const good = () => structuredClone(solve(problem, { iterations: 50 })) as Solution;
const errorsOf = (s: Solution, p: ProblemInput = problem) => validate(p, s).errors.map((e) => e.message).join('\n');

describe('validate', () => {
  it('accepts a correct solution', () => {
    expect(validate(problem, good())).toEqual({ ok: true, errors: [] });
  });

  it('detects a task served twice and one neither served nor reported', () => {
    const s = good();
    const steps = s.routes[0]!.steps;
    const jobs = steps.filter((x) => x.type === 'job');
    jobs[1]!.id = jobs[0]!.id;
    expect(errorsOf(s)).toMatch(/served twice/);
    expect(errorsOf(s)).toMatch(/neither routed nor reported/);
  });

  it('detects a capacity overflow', () => {
    const tight = { ...problem, vehicles: [{ ...problem.vehicles![0]!, capacity: [2] }] };
    expect(errorsOf(good(), tight)).toMatch(/exceeds capacity/);
  });

  it('detects a service outside its time window and a late end of shift', () => {
    const late = { ...problem, jobs: problem.jobs!.map((j) => ({ ...j, time_windows: [[0, 0.5]] as [number, number][] })), vehicles: [{ ...problem.vehicles![0]!, time_window: [0, 3] as [number, number] }] };
    expect(errorsOf(good(), late)).toMatch(/outside every time window/);
    expect(errorsOf(good(), late)).toMatch(/after the shift ends/);
  });

  it('detects a missing skill, a wrong arrival and wrong totals', () => {
    const noSkill = { ...problem, vehicles: [{ ...problem.vehicles![0]!, skills: [] }] };
    expect(errorsOf(good(), noSkill)).toMatch(/lacks a skill/);
    const s = good();
    s.routes[0]!.steps[1]!.arrival += 5;
    s.summary.distance += 1;
    expect(errorsOf(s)).toMatch(/arrival: reported|reported .* recomputed/);
    expect(validate(problem, s).errors.map((e) => e.path)).toContain('summary.distance');
  });

  it('detects a delivery before its pickup and a ride that is too long', () => {
    const shipments: ProblemInput = {
      ...lineProblem([1, 5]),
      jobs: [],
      shipments: [{ pickup: { id: 1, location_index: 1 }, delivery: { id: 1, location_index: 2 }, amount: [1], max_ride_time: 10 }],
    };
    const s = structuredClone(solve(shipments, { iterations: 20 })) as Solution;
    expect(validate(shipments, s).ok).toBe(true);
    const strict = { ...shipments, shipments: [{ ...shipments.shipments![0]!, max_ride_time: 1 }] };
    expect(errorsOf(s, strict)).toMatch(/exceeds max_ride_time/);
    const steps = s.routes[0]!.steps;
    const i = steps.findIndex((x) => x.type === 'pickup');
    [steps[i], steps[i + 1]] = [steps[i + 1]!, steps[i]!];
    expect(errorsOf(s, shipments)).toMatch(/before its pickup/);
  });
});
