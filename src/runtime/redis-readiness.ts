import { Redis } from 'ioredis';
import type { ReadinessCheck } from './readiness.js';

/** A dedicated connection that fails fast, so /readyz reports a down Redis instead of queueing the PING. */
export function redisReadinessCheck(url: string, owner: { onClose(release: () => Promise<void> | void): void }): ReadinessCheck {
  const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: (n) => Math.min(n * 200, 2000) });
  client.on('error', () => {}); // reported through the check, not as an unhandled event
  owner.onClose(() => void client.disconnect());
  return {
    name: 'redis',
    check: async () => {
      if (client.status === 'wait' || client.status === 'end') await client.connect();
      await client.ping();
    },
  };
}
