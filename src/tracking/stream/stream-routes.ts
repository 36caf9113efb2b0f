/**
 * GET /v1/stream: the dispatcher's live feed of the organisation (ETAs, stop status, positions,
 * planning progress), filterable by courier, route, depot and type. `Last-Event-ID` resumes
 * without loss: the live subscription starts first and buffers, the events table fills the gap,
 * then the buffer is flushed without the events the replay already sent.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import { defineRoute } from '../../api/define-route.js';
import type { Db } from '../../db/database.js';
import { streamEventTypes, type StreamEvent } from '../events/domain-event.js';
import { eventsAfter } from '../events/event-recorder.js';
import { problems } from '../../api/problem.js';
import { openSse, type SseConnection } from './sse.js';
import type { Interest, StreamHub } from './stream-hub.js';

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).min(1));

const querySchema = z.object({
  courier_id: csv(z.uuid()).optional().describe('Comma-separated courier ids'),
  route_id: csv(z.uuid()).optional(),
  depot_id: csv(z.uuid()).optional(),
  types: csv(z.enum(streamEventTypes)).optional().describe(`Comma-separated event types: ${streamEventTypes.join(', ')}`),
  last_event_id: z.string().regex(/^\d{1,18}$/).optional().describe('Same as the Last-Event-ID header'),
  access_token: z.string().optional().describe('A token from POST /v1/me/stream-token, instead of the Authorization header'),
});

export function registerStreamRoutes(router: Router, registry: OpenAPIRegistry, deps: { db: Db; hub: StreamHub }): void {
  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/stream',
    summary: 'Server-sent events of the organisation: eta.updated, stop.status, stop.late, route.published (with ids, resumable with Last-Event-ID), courier.position, plan.progress, plan.done (live only)',
    tag: 'Tracking',
    roles: ['admin', 'dispatcher'],
    query: querySchema,
    responses: { 200: { description: 'text/event-stream', contentType: 'text/event-stream', schema: z.string() } },
    handler: async ({ auth, query, req, res }) => {
      const header = req.header('last-event-id');
      const resumeFrom = header && /^\d{1,18}$/.test(header) ? header : query.last_event_id;
      const wanted = (e: StreamEvent) =>
        (!query.types || query.types.includes(e.type)) &&
        (!query.courier_id || (e.courier_id !== null && query.courier_id.includes(e.courier_id))) &&
        (!query.route_id || (e.route_id !== null && query.route_id.includes(e.route_id))) &&
        (!query.depot_id || (e.depot_id !== null && query.depot_id.includes(e.depot_id)));
      // Indexed under one of its filters (every wanted event matches each of them); `wanted` checks the rest.
      const interest: Interest = query.courier_id ? { couriers: query.courier_id } : query.route_id ? { routes: query.route_id } : query.depot_id ? { depots: query.depot_id } : 'all';
      await streamEvents(deps, auth.organisationId, interest, resumeFrom, wanted, () => openSse(req, res));
    },
  });
}

/**
 * Subscribes first (503 when live events are unavailable), then opens the stream, replays what came
 * after `resumeFrom` from the table, and goes live; customers' streams use it too.
 */
export async function streamEvents(deps: { db: Db; hub: StreamHub }, organisationId: string, interest: Interest, resumeFrom: string | undefined, wanted: (e: StreamEvent) => boolean, open: () => SseConnection): Promise<void> {
  let buffer: StreamEvent[] | undefined = [];
  let lastSent = BigInt(resumeFrom ?? 0);
  let sse: SseConnection | undefined;
  const deliver = (event: StreamEvent) => {
    if (event.id) {
      if (BigInt(event.id) <= lastSent) return;
      lastSent = BigInt(event.id);
    }
    if (wanted(event)) sse!.send(event);
  };
  const subscription = await deps.hub
    .subscribe(organisationId, interest, (event) => {
      if (buffer) buffer.push(event);
      else deliver(event);
    })
    .catch(() => {
      throw problems.unavailable('Live events are unavailable right now; retry shortly.');
    });
  sse = open();
  void sse.closed.then(subscription.close);
  for (let more = resumeFrom !== undefined; more; ) {
    const page = await eventsAfter(deps.db, organisationId, String(lastSent), 1000);
    for (const event of page) deliver(event);
    more = page.length === 1000;
  }
  const waiting = buffer;
  buffer = undefined;
  for (const event of waiting) deliver(event);
}
