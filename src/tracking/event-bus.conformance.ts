/** The EventBus contract, run against the in-process bus and the Redis pub/sub bus. */
import { afterEach, describe, expect, it } from 'vitest';
import type { BusEvent, EventBus } from './event-bus.js';

const settle = () => new Promise((r) => setTimeout(r, 150));

export function describeEventBusConformance(name: string, makeBus: () => EventBus): void {
  describe(`EventBus conformance: ${name}`, () => {
    const opened: EventBus[] = [];
    const open = () => {
      const bus = makeBus();
      opened.push(bus);
      return bus;
    };
    afterEach(async () => Promise.all(opened.splice(0).map((b) => b.close())));

    it('delivers to subscribers of the exact channel and of a matching prefix', async () => {
      const bus = open();
      const exact: BusEvent[] = [];
      const prefixed: [BusEvent, string][] = [];
      await bus.subscribe('org:1:courier:7', (e) => exact.push(e));
      await bus.subscribe('org:1:*', (e, channel) => prefixed.push([e, channel]));
      await bus.publish('org:1:courier:7', { type: 'eta.updated', eta: 42 });
      await bus.publish('org:2:courier:7', { type: 'eta.updated', eta: 1 });
      await settle();
      expect(exact).toEqual([{ type: 'eta.updated', eta: 42 }]);
      expect(prefixed).toEqual([[{ type: 'eta.updated', eta: 42 }, 'org:1:courier:7']]);
    });

    it('stops delivering after unsubscribe', async () => {
      const bus = open();
      const seen: BusEvent[] = [];
      const unsubscribe = await bus.subscribe('c', (e) => seen.push(e));
      await bus.publish('c', { type: 'a' });
      await settle();
      await unsubscribe();
      await bus.publish('c', { type: 'b' });
      await settle();
      expect(seen.map((e) => e.type)).toEqual(['a']);
    });

    it('treats glob characters in channel names literally', async () => {
      const bus = open();
      const seen: string[] = [];
      await bus.subscribe('a?c', (_e, channel) => seen.push(channel));
      await bus.publish('abc', { type: 'x' });
      await bus.publish('a?c', { type: 'y' });
      await settle();
      expect(seen).toEqual(['a?c']);
    });
  });
}
