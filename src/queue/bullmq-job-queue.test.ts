import { describe, expect, it } from 'vitest';
import { startPrivateRedis } from '../test-support/private-services.js';
import { testRedisUrl, uniquePrefix } from '../test-support/redis.js';
import { BullMqJobQueue } from './bullmq-job-queue.js';
import { describeJobQueueConformance } from './job-queue.conformance.js';
import { QueueUnavailableError } from './job-queue.js';

const prefix = uniquePrefix('bullmq');
describeJobQueueConformance('BullMQ on Redis', () => new BullMqJobQueue({ url: testRedisUrl, prefix }));

describe('BullMQ job queue', () => {
  it('rejects promptly with QueueUnavailableError when Redis is down', async () => {
    const queue = new BullMqJobQueue({ url: 'redis://127.0.0.1:1', prefix });
    const started = Date.now();
    await expect(queue.add('plans', {})).rejects.toBeInstanceOf(QueueUnavailableError);
    expect(Date.now() - started).toBeLessThan(5000);
    await queue.close();
  });

  it('enqueues once Redis comes up, when it was down as the queue was created (no restart)', async () => {
    const redis = await startPrivateRedis({ running: false });
    const queue = new BullMqJobQueue({ url: redis.url, prefix });
    try {
      // As the API does at start for bull-board: the BullMQ queue exists before Redis answers.
      queue.queue('plans');
      await expect(queue.add('plans', {})).rejects.toBeInstanceOf(QueueUnavailableError);
      await redis.start();
      const deadline = Date.now() + 10_000;
      let added: { id: string } | undefined;
      while (!added && Date.now() < deadline) {
        added = await queue.add('plans', { n: 1 }).catch(() => undefined);
        if (!added) await new Promise((r) => setTimeout(r, 200));
      }
      expect(added?.id).toBeTruthy();
    } finally {
      await queue.close();
      await redis.destroy();
    }
  }, 30_000);

  it('cancels a job running in another process-like instance within a second', async () => {
    const worker = new BullMqJobQueue({ url: testRedisUrl, prefix });
    const api = new BullMqJobQueue({ url: testRedisUrl, prefix });
    let running = false;
    let abortedAt = 0;
    worker.process('solve', async (job) => {
      running = true;
      await new Promise<void>((resolve) => job.signal.addEventListener('abort', () => resolve(), { once: true }));
      abortedAt = Date.now();
      return 'kept the best so far';
    });
    const { id } = await api.add('solve', {});
    while (!running) await new Promise((r) => setTimeout(r, 20));
    const cancelledAt = Date.now();
    expect(await api.cancel('solve', id)).toBe(true);
    while (!abortedAt) await new Promise((r) => setTimeout(r, 10));
    expect(abortedAt - cancelledAt).toBeLessThan(1000);
    await worker.close();
    await api.close();
  });
});
