/**
 * The Li & Lim PDPTW text format → a problem of shipments with the benchmark conventions (as for
 * Solomon: Euclidean double-precision distances, travel time = distance, the fleet size is the limit).
 * Rows: id, x, y, demand, ready, due, service, pickup sibling (on deliveries), delivery sibling (on pickups).
 */
import { SolverInputError } from '../errors.js';
import type { ProblemInput } from '../io/vroom-schema.js';
import { euclideanMatrix } from './solomon.js';

export function parseLiLim(text: string): ProblemInput {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.trim().split(/\s+/).map(Number) ?? [];
  if (header.length < 2 || header.some((x) => !Number.isFinite(x))) throw new SolverInputError(['file', 'line', 1], 'expected "vehicles capacity speed"');
  const [fleet, capacity] = header;
  const rows = lines.slice(1).map((l, i) => {
    const row = l.trim().split(/\s+/).map(Number);
    if (row.length < 9 || row.some((x) => !Number.isFinite(x))) throw new SolverInputError(['file', 'line', i + 2], `expected 9 numbers, got "${l.trim()}"`);
    return row;
  });
  const indexOf = new Map(rows.map((r, i) => [r[0]!, i]));
  const depot = rows[0]!;
  const matrix = euclideanMatrix(rows.map((r) => ({ id: r[0]!, x: r[1]!, y: r[2]! })));
  const step = (r: number[]) => ({ id: r[0]!, location_index: indexOf.get(r[0]!)!, service: r[6]!, time_windows: [[r[4]!, r[5]!]] as [number, number][] });
  const shipments = rows
    .slice(1)
    .filter((r) => r[8]! > 0)
    .map((pickup) => {
      const delivery = rows[indexOf.get(pickup[8]!) ?? -1];
      if (!delivery) throw new SolverInputError(['file', 'customer', pickup[0]!], `delivery ${pickup[8]} not found`);
      return { pickup: step(pickup), delivery: step(delivery), amount: [pickup[3]!] };
    });
  return {
    vehicles: Array.from({ length: fleet! }, (_, i) => ({
      id: i + 1,
      start_index: 0,
      end_index: 0,
      capacity: [capacity!],
      time_window: [depot[4]!, depot[5]!] as [number, number],
    })),
    shipments,
    matrices: { car: { durations: matrix, distances: matrix } },
    options: { objective: 'hierarchical', minimize: 'distance', plan: false },
  };
}
