/**
 * Customer tracking, public (no key; the token is the credential): GET /t/{token} is the page,
 * GET /v1/track/{token} its JSON, GET /v1/track/{token}/stream its live feed. Unknown and
 * malformed tokens get the same 404, so tokens cannot be told apart or enumerated.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import { defineRoute } from '../../api/define-route.js';
import { problems } from '../../api/problem.js';
import type { Db } from '../../db/database.js';
import type { AssignmentCache } from '../assignments/assignment-cache.js';
import type { PositionStore } from '../positions/position-store.js';
import { openSse, type SseConnection } from '../stream/sse.js';
import type { HubSubscription, StreamHub } from '../stream/stream-hub.js';
import { trackPage } from './track-page.js';
import { buildTrackView, courierOfOrder, findTrackedOrder, type TrackView } from './track-view.js';

const tokenParams = z.object({ token: z.string().max(64) });
const viewSchema = z.object({ status: z.string(), eta: z.string().nullable(), time_windows: z.array(z.object({ start: z.string(), end: z.string() })), stops_before: z.number().nullable(), courier: z.object({ location: z.tuple([z.number(), z.number()]), updated_at: z.string() }).nullable(), completed_at: z.string().nullable() });

export function registerTrackRoutes(router: Router, registry: OpenAPIRegistry, deps: { db: Db; hub: StreamHub; assignments: AssignmentCache; positions: PositionStore }): void {
  const viewDeps = { db: deps.db, assignments: deps.assignments, latestPosition: (id: string) => deps.positions.newestStored(id) };
  const find = async (token: string) => {
    const order = await findTrackedOrder(deps.db, token);
    if (!order) throw problems.notFound('This tracking link');
    return order;
  };

  router.get('/t/:token', (_req, res) => {
    // The page itself reveals nothing: it asks the JSON endpoint, which checks the token.
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('referrer-policy', 'no-referrer');
    res.send(trackPage);
  });

  defineRoute(router, registry, {
    method: 'get', path: '/v1/track/:token', summary: 'A customer’s view of one order: status, ETA, window, and the courier’s position while close', tag: 'Tracking', roles: 'public', params: tokenParams,
    responses: { 200: { description: 'The tracking view', schema: viewSchema } },
    handler: async ({ params }) => {
      const order = await find(params.token);
      return { body: await buildTrackView(viewDeps, order, await courierOfOrder(deps.db, order)), headers: { 'cache-control': 'no-store' } };
    },
  });

  defineRoute(router, registry, {
    method: 'get', path: '/v1/track/:token/stream', summary: 'Server-sent events of a tracking view: `status` events with the whole view whenever it changes', tag: 'Tracking', roles: 'public', params: tokenParams,
    responses: { 200: { description: 'text/event-stream', contentType: 'text/event-stream', schema: z.string() } },
    handler: async ({ params, req, res }) => {
      const order = await find(params.token);
      let courierId = await courierOfOrder(deps.db, order);
      let sse: SseConnection | undefined;
      let last = '';
      const push = (view: TrackView) => {
        const text = JSON.stringify(view);
        if (!sse) return;
        if (text !== last) sse.send({ type: 'status', ...view });
        last = text;
      };
      // The order's events, and its courier's (positions): the courier changes when a plan is published.
      const interest = () => ({ orders: [order.orderId], couriers: courierId === undefined ? [] : [courierId] });
      // Serialised: a burst of events yields views in order, never an older one last.
      let chain = Promise.resolve();
      let subscription: HubSubscription | undefined = undefined;
      // The hub hands over only the order's events and its current courier's.
      subscription = await deps.hub.subscribe(order.organisationId, interest(), (event) => {
        chain = chain.then(async () => {
          if (event.type === 'route.published') {
            courierId = await courierOfOrder(deps.db, order);
            subscription?.follow(interest());
          }
          const view = await buildTrackView(viewDeps, order, courierId);
          // A position event carries the newest snapped fix before the database has it.
          if (event.type === 'courier.position' && view.courier) view.courier = { location: event.data.location as [number, number], updated_at: String(event.data.time) };
          push(view);
        }).catch(() => {});
      }).catch(() => {
        throw problems.unavailable('Live tracking is unavailable right now; retry shortly.');
      });
      // A plan published while subscribing changed the courier before `subscription` was set.
      subscription.follow(interest());
      sse = openSse(req, res);
      push(await buildTrackView(viewDeps, order, courierId));
      void sse.closed.then(subscription.close);
    },
  });
}
