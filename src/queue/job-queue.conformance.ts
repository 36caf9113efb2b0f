/** The JobQueue contract, run against every adapter (in-process, and BullMQ on the machine's Redis). */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobQueue } from './job-queue.js';

const waitFor = async (condition: () => Promise<boolean> | boolean, timeoutMs = 10_000) => {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

export function describeJobQueueConformance(name: string, makeQueue: () => JobQueue): void {
  describe(`JobQueue conformance: ${name}`, () => {
    const opened: JobQueue[] = [];
    const open = () => {
      const queue = makeQueue();
      opened.push(queue);
      return queue;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((q) => q.close()));
    });

    it('runs a job and keeps its result and progress', async () => {
      const queue = open();
      queue.process<{ n: number }>('square', async (job) => {
        await job.updateProgress({ phase: 'computing' });
        return job.data.n * job.data.n;
      });
      const { id } = await queue.add('square', { n: 7 });
      await waitFor(async () => (await queue.getJob('square', id))?.status === 'completed');
      expect(await queue.getJob('square', id)).toMatchObject({ status: 'completed', result: 49, progress: { phase: 'computing' }, attempts: 1 });
    });

    it('never enqueues the same job id twice', async () => {
      const queue = open();
      let runs = 0;
      queue.process('once', async () => ++runs);
      await queue.add('once', {}, { jobId: 'plan-1' });
      await queue.add('once', {}, { jobId: 'plan-1' });
      await waitFor(async () => (await queue.getJob('once', 'plan-1'))?.status === 'completed');
      await new Promise((r) => setTimeout(r, 100));
      expect(runs).toBe(1);
    });

    it('retries a failing job with backoff and tells the handler which attempt it is', async () => {
      const queue = open();
      const attempts: number[] = [];
      queue.process('flaky', async (job) => {
        attempts.push(job.attempt);
        if (job.attempt < 2) throw new Error('transient');
        return 'ok';
      });
      const { id } = await queue.add('flaky', {}, { attempts: 3, backoffMs: 50 });
      await waitFor(async () => (await queue.getJob('flaky', id))?.status === 'completed');
      expect(attempts).toEqual([1, 2]);
    });

    it('reports a job that failed every attempt', async () => {
      const queue = open();
      queue.process('broken', async () => {
        throw new Error('always');
      });
      const { id } = await queue.add('broken', {}, { attempts: 2, backoffMs: 20 });
      await waitFor(async () => (await queue.getJob('broken', id))?.status === 'failed');
      expect(await queue.getJob('broken', id)).toMatchObject({ failedReason: 'always', attempts: 2 });
    });

    it('cancels a running job through its signal, and a waiting one before it starts', async () => {
      const queue = open();
      let started = 0;
      let aborted = false;
      queue.process('long', async (job) => {
        started++;
        await new Promise<void>((resolve) => job.signal.addEventListener('abort', () => resolve(), { once: true }));
        aborted = true;
        throw job.signal.reason;
      });
      const first = await queue.add('long', {});
      const second = await queue.add('long', {});
      await waitFor(() => started === 1);
      expect(await queue.cancel('long', second.id)).toBe(true);
      expect(await queue.cancel('long', first.id)).toBe(true);
      await waitFor(() => aborted);
      await waitFor(async () => (await queue.getJob('long', first.id))?.status === 'cancelled');
      await new Promise((r) => setTimeout(r, 100));
      expect(started).toBe(1);
      expect((await queue.getJob('long', second.id))?.status).toBe('cancelled');
    });
  });
}
