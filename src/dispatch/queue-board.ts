/** bull-board at /admin/queues for admins, when the queues live in Redis (BullMQ). */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import express, { type Router } from 'express';
import { requireRole } from '../api/middleware/authenticate.js';
import { BullMqJobQueue } from '../queue/bullmq-job-queue.js';
import type { JobQueue } from '../queue/job-queue.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

export function queueBoard(jobs: JobQueue, queueNames: string[]): Router | undefined {
  if (!(jobs instanceof BullMqJobQueue)) return undefined;
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: queueNames.map((name) => new BullMQAdapter(jobs.queue(name))), serverAdapter });
  return express.Router().use(requireRole('admin'), serverAdapter.getRouter() as Router);
}
