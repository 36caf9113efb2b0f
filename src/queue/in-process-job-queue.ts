/** JobQueue in memory for the embedded mode: same semantics as BullMQ's, nothing survives a restart. */
import { randomUUID } from 'node:crypto';
import { JobCancelledError, type JobHandler, type JobOptions, type JobQueue, type JobState } from './job-queue.js';

interface Entry {
  queue: string;
  state: JobState;
  data: unknown;
  options: JobOptions;
  controller?: AbortController;
  cancelled: boolean;
}

export class InProcessJobQueue implements JobQueue {
  private readonly jobs = new Map<string, Entry>();
  private readonly waiting = new Map<string, string[]>();
  private readonly workers = new Map<string, { handler: JobHandler<unknown>; concurrency: number; running: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  private key(queue: string, id: string): string {
    return `${queue}\u0000${id}`;
  }

  async add<T>(queue: string, data: T, options: JobOptions = {}): Promise<{ id: string }> {
    if (this.closed) throw new Error('the queue is closed');
    const id = options.jobId ?? randomUUID();
    if (this.jobs.has(this.key(queue, id))) return { id };
    this.jobs.set(this.key(queue, id), { queue, state: { id, status: 'waiting', attempts: 0 }, data: structuredClone(data), options, cancelled: false });
    this.enqueue(queue, id);
    return { id };
  }

  private enqueue(queue: string, id: string): void {
    const list = this.waiting.get(queue) ?? [];
    list.push(id);
    this.waiting.set(queue, list);
    queueMicrotask(() => this.pump(queue));
  }

  process<T>(queue: string, handler: JobHandler<T>, options: { concurrency?: number } = {}): void {
    this.workers.set(queue, { handler: handler as JobHandler<unknown>, concurrency: options.concurrency ?? 1, running: 0 });
    queueMicrotask(() => this.pump(queue));
  }

  private pump(queue: string): void {
    const worker = this.workers.get(queue);
    const list = this.waiting.get(queue);
    while (!this.closed && worker && list?.length && worker.running < worker.concurrency) {
      const entry = this.jobs.get(this.key(queue, list.shift()!))!;
      if (entry.cancelled) continue;
      worker.running++;
      void this.run(entry, worker.handler).finally(() => {
        worker.running--;
        this.pump(queue);
      });
    }
  }

  private async run(entry: Entry, handler: JobHandler<unknown>): Promise<void> {
    const { state } = entry;
    state.status = 'active';
    state.attempts++;
    entry.controller = new AbortController();
    try {
      state.result = await handler({
        id: state.id,
        data: entry.data,
        attempt: state.attempts,
        signal: entry.controller.signal,
        updateProgress: async (progress) => {
          state.progress = progress;
        },
      });
      state.status = entry.cancelled ? 'cancelled' : 'completed';
    } catch (error) {
      state.failedReason = (error as Error).message;
      const attempts = entry.options.attempts ?? 1;
      if (!entry.cancelled && !this.closed && state.attempts < attempts) {
        state.status = 'waiting';
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.enqueue(entry.queue, state.id);
        }, (entry.options.backoffMs ?? 1000) * 2 ** (state.attempts - 1));
        this.timers.add(timer);
      } else state.status = entry.cancelled ? 'cancelled' : 'failed';
    }
  }

  async getJob(queue: string, id: string): Promise<JobState | undefined> {
    const entry = this.jobs.get(this.key(queue, id));
    return entry ? structuredClone(entry.state) : undefined;
  }

  async cancel(queue: string, id: string): Promise<boolean> {
    const entry = this.jobs.get(this.key(queue, id));
    if (!entry || entry.state.status === 'completed' || entry.state.status === 'failed' || entry.state.status === 'cancelled') return false;
    entry.cancelled = true;
    if (entry.state.status === 'waiting') entry.state.status = 'cancelled';
    entry.controller?.abort(new JobCancelledError(id));
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const entry of this.jobs.values()) entry.controller?.abort(new Error('the queue is closing'));
  }
}
