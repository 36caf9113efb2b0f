/**
 * EventBus over Redis pub/sub: one subscriber connection per process multiplexes every subscription
 * (patterns through PSUBSCRIBE); ioredis re-subscribes by itself after a reconnect.
 */
import { Redis } from 'ioredis';
import { type BusEvent, type EventBus, type Unsubscribe } from './event-bus.js';

export class RedisEventBus implements EventBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  /** Handlers by Redis pattern. */
  private readonly handlers = new Map<string, Set<(event: BusEvent, channel: string) => void>>();
  private closed = false;

  constructor(
    url: string,
    private readonly prefix = 'lastmile',
  ) {
    const options = { maxRetriesPerRequest: 2, retryStrategy: (n: number) => Math.min(n * 200, 2000) };
    // Thousands of publishes a second: those issued in one tick go out in one write.
    this.publisher = new Redis(url, { ...options, enableAutoPipelining: true });
    this.subscriber = new Redis(url, options);
    this.publisher.on('error', () => {});
    this.subscriber.on('error', () => {});
    this.subscriber.on('pmessage', (pattern: string, channel: string, message: string) => {
      const set = this.handlers.get(pattern);
      if (!set) return;
      const event = JSON.parse(message) as BusEvent;
      const name = channel.slice(this.prefix.length + 1);
      for (const handler of set) handler(event, name);
    });
  }

  async publish(channel: string, event: BusEvent): Promise<void> {
    await this.publisher.publish(`${this.prefix}:${channel}`, JSON.stringify(event));
  }

  private redisPattern(pattern: string): string {
    const escape = (text: string) => text.replace(/[?*[\]\\]/g, '\\$&');
    return `${this.prefix}:${pattern.endsWith('*') ? `${escape(pattern.slice(0, -1))}*` : escape(pattern)}`;
  }

  async subscribe(pattern: string, handler: (event: BusEvent, channel: string) => void): Promise<Unsubscribe> {
    // Exact channels are subscribed as patterns too (glob characters escaped), so one listener serves both.
    if (this.closed) return async () => {};
    const key = this.redisPattern(pattern);
    let set = this.handlers.get(key);
    if (!set) {
      set = new Set();
      this.handlers.set(key, set);
      try {
        await this.subscriber.psubscribe(key);
      } catch (error) {
        // Redis is unreachable: leave no half-registered pattern behind, so a retry subscribes for real.
        this.handlers.delete(key);
        throw error;
      }
    }
    set.add(handler);
    return async () => {
      set!.delete(handler);
      if (set!.size === 0 && this.handlers.get(key) === set) {
        this.handlers.delete(key);
        // After close (a stream ending during shutdown) there is nothing left to unsubscribe from.
        if (!this.closed) await this.subscriber.punsubscribe(key).catch(() => {});
      }
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}

