/**
 * Runs the solver off the event loop in worker threads. With several threads, independent searches
 * with consecutive seeds run side by side and the best answer wins. Aborting stops every search at
 * once; each returns its best so far.
 */
import { Worker } from 'node:worker_threads';
import { SolverInputError, type SearchProgress, type SolveOptions, type SolveResult } from '../../solver/index.js';
import type { WorkerInput, WorkerMessage } from './solver-worker.js';

export interface WorkerSolveOptions extends Pick<SolveOptions, 'timeLimitMs' | 'iterations' | 'seed' | 'initial' | 'stallIterations'> {
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (progress: SearchProgress & { thread: number }) => void;
}

function runOne(problem: unknown, options: WorkerSolveOptions, seed: number, thread: number, stop: SharedArrayBuffer): Promise<SolveResult> {
  return new Promise((resolve, reject) => {
    const workerData: WorkerInput = { problem, options: { timeLimitMs: options.timeLimitMs, iterations: options.iterations, initial: options.initial, seed, stallIterations: options.stallIterations }, stop };
    const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), { workerData });
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.({ ...message.progress, thread });
      else if (message.type === 'done') {
        settled = true;
        resolve(message.solution);
      } else {
        settled = true;
        reject(message.name === 'SolverInputError' ? new SolverInputError(message.path ?? [], message.message.replace(/^[^:]*: /, '')) : new Error(message.message));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`solver worker exited with code ${code}`));
    });
  });
}

/** Fewer unserved stops, then fewer vehicles (hierarchical), then lower cost. */
export function betterSolution(a: SolveResult, b: SolveResult, hierarchical: boolean): boolean {
  const unservedA = a.unassigned.length;
  const unservedB = b.unassigned.length;
  if (unservedA !== unservedB) return unservedA < unservedB;
  if (hierarchical && a.summary.routes !== b.summary.routes) return a.summary.routes < b.summary.routes;
  return a.summary.cost < b.summary.cost;
}

export async function solveInWorker(problem: unknown, options: WorkerSolveOptions = {}): Promise<SolveResult> {
  const threads = Math.max(1, options.threads ?? 1);
  const stop = new SharedArrayBuffer(4);
  const flag = new Int32Array(stop);
  const onAbort = () => Atomics.store(flag, 0, 1);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const seed = options.seed ?? 1;
    const results = await Promise.all(Array.from({ length: threads }, (_, i) => runOne(problem, options, seed + i, i, stop)));
    const hierarchical = (problem as { options?: { objective?: string } })?.options?.objective !== 'cost';
    return results.reduce((best, r) => (betterSolution(r, best, hierarchical) ? r : best));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}
