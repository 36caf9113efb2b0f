import { channelMatches, type BusEvent, type EventBus, type Unsubscribe } from './event-bus.js';

/** EventBus inside one process (the embedded mode). Handlers run asynchronously, as they would over Redis. */
export class InProcessEventBus implements EventBus {
  private readonly subscriptions = new Set<{ pattern: string; handler: (event: BusEvent, channel: string) => void }>();

  async publish(channel: string, event: BusEvent): Promise<void> {
    const copy = structuredClone(event);
    for (const s of this.subscriptions) if (channelMatches(s.pattern, channel)) queueMicrotask(() => s.handler(copy, channel));
  }

  async subscribe(pattern: string, handler: (event: BusEvent, channel: string) => void): Promise<Unsubscribe> {
    const subscription = { pattern, handler };
    this.subscriptions.add(subscription);
    return async () => void this.subscriptions.delete(subscription);
  }

  async close(): Promise<void> {
    this.subscriptions.clear();
  }
}
