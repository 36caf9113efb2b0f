/** Shared flag parsing: commander turns strings into checked values, zod keeps the rules in one place. */
import { InvalidArgumentError } from 'commander';
import type { z } from 'zod';

/** A commander argParser that validates with a zod schema and reports its message as a usage error. */
export function zodFlag<S extends z.ZodType>(schema: S): (value: string) => z.output<S> {
  return (value: string) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues[0]!.message);
    return parsed.data;
  };
}
