/** Small hand-made problems for tests: points on a line or grid, travel time = distance. */
import type { ProblemInput } from '../io/vroom-schema.js';

/** A matrix of |a − b| over positions on a line (location 0 is the depot at position 0). */
export function lineMatrix(positions: number[]): number[][] {
  return positions.map((a) => positions.map((b) => Math.abs(a - b)));
}

export function lineProblem(positions: number[], extra: Partial<ProblemInput> = {}): ProblemInput {
  const matrix = lineMatrix([0, ...positions]);
  return {
    vehicles: [{ id: 1, start_index: 0, end_index: 0, capacity: [10] }],
    jobs: positions.map((_, i) => ({ id: i + 1, location_index: i + 1, delivery: [1] })),
    matrices: { car: { durations: matrix } },
    ...extra,
  };
}
