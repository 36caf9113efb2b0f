/**
 * Webhook delivery through the job queue: each (subscription, event) pair is one job, deduplicated
 * by its id, retried with exponential backoff while the receiver fails; every attempt is logged.
 * Receivers get the event as the stream shows it, signed (webhook-signature).
 */
import type { Db } from '../../db/database.js';
import type { Logger } from '../../observability/logger.js';
import type { JobQueue } from '../../queue/job-queue.js';
import type { StoredEvent, WebhookFanout } from '../events/event-recorder.js';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature.js';

export const WEBHOOK_QUEUE = 'webhooks';
/** 8 tries, 1 s doubling: the last retry comes about two minutes after the first failure. */
export const WEBHOOK_ATTEMPTS = 8;
export const WEBHOOK_BACKOFF_MS = 1000;

interface WebhookJob {
  webhookId: string;
  eventId: string;
}

interface Subscription {
  id: string;
  event_types: string[];
}

/** Subscriptions are read per organisation at most every few seconds: events can come by the thousand. */
export function webhookFanout(db: Db, jobs: JobQueue, cacheMs = 5000): WebhookFanout {
  const cache = new Map<string, { at: number; subscriptions: Promise<Subscription[]> }>();
  const subscriptionsOf = (organisationId: string) => {
    const hit = cache.get(organisationId);
    if (hit && Date.now() - hit.at < cacheMs) return hit.subscriptions;
    // `.then` makes it a promise: a knex builder is a lazy thenable that runs its query again at every await.
    const subscriptions: Promise<Subscription[]> = db('webhooks').where({ organisation_id: organisationId }).whereNull('deleted_at').select('id', 'event_types').then((rows) => rows);
    cache.set(organisationId, { at: Date.now(), subscriptions });
    subscriptions.catch(() => cache.delete(organisationId));
    return subscriptions;
  };
  return async (events: StoredEvent[]) => {
    for (const event of events) {
      for (const webhook of await subscriptionsOf(event.organisationId)) {
        if (!webhook.event_types.includes(event.type)) continue;
        await jobs.add<WebhookJob>(WEBHOOK_QUEUE, { webhookId: webhook.id, eventId: event.id }, { jobId: `${webhook.id}_${event.id}`, attempts: WEBHOOK_ATTEMPTS, backoffMs: WEBHOOK_BACKOFF_MS });
      }
    }
  };
}

export function processWebhookDeliveries(jobs: JobQueue, db: Db, logger: Logger, options: { concurrency?: number; timeoutMs?: number } = {}): void {
  jobs.process<WebhookJob>(
    WEBHOOK_QUEUE,
    async (job) => {
      const webhook = await db('webhooks').where({ id: job.data.webhookId }).whereNull('deleted_at').first('id', 'url', 'secret');
      const event = await db('events').where({ id: job.data.eventId }).first();
      if (!webhook || !event) return { skipped: true };
      const { order_ids: orderIds, ...data } = event.data as Record<string, unknown> & { order_ids?: string[] };
      const body = JSON.stringify({ id: String(event.id), type: event.type, created_at: new Date(event.created_at).toISOString(), courier_id: event.courier_id, route_id: event.route_id, depot_id: event.depot_id, order_ids: orderIds ?? [], data });
      const started = performance.now();
      let status: number | null = null;
      let error: string | null = null;
      try {
        const response = await fetch(webhook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'lastmile-webhooks', [WEBHOOK_SIGNATURE_HEADER]: signWebhook(webhook.secret, Math.floor(Date.now() / 1000), body), 'Lastmile-Event-Id': String(event.id), 'Lastmile-Event-Type': event.type },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
        status = response.status;
        await response.body?.cancel();
        if (!response.ok) error = `the receiver answered ${response.status}`;
      } catch (cause) {
        error = (cause as Error).message;
      }
      await db('webhook_deliveries').insert({ webhook_id: webhook.id, event_id: event.id, attempt: job.attempt, response_status: status, error, duration_ms: Math.round(performance.now() - started) });
      if (error) {
        logger.info({ webhookId: webhook.id, eventId: event.id, attempt: job.attempt, error }, 'webhook delivery failed; retrying with backoff');
        throw new Error(error);
      }
      return { status };
    },
    { concurrency: options.concurrency ?? 4 },
  );
}
