/**
 * Records durable domain events (the outbox) and fans them out: live over the EventBus to every
 * API instance, and to the organisation's webhook subscriptions through the job queue.
 * Callers inside a transaction pass it, and call `publish` with the result after the commit,
 * so no subscriber ever sees an event that was rolled back.
 */
import type { Knex } from 'knex';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../observability/logger.js';
import type { EventBus } from '../event-bus.js';
import { organisationChannel, toStreamEvent, type DomainEvent, type StreamEvent } from './domain-event.js';

export interface StoredEvent extends StreamEvent {
  id: string;
  organisationId: string;
}

/** Hands stored events to webhook delivery; the webhooks module implements it. */
export type WebhookFanout = (events: StoredEvent[]) => Promise<void>;

export class EventRecorder {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private webhooks?: WebhookFanout,
  ) {}

  useWebhooks(fanout: WebhookFanout): void {
    this.webhooks = fanout;
  }

  /**
   * Inserts the events (in `trx` when given) and returns them with their ids; nothing is published yet.
   * `alongside` are data-modifying statements that the events record (they must not touch one row
   * twice): they run in the same SQL statement, as CTEs, so they and the events commit together
   * in one round trip, without a transaction around them.
   */
  async store(events: DomainEvent[], trx: Db = this.db, alongside: Knex.Raw[] = []): Promise<StoredEvent[]> {
    if (!events.length) return [];
    const statement = alongside.reduce((query, raw, i) => query.with(`alongside_${i}`, raw), trx.queryBuilder());
    const rows = await statement
      .into('events')
      .insert(events.map((e) => ({ organisation_id: e.organisationId, type: e.type, courier_id: e.courierId ?? null, route_id: e.routeId ?? null, depot_id: e.depotId ?? null, order_id: e.orderIds?.length === 1 ? e.orderIds[0] : null, data: JSON.stringify({ ...e.data, order_ids: e.orderIds ?? [] }) })))
      .returning(['id', 'created_at']);
    return events.map((e, i) => ({ ...toStreamEvent(e, undefined, new Date(rows[i].created_at)), id: String(rows[i].id), organisationId: e.organisationId }));
  }

  /** Fans stored events out. Never throws: the events are safe in the table whatever happens here. */
  async publish(stored: StoredEvent[]): Promise<void> {
    for (const { organisationId, ...event } of stored) {
      await this.bus.publish(organisationChannel(organisationId), { ...event }).catch((error: unknown) => this.logger.warn({ err: error }, 'event bus publish failed'));
    }
    if (this.webhooks && stored.length) await this.webhooks(stored).catch((error: unknown) => this.logger.error({ err: error }, 'webhook fan-out failed'));
  }

  async record(events: DomainEvent[]): Promise<StoredEvent[]> {
    const stored = await this.store(events);
    await this.publish(stored);
    return stored;
  }

  /** Live-only events (positions): the bus, no table, no webhooks. */
  async live(event: DomainEvent): Promise<void> {
    await this.bus.publish(organisationChannel(event.organisationId), { ...toStreamEvent(event) }).catch(() => {});
  }
}

/** Reads events after `afterId` from the table, oldest first: the SSE resume path. */
export async function eventsAfter(db: Db, organisationId: string, afterId: string, limit = 1000): Promise<StreamEvent[]> {
  const rows = await db('events').where({ organisation_id: organisationId }).where('id', '>', afterId).orderBy('id').limit(limit);
  return rows.map((r) => {
    const { order_ids: orderIds, ...data } = r.data as Record<string, unknown> & { order_ids?: string[] };
    return { id: String(r.id), type: r.type, courier_id: r.courier_id, route_id: r.route_id, depot_id: r.depot_id, order_ids: orderIds ?? [], created_at: new Date(r.created_at).toISOString(), data };
  });
}
