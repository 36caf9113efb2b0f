/**
 * A long-lived subscription that must not stop a process from starting while Redis is away: it is
 * retried in the background with a growing delay until it holds (ioredis then keeps it across
 * reconnects). `onSubscribed` tells the caller from when it can trust what it hears.
 */
import type { BusEvent, EventBus } from './event-bus.js';

export function subscribeWithRetry(bus: EventBus, channel: string, handler: (event: BusEvent, channel: string) => void, onSubscribed: () => void = () => {}, retryMs = 500): void {
  bus.subscribe(channel, handler).then(onSubscribed, () => {
    setTimeout(() => subscribeWithRetry(bus, channel, handler, onSubscribed, Math.min(retryMs * 2, 10_000)), retryMs).unref();
  });
}
