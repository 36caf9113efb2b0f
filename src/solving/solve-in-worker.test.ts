import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSolomon, SolverInputError } from '../../solver/index.js';
import { validate } from '../../solver/validate/index.js';
import { solveInWorker } from './solve-in-worker.js';

const problem = parseSolomon(readFileSync(new URL('../../fixtures/benchmarks/solomon/R101.txt', import.meta.url), 'utf8'));

describe('solveInWorker', () => {
  it('solves in worker threads, keeping the best of several seeds', async () => {
    const solution = await solveInWorker(problem, { iterations: 300, seed: 1, threads: 2 });
    expect(validate(problem, solution).errors).toEqual([]);
    expect(solution.stats.iterations).toBe(300);
  });

  it('returns the best solution so far when aborted, while the event loop stays free', async () => {
    const controller = new AbortController();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    setTimeout(() => controller.abort(), 700);
    const started = performance.now();
    const solution = await solveInWorker(problem, { timeLimitMs: 60_000, signal: controller.signal });
    clearInterval(timer);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(ticks).toBeGreaterThan(10);
    expect(validate(problem, solution).ok).toBe(true);
  });

  it('reports bad input as a SolverInputError with its path', async () => {
    await expect(solveInWorker({ vehicles: [] })).rejects.toThrow(SolverInputError);
    await expect(solveInWorker({ vehicles: [] })).rejects.toMatchObject({ path: ['vehicles'] });
  });
});
