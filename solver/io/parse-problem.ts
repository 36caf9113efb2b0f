/** Input checking: zod's shape check first, then the model compiler's cross-field checks; both report a field path. */
import { SolverInputError } from '../errors.js';
import { problemSchema, type Problem } from './vroom-schema.js';

export function parseProblem(input: unknown): Problem {
  const parsed = problemSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SolverInputError(issue.path as (string | number)[], issue.message);
  }
  return parsed.data;
}
