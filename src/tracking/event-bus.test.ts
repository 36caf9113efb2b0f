import { describe, expect, it } from 'vitest';
import { testRedisUrl, uniquePrefix } from '../test-support/redis.js';
import { describeEventBusConformance } from './event-bus.conformance.js';
import type { BusEvent } from './event-bus.js';
import { InProcessEventBus } from './in-process-event-bus.js';
import { RedisEventBus } from './redis-event-bus.js';

const prefix = uniquePrefix('bus');
describeEventBusConformance('in-process', () => new InProcessEventBus());
describeEventBusConformance('Redis pub/sub', () => new RedisEventBus(testRedisUrl, prefix));

describe('Redis event bus across API instances', () => {
  it('carries an event published on instance A to a subscriber on instance B', async () => {
    const a = new RedisEventBus(testRedisUrl, prefix);
    const b = new RedisEventBus(testRedisUrl, prefix);
    const received: BusEvent[] = [];
    await b.subscribe('org:9:*', (e) => received.push(e));
    await a.publish('org:9:courier:1', { type: 'courier.position', lon: 7.42, lat: 43.73 });
    for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(received).toEqual([{ type: 'courier.position', lon: 7.42, lat: 43.73 }]);
    await a.close();
    await b.close();
  });
});
