import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLiLim, parseSolomon, plan, solve, SolverInputError, type ProblemInput } from './index.js';
import { lineMatrix, lineProblem } from './test-support/instances.js';
import { validate } from './validate/index.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/benchmarks/${path}`, import.meta.url), 'utf8');

function solveValid(problem: ProblemInput, options: Parameters<typeof solve>[1] = { iterations: 300 }) {
  const solution = solve(problem, options);
  const check = validate(problem, solution);
  expect(check.errors).toEqual([]);
  return solution;
}

describe('solve on benchmark instances', () => {
  it('finds the best-known C101 plan (10 vehicles, 828.94) with a fixed iteration budget', () => {
    const solution = solveValid(parseSolomon(fixture('solomon/C101.txt')), { iterations: 3000, seed: 1 });
    expect(solution.summary.routes).toBe(10);
    expect(solution.summary.distance).toBeCloseTo(828.94, 1);
  });

  it('solves a Li & Lim pickup-and-delivery instance with every pair on one vehicle', () => {
    const solution = solveValid(parseLiLim(fixture('li_lim/lc101.txt')), { iterations: 1500, seed: 1 });
    expect(solution.unassigned).toEqual([]);
    expect(solution.summary.routes).toBeLessThanOrEqual(11);
  });

  it('gives the same answer for the same seed and iteration limit', () => {
    const problem = parseSolomon(fixture('solomon/R101.txt'));
    const a = solve(problem, { iterations: 400, seed: 7 });
    const b = solve(problem, { iterations: 400, seed: 7 });
    expect(a.routes).toEqual(b.routes);
    expect(a.summary.distance).toBe(b.summary.distance);
  });

  it('ends once converged when asked to (stallIterations), long before its time limit, the same for a seed', () => {
    const problem = parseSolomon(fixture('solomon/C101.txt'));
    problem.jobs = problem.jobs!.slice(0, 12);
    const a = solveValid(problem, { timeLimitMs: 600_000, stallIterations: 200, seed: 3 });
    // Two phases (fleet, then cost), each ended by 200 iterations without a better solution.
    expect(a.stats.iterations).toBeLessThan(5000);
    expect(a.unassigned).toEqual([]);
    const b = solve(problem, { timeLimitMs: 600_000, stallIterations: 200, seed: 3 });
    expect(b.routes).toEqual(a.routes);
  });

  it('stops on abort with the best solution so far, and reports progress', () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const started = performance.now();
    const solution = solve(parseSolomon(fixture('solomon/R201.txt')), {
      timeLimitMs: 60_000,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.iteration);
        if (performance.now() - started > 300) controller.abort();
      },
    });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(seen.length).toBeGreaterThan(0);
    expect(validate(parseSolomon(fixture('solomon/R201.txt')), solution).ok).toBe(true);
  });

  it('minimises distance with the cost objective without adding unserved stops', () => {
    const problem = { ...parseSolomon(fixture('solomon/R101.txt')), options: { objective: 'cost' as const, minimize: 'distance' as const, plan: false } };
    const solution = solveValid(problem, { iterations: 500, seed: 1 });
    expect(solution.unassigned).toEqual([]);
  });
});

