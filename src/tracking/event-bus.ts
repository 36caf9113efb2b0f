/**
 * The EventBus port: live fan-out of domain events (ETA updates, stop status, plan progress) to
 * whoever listens in any API instance. In-process in the embedded mode, Redis pub/sub across
 * instances in the distributed mode. Delivery is at-most-once; durable history lives in the events
 * table (SSE resume reads it), not here.
 */
export interface BusEvent {
  type: string;
  [field: string]: unknown;
}

export type Unsubscribe = () => Promise<void>;

export interface EventBus {
  publish(channel: string, event: BusEvent): Promise<void>;
  /** `channel` may end in `*` to receive every channel with that prefix. */
  subscribe(channel: string, handler: (event: BusEvent, channel: string) => void): Promise<Unsubscribe>;
  close(): Promise<void>;
}

export function channelMatches(pattern: string, channel: string): boolean {
  return pattern.endsWith('*') ? channel.startsWith(pattern.slice(0, -1)) : pattern === channel;
}
