/**
 * Fan-out of an organisation's live events to this instance's open streams (dispatchers' and
 * customers'). One bus subscription per organisation serves them all, and each stream is indexed
 * under what it follows (couriers, routes, depots, orders, or everything), so an event costs in
 * proportion to the streams that may want it. With thousands of streams open and thousands of
 * positions a second, visiting every stream for every event would take the whole event loop.
 */
import type { EventBus, Unsubscribe } from '../event-bus.js';
import { organisationChannel, type StreamEvent } from '../events/domain-event.js';

/** What a stream follows: the events of any of these couriers, routes, depots or orders; or all events. */
export type Interest = 'all' | { couriers?: string[]; routes?: string[]; depots?: string[]; orders?: string[] };

export interface HubSubscription {
  /** Follows something else from now on (a customer's order handed to another courier). */
  follow(interest: Interest): void;
  close(): Promise<void>;
}

interface Subscriber {
  handler: (event: StreamEvent) => void;
  keys: string[];
  /** The dispatch that last visited it: a stream indexed under two of an event's keys gets it once. */
  visited: number;
}

interface OrganisationStreams {
  index: Map<string, Set<Subscriber>>;
  size: number;
  subscribed: Promise<Unsubscribe>;
}

const ALL = '*';

function keysOf(interest: Interest): string[] {
  if (interest === 'all') return [ALL];
  return [
    ...(interest.couriers ?? []).map((id) => `c:${id}`),
    ...(interest.routes ?? []).map((id) => `r:${id}`),
    ...(interest.depots ?? []).map((id) => `d:${id}`),
    ...(interest.orders ?? []).map((id) => `o:${id}`),
  ];
}

export class StreamHub {
  private readonly organisations = new Map<string, OrganisationStreams>();
  private dispatches = 0;

  constructor(private readonly bus: EventBus) {}

  /**
   * Calls `handler` with the organisation's events that concern `interest` (the handler still
   * applies its own finer filter). Rejects when live events are unavailable (Redis down).
   */
  async subscribe(organisationId: string, interest: Interest, handler: (event: StreamEvent) => void): Promise<HubSubscription> {
    const streams = this.streamsOf(organisationId);
    streams.size++;
    try {
      await streams.subscribed;
    } catch (error) {
      streams.size--;
      throw error;
    }
    const subscriber: Subscriber = { handler, keys: [], visited: 0 };
    const index = (keys: string[]) => {
      for (const key of subscriber.keys) {
        const set = streams.index.get(key);
        set?.delete(subscriber);
        if (set?.size === 0) streams.index.delete(key);
      }
      subscriber.keys = keys;
      for (const key of keys) {
        let set = streams.index.get(key);
        if (!set) streams.index.set(key, (set = new Set()));
        set.add(subscriber);
      }
    };
    index(keysOf(interest));
    let open = true;
    return {
      follow: (next) => open && index(keysOf(next)),
      close: async () => {
        if (!open) return;
        open = false;
        index([]);
        if (--streams.size > 0) return;
        this.organisations.delete(organisationId);
        await (await streams.subscribed)();
      },
    };
  }

  private streamsOf(organisationId: string): OrganisationStreams {
    const known = this.organisations.get(organisationId);
    if (known) return known;
    const streams: OrganisationStreams = { index: new Map(), size: 0, subscribed: undefined! };
    streams.subscribed = this.bus.subscribe(organisationChannel(organisationId), (event) => this.dispatch(streams, event as unknown as StreamEvent));
    // A failed subscription is forgotten at once, so the next stream tries again.
    streams.subscribed.catch(() => this.organisations.get(organisationId) === streams && this.organisations.delete(organisationId));
    this.organisations.set(organisationId, streams);
    return streams;
  }

  private dispatch(streams: OrganisationStreams, event: StreamEvent): void {
    const dispatch = ++this.dispatches;
    const visit = (key: string) => {
      const set = streams.index.get(key);
      if (!set) return;
      for (const subscriber of set) {
        if (subscriber.visited === dispatch) continue;
        subscriber.visited = dispatch;
        subscriber.handler(event);
      }
    };
    visit(ALL);
    if (event.courier_id) visit(`c:${event.courier_id}`);
    if (event.route_id) visit(`r:${event.route_id}`);
    if (event.depot_id) visit(`d:${event.depot_id}`);
    for (const id of event.order_ids) visit(`o:${id}`);
  }
}
