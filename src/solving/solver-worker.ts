/**
 * Runs one solve inside a worker thread. The search is synchronous, so cancellation arrives through
 * a shared flag the search polls (a message could not be read until the search ends).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solve, type SolveOptions } from '../../solver/index.js';

export interface WorkerInput {
  problem: unknown;
  options: Pick<SolveOptions, 'timeLimitMs' | 'iterations' | 'seed' | 'initial' | 'stallIterations'>;
  /** Int32Array over a SharedArrayBuffer: [0] becomes 1 to stop. */
  stop: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'progress'; progress: Parameters<NonNullable<SolveOptions['onProgress']>>[0] }
  | { type: 'done'; solution: ReturnType<typeof solve> }
  | { type: 'error'; name: string; message: string; path?: (string | number)[] };

const { problem, options, stop } = workerData as WorkerInput;
const flag = new Int32Array(stop);
const signal = { get aborted() { return Atomics.load(flag, 0) === 1; } } as AbortSignal;
try {
  const solution = solve(problem, { ...options, signal, onProgress: (progress) => parentPort!.postMessage({ type: 'progress', progress } satisfies WorkerMessage) });
  parentPort!.postMessage({ type: 'done', solution } satisfies WorkerMessage);
} catch (error) {
  const e = error as Error & { path?: (string | number)[] };
  parentPort!.postMessage({ type: 'error', name: e.name, message: e.message, path: e.path } satisfies WorkerMessage);
}
