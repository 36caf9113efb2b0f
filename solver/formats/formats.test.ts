import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SolverInputError } from '../errors.js';
import { parseLiLim } from './lilim.js';
import { parseSolomon } from './solomon.js';

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/benchmarks/${path}`, import.meta.url), 'utf8');

describe('parseSolomon', () => {
  const problem = parseSolomon(fixture('solomon/C101.txt'));

  it('reads the fleet, capacity, depot window and 100 customers', () => {
    expect(problem.vehicles).toHaveLength(25);
    expect(problem.vehicles![0]).toMatchObject({ capacity: [200], start_index: 0, end_index: 0, time_window: [0, 1236] });
    expect(problem.jobs).toHaveLength(100);
    expect(problem.jobs![0]).toEqual({ id: 1, location_index: 1, delivery: [10], service: 90, time_windows: [[912, 967]] });
  });

  it('uses Euclidean distances in double precision, never rounded', () => {
    const d = problem.matrices!.car!.durations;
    // Depot (40, 50) to customer 1 (45, 68).
    expect(d[0]![1]).toBe(Math.hypot(5, 18));
    expect(problem.options).toMatchObject({ minimize: 'distance' });
  });

  it('rejects what is not a Solomon file, naming where', () => {
    expect(() => parseSolomon('hello')).toThrow(SolverInputError);
  });
});

describe('parseLiLim', () => {
  const problem = parseLiLim(fixture('li_lim/lc101.txt'));

  it('pairs each pickup with its delivery into a shipment', () => {
    expect(problem.vehicles).toHaveLength(25);
    expect(problem.shipments!.length).toBeGreaterThan(40);
    const first = problem.shipments![0]!;
    expect(first.amount![0]).toBeGreaterThan(0);
    expect(first.pickup.id).not.toBe(first.delivery.id);
    const ids = problem.shipments!.flatMap((s) => [s.pickup.id, s.delivery.id]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(106);
  });

  it('rejects a malformed line with its number', () => {
    expect(() => parseLiLim('25 200 1\n0 1 2 x')).toThrow(/line/);
  });
});
