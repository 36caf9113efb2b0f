/** Registers the planning job with a queue; a run that fails on its last attempt marks its plan failed. */
import type { JobQueue } from '../../queue/job-queue.js';
import type { Logger } from '../../observability/logger.js';
import { PLAN_QUEUE, runPlan, type PlanJob, type PlanRunner } from './run-plan.js';

export const PLAN_ATTEMPTS = 3;

export function processPlans(jobs: JobQueue, runner: PlanRunner, logger: Logger, concurrency = 1): void {
  jobs.process<PlanJob>(
    PLAN_QUEUE,
    async (job) => {
      try {
        await runPlan(runner, job);
      } catch (error) {
        logger.error({ err: error, plan: job.data.planId, attempt: job.attempt }, 'planning run failed');
        if (job.attempt >= PLAN_ATTEMPTS) {
          await runner.db('plans').where({ id: job.data.planId }).whereIn('status', ['queued', 'running']).update({ status: 'failed', error: (error as Error).message, finished_at: runner.db.fn.now(), updated_at: runner.db.fn.now() });
        }
        throw error;
      }
    },
    { concurrency },
  );
}
