import { problems } from '../api/problem.js';

/** Runs a write; a unique-constraint violation (PostgreSQL 23505) becomes a 409 that says what clashed. */
export async function conflictOnDuplicate<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw problems.conflict(`${what} exists already.`);
    throw error;
  }
}
