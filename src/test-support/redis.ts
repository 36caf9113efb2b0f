/** The machine's Redis for tests, with a key prefix per test file so parallel runs never collide. */
import { randomBytes } from 'node:crypto';

export const testRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniquePrefix(label: string): string {
  return `lastmile-test-${label}-${randomBytes(4).toString('hex')}`;
}
