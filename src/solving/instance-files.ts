/** Reading problem files: Solomon, Li & Lim or VROOM JSON, detected from the content when not given. */
import { readFileSync } from 'node:fs';
import { parseLiLim, parseSolomon, type ProblemInput } from '../../solver/index.js';

export const formats = ['solomon', 'lilim', 'vroom'] as const;
export type InstanceFormat = (typeof formats)[number];

export function detectFormat(text: string): InstanceFormat {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return 'vroom';
  if (/NUMBER\s+CAPACITY/i.test(text)) return 'solomon';
  return 'lilim';
}

export function readInstance(file: string, format?: InstanceFormat): { problem: ProblemInput; format: InstanceFormat } {
  const text = readFileSync(file, 'utf8');
  const chosen = format ?? detectFormat(text);
  if (chosen === 'vroom') {
    try {
      return { problem: JSON.parse(text) as ProblemInput, format: chosen };
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  return { problem: chosen === 'solomon' ? parseSolomon(text) : parseLiLim(text), format: chosen };
}

/** The file's customer numbers (job, pickup and delivery ids) of each route in visit order (depot excluded). */
export function customerRoutes(solution: { routes: { steps: { type: string; id?: number }[] }[] }): number[][] {
  return solution.routes.map((route) => route.steps.filter((s) => s.type === 'job' || s.type === 'pickup' || s.type === 'delivery').map((s) => s.id!));
}
