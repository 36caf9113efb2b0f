/**
 * The solver's public contract: VROOM's documented JSON problem and solution formats,
 * accepted unchanged, plus lastmile's extensions (marked "extension"). Everything that
 * enters the solver passes through `problemSchema`, so bad input fails here with a field
 * path instead of deep inside the search.
 */
import { z } from 'zod';

const nonNegative = z.number().finite().nonnegative();
const int = z.number().int();
/** Seconds since an arbitrary origin (VROOM uses integers; we also accept fractional values, e.g. Solomon). */
const time = nonNegative;
export const timeWindowSchema = z
  .tuple([time, time])
  .refine(([start, end]) => end >= start, { message: 'the end of a time window precedes its start' });
const coordinate = z.tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)]);
const amount = z.array(int.nonnegative());

export const jobSchema = z.object({
  id: int,
  description: z.string().optional(),
  location: coordinate.optional(),
  location_index: int.nonnegative().optional(),
  setup: nonNegative.default(0),
  service: nonNegative.default(0),
  /** Legacy VROOM field, same meaning as delivery. */
  amount: amount.optional(),
  delivery: amount.optional(),
  pickup: amount.optional(),
  skills: z.array(int.nonnegative()).default([]),
  priority: int.min(0).max(100).default(0),
  time_windows: z.array(timeWindowSchema).optional(),
});

export const shipmentStepSchema = z.object({
  id: int,
  description: z.string().optional(),
  location: coordinate.optional(),
  location_index: int.nonnegative().optional(),
  setup: nonNegative.default(0),
  service: nonNegative.default(0),
  time_windows: z.array(timeWindowSchema).optional(),
});

export const shipmentSchema = z.object({
  pickup: shipmentStepSchema,
  delivery: shipmentStepSchema,
  amount: amount.optional(),
  skills: z.array(int.nonnegative()).default([]),
  priority: int.min(0).max(100).default(0),
  /** extension: the longest time (s) from the end of the pickup's service to the start of the delivery's service. */
  max_ride_time: nonNegative.optional(),
});

export const breakSchema = z.object({
  id: int,
  time_windows: z.array(timeWindowSchema).optional(),
  service: nonNegative.default(0),
  description: z.string().optional(),
  max_load: amount.optional(),
});

/** A step of a vehicle's given route: used by plan mode, warm starts and locks. */
export const vehicleStepSchema = z.object({
  type: z.enum(['start', 'job', 'pickup', 'delivery', 'break', 'end']),
  id: int.optional(),
  service_at: time.optional(),
  service_after: time.optional(),
  service_before: time.optional(),
  /** extension: a locked step (done or in progress) keeps its vehicle and its place before every unlocked step. */
  locked: z.boolean().optional(),
});

export const vehicleSchema = z.object({
  id: int,
  profile: z.string().default('car'),
  description: z.string().optional(),
  start: coordinate.optional(),
  start_index: int.nonnegative().optional(),
  end: coordinate.optional(),
  end_index: int.nonnegative().optional(),
  capacity: amount.optional(),
  costs: z
    .object({ fixed: nonNegative.default(0), per_hour: nonNegative.default(3600), per_km: nonNegative.default(0) })
    .optional(),
  skills: z.array(int.nonnegative()).default([]),
  /** Shift. For a vehicle already on the road, its start is its current position and the window opens now. */
  time_window: timeWindowSchema.optional(),
  breaks: z.array(breakSchema).default([]),
  speed_factor: z.number().positive().max(5).default(1),
  max_tasks: int.nonnegative().optional(),
  max_travel_time: nonNegative.optional(),
  max_distance: nonNegative.optional(),
  steps: z.array(vehicleStepSchema).optional(),
});

/** A cell is null when the destination cannot be reached from the origin (e.g. no road between them). */
const squareMatrix = z.array(z.array(nonNegative.nullable()));
export const profileMatricesSchema = z.object({
  durations: squareMatrix,
  distances: squareMatrix.optional(),
  costs: squareMatrix.optional(),
});

export const problemOptionsSchema = z
  .object({
    /** extension: `hierarchical` = most priority-weighted stops, then fewest vehicles, then least cost; `cost` = least cost (VROOM's). */
    objective: z.enum(['hierarchical', 'cost']).default('hierarchical'),
    /** extension: what "cost" means when no costs matrix is given: travel time (VROOM's default) or distance (benchmarks). */
    minimize: z.enum(['duration', 'distance']).default('duration'),
    /** Plan mode (VROOM's -c): no search, evaluate vehicles[].steps. */
    plan: z.boolean().default(false),
  })
  .default({ objective: 'hierarchical', minimize: 'duration', plan: false });

export const problemSchema = z.object({
  vehicles: z.array(vehicleSchema).min(1),
  jobs: z.array(jobSchema).default([]),
  shipments: z.array(shipmentSchema).default([]),
  /** Per profile matrices (VROOM ≥ 1.12). */
  matrices: z.record(z.string(), profileMatricesSchema).optional(),
  /** Legacy single duration matrix. */
  matrix: squareMatrix.optional(),
  options: problemOptionsSchema,
});

export type Problem = z.output<typeof problemSchema>;
export type ProblemInput = z.input<typeof problemSchema>;
export type Job = z.output<typeof jobSchema>;
export type Shipment = z.output<typeof shipmentSchema>;
export type Vehicle = z.output<typeof vehicleSchema>;
export type VehicleStep = z.output<typeof vehicleStepSchema>;

export const unassignedCodes = [
  'skills',
  'capacity',
  'time_window',
  'shift',
  'max_travel_time',
  'max_ride_time',
  'unreachable',
  'no_vehicle',
  'not_profitable',
] as const;
export type UnassignedCode = (typeof unassignedCodes)[number];

export type StepType = 'start' | 'job' | 'pickup' | 'delivery' | 'break' | 'end';

export interface SolutionStep {
  type: StepType;
  /** Job, pickup, delivery or break id (absent for start and end). */
  id?: number;
  location?: [number, number];
  location_index?: number;
  setup: number;
  service: number;
  waiting_time: number;
  /** Arrival time at the step (s). */
  arrival: number;
  /** Cumulated travel time since the route's start (s). */
  duration: number;
  /** Cumulated distance since the route's start (m, or the matrix's unit). */
  distance: number;
  /** Vehicle load after the step. */
  load: number[];
  violations: Violation[];
}

export interface Violation {
  cause: 'delay' | 'lead_time' | 'load' | 'max_tasks' | 'skills' | 'precedence' | 'missing_break' | 'max_travel_time' | 'max_load' | 'max_distance' | 'max_ride_time';
  duration?: number;
}

export interface SolutionRoute {
  vehicle: number;
  cost: number;
  setup: number;
  service: number;
  duration: number;
  waiting_time: number;
  priority: number;
  distance: number;
  delivery: number[];
  pickup: number[];
  steps: SolutionStep[];
  violations: Violation[];
}

export interface UnassignedTask {
  id: number;
  type: 'job' | 'pickup' | 'delivery';
  location?: [number, number];
  location_index?: number;
  description?: string;
  /** extension: why the task is not served, as a machine code and a sentence. */
  code: UnassignedCode;
  reason: string;
}

export interface Solution {
  code: 0;
  summary: {
    cost: number;
    routes: number;
    unassigned: number;
    setup: number;
    service: number;
    duration: number;
    waiting_time: number;
    priority: number;
    distance: number;
    delivery: number[];
    pickup: number[];
    violations: Violation[];
    computing_times: { loading: number; solving: number; routing: number };
  };
  unassigned: UnassignedTask[];
  routes: SolutionRoute[];
}
