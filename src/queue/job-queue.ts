/**
 * The JobQueue port: durable background jobs (planning runs, webhook deliveries). BullMQ on Redis in
 * the distributed mode, an in-process queue in the embedded mode; one conformance suite for both.
 * Handlers must be idempotent: a job whose worker died runs again.
 */
export interface JobOptions {
  /** Deduplicates: a job with an id that exists already is not added again. */
  jobId?: string;
  /** Total tries, the first included (default 1). */
  attempts?: number;
  /** First retry delay (ms); doubles at each further retry. */
  backoffMs?: number;
}

export interface JobContext<T> {
  id: string;
  data: T;
  /** 1 for the first try. */
  attempt: number;
  /** Aborted when the job is cancelled (from any process) or the queue closes. */
  signal: AbortSignal;
  updateProgress(progress: Record<string, unknown>): Promise<void>;
}

export type JobStatus = 'waiting' | 'active' | 'completed' | 'failed' | 'cancelled' | 'unknown';

export interface JobState {
  id: string;
  status: JobStatus;
  attempts: number;
  progress?: Record<string, unknown>;
  result?: unknown;
  failedReason?: string;
}

export type JobHandler<T> = (job: JobContext<T>) => Promise<unknown>;

export interface JobQueue {
  add<T>(queue: string, data: T, options?: JobOptions): Promise<{ id: string }>;
  /** Starts running jobs of `queue` in this process. */
  process<T>(queue: string, handler: JobHandler<T>, options?: { concurrency?: number }): void;
  getJob(queue: string, id: string): Promise<JobState | undefined>;
  /** Asks the job to stop: a waiting job never starts, a running one sees its signal abort. */
  cancel(queue: string, id: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Raised by `add` when the queue's store cannot be reached: nothing was enqueued. */
export class QueueUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueUnavailableError';
  }
}

/** The error a handler throws (or its signal carries) when the job was cancelled. */
export class JobCancelledError extends Error {
  constructor(id: string) {
    super(`job ${id} was cancelled`);
    this.name = 'JobCancelledError';
  }
}
