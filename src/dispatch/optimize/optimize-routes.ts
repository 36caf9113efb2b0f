/**
 * POST /v1/optimize: the stateless, VROOM-compatible endpoint. A VROOM problem with coordinates
 * (`location`, `start`, `end`) gets its matrices from the road graph; one with matrices is used as
 * it is. Up to 200 stops are answered synchronously; larger problems run on the job queue and answer
 * 202 with an id to fetch the solution from.
 */
import { randomUUID } from 'node:crypto';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import { SolverInputError, problemSchema as vroomProblemSchema } from '../../../solver/index.js';
import { defineRoute } from '../../api/define-route.js';
import { problems } from '../../api/problem.js';
import { formatPath } from '../../api/validation.js';
import { QueueUnavailableError, type JobQueue } from '../../queue/job-queue.js';
import { RoadGraphError, type LonLat, type RoadGraph } from '../../roadgraph/road-graph.js';
import { solveInWorker } from '../../solving/solve-in-worker.js';

export const OPTIMIZE_QUEUE = 'optimize';
export const SYNC_STOP_LIMIT = 200;
/** Iterations without a better solution after which a synchronous answer is taken as converged. */
const CONVERGED_AFTER = 1000;
const CONVERGED_PER_STOP = 20;

interface Locatable {
  location?: LonLat;
  location_index?: number;
}

/** Gives every coordinate a matrix index and fills the problem's matrices from the road graph. */
export async function withMatrices(problem: z.output<typeof vroomProblemSchema>, roadGraph: RoadGraph): Promise<unknown> {
  if (problem.matrices || problem.matrix) return problem;
  const points: LonLat[] = [];
  const index = new Map<string, number>();
  const locate = (point: LonLat) => {
    const key = point.join(',');
    if (!index.has(key)) {
      index.set(key, points.length);
      points.push(point);
    }
    return index.get(key)!;
  };
  const place = (stop: Locatable, path: string) => {
    if (!stop.location) throw problems.validation([{ path, message: 'a location [lon, lat] is required when no matrices are given' }]);
    stop.location_index = locate(stop.location);
  };
  problem.jobs.forEach((job, i) => place(job, `body.jobs[${i}].location`));
  problem.shipments.forEach((s, i) => {
    place(s.pickup, `body.shipments[${i}].pickup.location`);
    place(s.delivery, `body.shipments[${i}].delivery.location`);
  });
  problem.vehicles.forEach((v) => {
    if (v.start) v.start_index = locate(v.start);
    if (v.end) v.end_index = locate(v.end);
  });
  try {
    const table = await roadGraph.table(points);
    const profiles = [...new Set(problem.vehicles.map((v) => v.profile))];
    return { ...problem, matrices: Object.fromEntries(profiles.map((p) => [p, { durations: table.durations, distances: table.distances }])) };
  } catch (error) {
    if (error instanceof RoadGraphError && (error.code === 'NoSegment' || error.code === 'TooBig')) throw problems.validation([{ path: 'body', message: error.message }]);
    throw error;
  }
}

function parseVroom(body: unknown): z.output<typeof vroomProblemSchema> {
  const parsed = vroomProblemSchema.safeParse(body);
  if (!parsed.success) throw problems.validation(parsed.error.issues.map((i) => ({ path: formatPath('body', i.path), message: i.message })));
  return parsed.data;
}

export function registerOptimizeRoutes(router: Router, registry: OpenAPIRegistry, jobs: JobQueue, roadGraph: () => Promise<RoadGraph>): void {
  const roles = ['admin', 'dispatcher'] as const;
  const query = z.object({
    time_limit: z.coerce.number().min(0.1).max(600).optional().describe('Seconds to search. Without it, an answer comes as soon as the search has converged (at most 5 s; 30 s when queued)'),
    seed: z.coerce.number().int().nonnegative().default(1),
  });

  defineRoute(router, registry, {
    method: 'post', path: '/v1/optimize', summary: 'Solve a VROOM-format problem (coordinates or matrices) and return a VROOM-format solution', tag: 'Optimize', roles: [...roles],
    body: z.record(z.string(), z.unknown()).openapi({ description: 'A VROOM problem: vehicles, jobs, shipments (see VROOM API docs), with lastmile extensions' }),
    query,
    responses: { 200: { description: 'The solution (VROOM format, unassigned with code and reason)', schema: z.record(z.string(), z.unknown()) }, 202: { description: 'Large problem: queued; GET /v1/optimize/{id} for the result', schema: z.object({ id: z.string(), status: z.string() }) } },
    handler: async ({ body, query }) => {
      const problem = parseVroom(body);
      const stops = problem.jobs.length + 2 * problem.shipments.length;
      if (stops > SYNC_STOP_LIMIT) {
        const id = randomUUID();
        try {
          await jobs.add(OPTIMIZE_QUEUE, { problem: body, timeLimitMs: (query.time_limit ?? 30) * 1000, seed: query.seed }, { jobId: id });
        } catch (error) {
          if (error instanceof QueueUnavailableError) throw problems.unavailable('The queue is unavailable; retry shortly.');
          throw error;
        }
        return { status: 202, body: { id, status: 'queued' }, headers: { Location: `/v1/optimize/${id}` } };
      }
      const ready = await withMatrices(problem, await roadGraph());
      try {
        // A dispatcher waits on this answer: unless a time was asked for, stop once the search has
        // converged (small problems do so in milliseconds, long before any time limit).
        const stallIterations = query.time_limit === undefined ? CONVERGED_AFTER + CONVERGED_PER_STOP * stops : undefined;
        return { body: await solveInWorker(ready, { timeLimitMs: Math.min(query.time_limit ?? 5, 10) * 1000, seed: query.seed, stallIterations }) };
      } catch (error) {
        if (error instanceof SolverInputError) throw problems.validation([{ path: formatPath('body', error.path), message: error.message }]);
        throw error;
      }
    },
  });

  defineRoute(router, registry, {
    method: 'get', path: '/v1/optimize/:id', summary: 'The result of a queued optimization', tag: 'Optimize', roles: [...roles], params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'Status, and the solution once done', schema: z.object({ id: z.string(), status: z.string(), solution: z.unknown().optional(), error: z.string().optional() }) } },
    handler: async ({ params }) => {
      const job = await jobs.getJob(OPTIMIZE_QUEUE, params.id);
      if (!job) throw problems.notFound(`Optimization ${params.id}`);
      return { body: { id: params.id, status: job.status, ...(job.status === 'completed' ? { solution: job.result } : {}), ...(job.failedReason ? { error: job.failedReason } : {}) } };
    },
  });
}

/** The queued side of /v1/optimize, run by the API process (embedded) or `lastmile worker`. */
export function processOptimizations(jobs: JobQueue, roadGraph: () => Promise<RoadGraph>): void {
  jobs.process<{ problem: unknown; timeLimitMs: number; seed: number }>(OPTIMIZE_QUEUE, async (job) => {
    const ready = await withMatrices(parseVroom(job.data.problem), await roadGraph());
    return solveInWorker(ready, { timeLimitMs: job.data.timeLimitMs, seed: job.data.seed, signal: job.signal });
  });
}
