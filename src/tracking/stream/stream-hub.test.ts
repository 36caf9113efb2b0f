import { describe, expect, it } from 'vitest';
import { organisationChannel, type StreamEvent } from '../events/domain-event.js';
import { InProcessEventBus } from '../in-process-event-bus.js';
import { RedisEventBus } from '../redis-event-bus.js';
import { StreamHub } from './stream-hub.js';

const event = (fields: Partial<StreamEvent>): StreamEvent => ({ type: 'courier.position', courier_id: null, route_id: null, depot_id: null, order_ids: [], created_at: new Date().toISOString(), data: {}, ...fields });
const settle = () => new Promise((r) => setTimeout(r, 10));

describe('StreamHub', () => {
  it('hands each stream the events of what it follows, once each, and nothing of other organisations', async () => {
    const bus = new InProcessEventBus();
    const hub = new StreamHub(bus);
    const seen: Record<string, string[]> = { all: [], courier: [], order: [], both: [], other: [] };
    const record = (name: string) => (e: StreamEvent) => seen[name]!.push(String(e.data.n));
    await hub.subscribe('org1', 'all', record('all'));
    await hub.subscribe('org1', { couriers: ['c1'] }, record('courier'));
    await hub.subscribe('org1', { orders: ['o1'] }, record('order'));
    await hub.subscribe('org1', { couriers: ['c1'], orders: ['o1'] }, record('both'));
    await hub.subscribe('org2', 'all', record('other'));
    await bus.publish(organisationChannel('org1'), { ...event({ courier_id: 'c1', order_ids: ['o1'], data: { n: 1 } }) });
    await bus.publish(organisationChannel('org1'), { ...event({ courier_id: 'c2', data: { n: 2 } }) });
    await bus.publish(organisationChannel('org1'), { ...event({ order_ids: ['o9', 'o1'], data: { n: 3 } }) });
    await settle();
    expect(seen).toEqual({ all: ['1', '2', '3'], courier: ['1'], order: ['1', '3'], both: ['1', '3'], other: [] });
  });

  it('follows something else on request, and leaves the bus when its last stream closes', async () => {
    const bus = new InProcessEventBus();
    const hub = new StreamHub(bus);
    const seen: string[] = [];
    const subscription = await hub.subscribe('org1', { couriers: ['c1'] }, (e) => seen.push(String(e.data.n)));
    subscription.follow({ couriers: ['c2'] });
    await bus.publish(organisationChannel('org1'), { ...event({ courier_id: 'c1', data: { n: 1 } }) });
    await bus.publish(organisationChannel('org1'), { ...event({ courier_id: 'c2', data: { n: 2 } }) });
    await settle();
    expect(seen).toEqual(['2']);
    await subscription.close();
    await bus.publish(organisationChannel('org1'), { ...event({ courier_id: 'c2', data: { n: 3 } }) });
    await settle();
    expect(seen).toEqual(['2']);
    expect((bus as unknown as { subscriptions: Set<unknown> }).subscriptions.size).toBe(0);
  });

  it('rejects while live events are unavailable, and tries the bus again for the next stream', async () => {
    const bus = new RedisEventBus('redis://127.0.0.1:1', 'lastmile-test-hub');
    const hub = new StreamHub(bus);
    try {
      await expect(hub.subscribe('org1', 'all', () => {})).rejects.toThrow();
      await expect(hub.subscribe('org1', 'all', () => {})).rejects.toThrow();
    } finally {
      await bus.close();
    }
  }, 20_000);
});
