/** zod at the HTTP boundary: a failed parse becomes a 400 problem whose field paths say where. */
import type { z } from 'zod';
import { problems, type FieldError } from './problem.js';

export type RequestPart = 'body' | 'query' | 'params' | 'headers';

export function formatPath(part: string, path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`), part);
}

export function zodIssuesToFieldErrors(part: string, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: formatPath(part, issue.path), message: issue.message }));
}

export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, part: RequestPart): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw problems.validation(zodIssuesToFieldErrors(part, parsed.error));
  return parsed.data;
}
