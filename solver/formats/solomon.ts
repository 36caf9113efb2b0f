/**
 * The Solomon / Gehring & Homberger VRPTW text format → a problem with the benchmark conventions:
 * Euclidean distances in double precision (never rounded), travel time equals distance, service
 * starts within the window, the file's fleet size is the limit, cost = distance.
 */
import { SolverInputError } from '../errors.js';
import type { ProblemInput } from '../io/vroom-schema.js';

export interface Point {
  id: number;
  x: number;
  y: number;
}

/** Symmetric Euclidean distance matrix over the points, in file order. */
export function euclideanMatrix(points: Point[]): number[][] {
  return points.map((a) => points.map((b) => Math.hypot(a.x - b.x, a.y - b.y)));
}

function numbers(line: string): number[] {
  return line.trim().split(/\s+/).map(Number);
}

export function parseSolomon(text: string): ProblemInput {
  const lines = text.split(/\r?\n/);
  const vehicleHeader = lines.findIndex((l) => /^\s*NUMBER\s+CAPACITY/i.test(l));
  if (vehicleHeader < 0) throw new SolverInputError(['file'], 'not a Solomon file: no "NUMBER CAPACITY" line');
  const [fleet, capacity] = numbers(lines.slice(vehicleHeader + 1).find((l) => l.trim() !== '')!);
  const customerHeader = lines.findIndex((l) => /CUST\s*NO/i.test(l));
  if (customerHeader < 0) throw new SolverInputError(['file'], 'not a Solomon file: no "CUST NO." header');
  const rows = lines
    .slice(customerHeader + 1)
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const row = numbers(l);
      if (row.length < 7 || row.some((x) => !Number.isFinite(x))) throw new SolverInputError(['file', 'line', customerHeader + 2 + i], `expected 7 numbers, got "${l.trim()}"`);
      return row;
    });
  if (!Number.isInteger(fleet) || !Number.isInteger(capacity)) throw new SolverInputError(['file', 'vehicle'], 'expected the number of vehicles and the capacity');
  const [depot, ...customers] = rows;
  const matrix = euclideanMatrix(rows.map((r) => ({ id: r[0]!, x: r[1]!, y: r[2]! })));
  return {
    vehicles: Array.from({ length: fleet! }, (_, i) => ({
      id: i + 1,
      start_index: 0,
      end_index: 0,
      capacity: [capacity!],
      time_window: [depot![4]!, depot![5]!] as [number, number],
    })),
    jobs: customers.map((r, i) => ({
      id: r[0]!,
      location_index: i + 1,
      delivery: [r[3]!],
      service: r[6]!,
      time_windows: [[r[4]!, r[5]!]] as [number, number][],
    })),
    matrices: { car: { durations: matrix, distances: matrix } },
    options: { objective: 'hierarchical', minimize: 'distance', plan: false },
  };
}