describe('constraints and reasons', () => {
  it('respects capacity by opening another vehicle', () => {
    const problem = lineProblem([1, 2, 3], { vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [2] }, { id: 2, start_index: 0, end_index: 0, capacity: [2] }] });
    const solution = solveValid(problem);
    expect(solution.summary.routes).toBe(2);
    expect(solution.unassigned).toEqual([]);
  });

  it('explains each unserved stop with a code and a sentence', () => {
    const matrix = lineMatrix([0, 1, 2, 3, 4, 5, 6, 7]);
    matrix[0]![7] = null as unknown as number;
    matrix[7]![0] = null as unknown as number;
    const problem: ProblemInput = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [5], skills: [1], time_window: [0, 100] }],
      jobs: [
        { id: 1, location_index: 1, delivery: [1], skills: [2] },
        { id: 2, location_index: 2, delivery: [9] },
        { id: 3, location_index: 3, delivery: [1], time_windows: [[0, 1]] },
        { id: 4, location_index: 4, delivery: [1], service: 200 },
        { id: 5, location_index: 5, delivery: [1] },
        { id: 7, location_index: 7, delivery: [1] },
      ],
      shipments: [{ pickup: { id: 10, location_index: 1 }, delivery: { id: 10, location_index: 6 }, amount: [1], max_ride_time: 2 }],
      matrices: { car: { durations: matrix } },
    };
    const solution = solveValid(problem);
    const codes = Object.fromEntries(solution.unassigned.map((u) => [`${u.type}:${u.id}`, u.code]));
    expect(codes).toMatchObject({ 'job:1': 'skills', 'job:2': 'capacity', 'job:3': 'time_window', 'job:4': 'shift', 'job:7': 'unreachable', 'pickup:10': 'max_ride_time', 'delivery:10': 'max_ride_time' });
    expect(codes['job:5']).toBeUndefined();
    for (const u of solution.unassigned) expect(u.reason.length).toBeGreaterThan(10);
  });

  it('reports no_vehicle when the fleet, not the stop, is the limit', () => {
    const problem = lineProblem([10, -10], { vehicles: [{ id: 1, start_index: 0, end_index: 0, time_window: [0, 30] }] });
    const solution = solveValid(problem);
    expect(solution.unassigned).toHaveLength(1);
    expect(solution.unassigned[0]!.code).toBe('no_vehicle');
  });

  it('keeps every shipment on one vehicle, pickup first, within its ride time', () => {
    const matrix = lineMatrix([0, 5, 10, 3, 8]);
    const problem: ProblemInput = {
      vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [1] }, { id: 2, start_index: 0, end_index: 0, capacity: [1] }],
      shipments: [
        { pickup: { id: 1, location_index: 1 }, delivery: { id: 1, location_index: 2 }, amount: [1], max_ride_time: 5 },
        { pickup: { id: 2, location_index: 3 }, delivery: { id: 2, location_index: 4 }, amount: [1] },
      ],
      matrices: { car: { durations: matrix } },
    };
    const solution = solveValid(problem);
    expect(solution.unassigned).toEqual([]);
  });

  it('serves a higher priority first when not everything fits', () => {
    const problem = lineProblem([10, 10], { vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [1] }], jobs: [{ id: 1, location_index: 1, delivery: [1] }, { id: 2, location_index: 2, delivery: [1], priority: 50 }] });
    const solution = solveValid(problem);
    expect(solution.unassigned.map((u) => u.id)).toEqual([1]);
  });

  it('keeps locked stops in place at the head of their route and starts from a warm plan', () => {
    const problem = lineProblem([5, 1, 3, 2], {
      vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [10], steps: [{ type: 'job', id: 1, locked: true }, { type: 'job', id: 2, locked: true }, { type: 'job', id: 3 }] }],
    });
    const solution = solveValid(problem);
    const ids = solution.routes[0]!.steps.filter((s) => s.type === 'job').map((s) => s.id);
    expect(ids.slice(0, 2)).toEqual([1, 2]);
    expect(ids.sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('plan mode', () => {
  it('evaluates given routes without searching: arrivals, waits, loads and violations', () => {
    const problem = lineProblem([4, 2], {
      vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [1], time_window: [0, 100], steps: [{ type: 'job', id: 1 }, { type: 'job', id: 2 }] }],
      jobs: [
        { id: 1, location_index: 1, delivery: [1], service: 1, time_windows: [[10, 20]] },
        { id: 2, location_index: 2, delivery: [1], time_windows: [[0, 5]] },
      ],
    });
    const result = plan(problem);
    const [start, first, second, end] = result.routes[0]!.steps;
    expect(start!.type).toBe('start');
    expect(first).toMatchObject({ id: 1, arrival: 10, waiting_time: 0 });
    expect(start!.arrival).toBe(6); // leaves just in time for the first window
    expect(second).toMatchObject({ id: 2, arrival: 13 });
    expect(second!.violations.map((v) => v.cause)).toEqual(['delay']);
    expect(result.routes[0]!.violations.map((v) => v.cause)).toEqual(expect.arrayContaining(['load', 'delay']));
    expect(end!.arrival).toBe(15);
  });
});

describe('bad input', () => {
  const base = lineProblem([1, 2]);
  const cases: [string, unknown, RegExp][] = [
    ['negative capacity', { ...base, vehicles: [{ id: 1, start_index: 0, capacity: [-1] }] }, /vehicles\[0\]\.capacity\[0\]/],
    ['window end before start', { ...base, jobs: [{ id: 1, location_index: 1, time_windows: [[10, 5]] }] }, /jobs\[0\]\.time_windows\[0\].*precedes/],
    ['matrix of the wrong size', { ...base, matrices: { car: { durations: [[0, 1], [1, 0, 3]] } } }, /matrices\.car\.durations/],
    ['unknown location index', { ...base, jobs: [{ id: 1, location_index: 9 }] }, /jobs\[0\]\.location_index.*outside/],
    ['duplicate ids', { ...base, jobs: [{ id: 1, location_index: 1 }, { id: 1, location_index: 2 }] }, /jobs\[1\]\.id.*duplicate/],
    ['NaN', { ...base, jobs: [{ id: 1, location_index: 1, service: Number.NaN }] }, /jobs\[0\]\.service/],
    ['no vehicles', { ...base, vehicles: [] }, /vehicles/],
    ['unknown step id', { ...base, vehicles: [{ id: 1, start_index: 0, steps: [{ type: 'job', id: 99 }] }] }, /vehicles\[0\]\.steps\[0\]\.id/],
  ];
  it.each(cases)('%s → SolverInputError naming the field', (_name, input, message) => {
    expect(() => solve(input, { iterations: 10 })).toThrow(SolverInputError);
    expect(() => solve(input, { iterations: 10 })).toThrow(message);
  });
});
