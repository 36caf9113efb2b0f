/**
 * JobQueue on BullMQ (Redis). Cancellation works from any process: `cancel` records the id in Redis
 * and publishes it; every worker process listens and aborts the job's signal within milliseconds.
 * A worker that dies loses its lock; BullMQ's stalled-job check hands the job to another worker,
 * whose handler sees attempt > 1.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { JobCancelledError, QueueUnavailableError, type JobHandler, type JobOptions, type JobQueue, type JobState } from './job-queue.js';

export interface BullMqOptions {
  url: string;
  /** Key prefix, so several deployments (or test files) share one Redis without colliding. */
  prefix?: string;
  /** How often stalled jobs are looked for, and how long a worker's lock lasts (ms). */
  stalledIntervalMs?: number;
  lockDurationMs?: number;
}

export class BullMqJobQueue implements JobQueue {
  private readonly prefix: string;
  private readonly producer: Redis;
  private subscriber?: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly options: BullMqOptions) {
    this.prefix = options.prefix ?? 'lastmile';
    // Fail fast instead of queueing commands while Redis is down: the API answers 503 at once.
    // Connected here, never lazily: a BullMQ queue that opens a lazy connection itself (connect())
    // stays broken for good if that first attempt fails (Redis down at start, or a connect timeout
    // while the event loop is busy), even after ioredis reconnects. Given a connection already
    // connecting, BullMQ waits for it to be ready, however long that takes.
    this.producer = new Redis(options.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, retryStrategy: (n) => Math.min(n * 200, 2000) });
    this.producer.on('error', () => {});
  }

  /** The BullMQ queue behind a name (for bull-board). */
  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.producer, prefix: this.prefix });
      queue.on('error', () => {});
      this.queues.set(name, queue);
    }
    return queue;
  }

  private cancelKey(queue: string, id: string): string {
    return `${this.prefix}:cancelled:${queue}:${id}`;
  }

  private async ready(): Promise<void> {
    const { producer } = this;
    // A connection attempt under way (just after start) is waited for, up to its timeout; while
    // Redis is down, attempts fail at once and so does this.
    if (producer.status === 'connecting' || producer.status === 'connect') {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          producer.off('ready', done).off('error', done);
          resolve();
        };
        const timer = setTimeout(done, 2500);
        producer.once('ready', done).once('error', done);
      });
    }
    if (producer.status !== 'ready') throw new QueueUnavailableError(`Redis is unavailable (${producer.status})`);
  }

  async add<T>(queue: string, data: T, options: JobOptions = {}): Promise<{ id: string }> {
    await this.ready();
    try {
      const job = await this.queue(queue).add(queue, data, {
        jobId: options.jobId,
        attempts: options.attempts ?? 1,
        backoff: { type: 'exponential', delay: options.backoffMs ?? 1000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      });
      return { id: job.id! };
    } catch (error) {
      throw new QueueUnavailableError(`could not enqueue: ${(error as Error).message}`);
    }
  }

  process<T>(queue: string, handler: JobHandler<T>, options: { concurrency?: number } = {}): void {
    this.listenForCancels();
    const connection = new Redis(this.options.url, { maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(n * 200, 2000) });
    connection.on('error', () => {});
    const worker = new Worker(
      queue,
      async (job: Job) => {
        const id = job.id!;
        const controller = new AbortController();
        if (await this.producer.exists(this.cancelKey(queue, id)).catch(() => 0)) throw new JobCancelledError(id);
        this.running.set(`${queue}:${id}`, controller);
        try {
          return await handler({
            id,
            data: job.data as T,
            attempt: job.attemptsMade + 1,
            signal: controller.signal,
            updateProgress: (progress) => job.updateProgress(progress),
          });
        } finally {
          this.running.delete(`${queue}:${id}`);
        }
      },
      {
        connection,
        prefix: this.prefix,
        concurrency: options.concurrency ?? 1,
        stalledInterval: this.options.stalledIntervalMs ?? 30_000,
        lockDuration: this.options.lockDurationMs ?? 30_000,
        maxStalledCount: 2,
      },
    );
    worker.on('error', () => {});
    this.workers.push(worker);
  }

  private listenForCancels(): void {
    if (this.subscriber) return;
    this.subscriber = new Redis(this.options.url, { maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(n * 200, 2000) });
    this.subscriber.on('error', () => {});
    void this.subscriber.subscribe(`${this.prefix}:cancel`).catch(() => {});
    this.subscriber.on('message', (_channel, message: string) => {
      const controller = this.running.get(message);
      controller?.abort(new JobCancelledError(message.split(':').pop()!));
    });
  }

  async getJob(queue: string, id: string): Promise<JobState | undefined> {
    await this.ready();
    const job = await this.queue(queue).getJob(id);
    if (!job) return (await this.producer.exists(this.cancelKey(queue, id))) ? { id, status: 'cancelled', attempts: 0 } : undefined;
    const state = await job.getState();
    const cancelled = (await this.producer.exists(this.cancelKey(queue, id))) === 1;
    const status: JobState['status'] =
      state === 'completed' ? 'completed' : cancelled ? 'cancelled' : state === 'failed' ? 'failed' : state === 'active' ? 'active' : state === 'waiting' || state === 'delayed' || state === 'prioritized' || state === 'waiting-children' ? 'waiting' : 'unknown';
    return {
      id,
      status,
      attempts: job.attemptsMade,
      progress: typeof job.progress === 'object' ? (job.progress as Record<string, unknown>) : undefined,
      result: job.returnvalue ?? undefined,
      failedReason: job.failedReason || undefined,
    };
  }

  async cancel(queue: string, id: string): Promise<boolean> {
    await this.ready();
    const job = await this.queue(queue).getJob(id);
    if (!job) return false;
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') return false;
    await this.producer.set(this.cancelKey(queue, id), '1', 'EX', 7 * 24 * 3600);
    if (state !== 'active') await job.remove().catch(() => {});
    await this.producer.publish(`${this.prefix}:cancel`, `${queue}:${id}`);
    return true;
  }

  async close(): Promise<void> {
    for (const controller of this.running.values()) controller.abort(new Error('the queue is closing'));
    await Promise.all(this.workers.map((w) => w.close(true).catch(() => {})));
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => {})));
    this.subscriber?.disconnect();
    this.producer.disconnect();
  }
}
