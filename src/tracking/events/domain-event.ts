/**
 * Domain events that dispatchers, customers and webhooks follow. Durable ones are stored in the
 * `events` table first (their id is the SSE event id, so `Last-Event-ID` resumes from the table)
 * and then fanned out live over the EventBus on one channel per organisation.
 * Positions and plan progress are live only: the next one supersedes them, so replaying old ones has no use.
 */
export const durableEventTypes = ['eta.updated', 'stop.status', 'stop.late', 'route.published'] as const;
/** Live only: positions and planning progress are superseded by the next one. */
export const liveEventTypes = ['courier.position', 'plan.progress', 'plan.done'] as const;
export const streamEventTypes = [...durableEventTypes, ...liveEventTypes] as const;
export type StreamEventType = (typeof streamEventTypes)[number];

export interface DomainEvent {
  type: StreamEventType;
  organisationId: string;
  courierId?: string | null;
  routeId?: string | null;
  depotId?: string | null;
  /** Orders the event concerns (an ETA update covers all of a route's remaining orders). */
  orderIds?: string[];
  data: Record<string, unknown>;
}

/** What travels on the bus and over SSE; `id` is absent for live-only events. */
export interface StreamEvent {
  id?: string;
  type: StreamEventType;
  courier_id: string | null;
  route_id: string | null;
  depot_id: string | null;
  order_ids: string[];
  created_at: string;
  data: Record<string, unknown>;
}

export const organisationChannel = (organisationId: string) => `org:${organisationId}:events`;

export function toStreamEvent(event: DomainEvent, id?: string, createdAt = new Date()): StreamEvent {
  return {
    ...(id ? { id } : {}),
    type: event.type,
    courier_id: event.courierId ?? null,
    route_id: event.routeId ?? null,
    depot_id: event.depotId ?? null,
    order_ids: event.orderIds ?? [],
    created_at: createdAt.toISOString(),
    data: event.data,
  };
}
