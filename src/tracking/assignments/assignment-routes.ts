/** The courier app's reads: its assignment (ETag, long-poll) and the next leg with turn-by-turn text. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import { defineRoute } from '../../api/define-route.js';
import type { AuthContext } from '../../api/middleware/authenticate.js';
import { problems } from '../../api/problem.js';
import type { RoadGraph } from '../../roadgraph/road-graph.js';
import { instructionsFor, pickLanguage } from '../../roadgraph/steps/instructions.js';
import type { PositionStore } from '../positions/position-store.js';
import type { AssignmentCache } from './assignment-cache.js';

const MAX_WAIT_S = 30;

function courierOf(auth: AuthContext): string {
  if (!auth.courierId) throw problems.forbidden('Only a courier key has assignments.');
  return auth.courierId;
}

export function registerAssignmentRoutes(router: Router, registry: OpenAPIRegistry, deps: { assignments: AssignmentCache; positions: PositionStore; roadGraph: () => Promise<RoadGraph> }): void {
  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/me/assignments',
    summary: "The courier's published route, stops in order with current ETAs. Send If-None-Match for 304; add wait=N (≤ 30 s) to long-poll for a change",
    tag: 'Courier',
    roles: ['courier'],
    query: z.object({ wait: z.coerce.number().int().min(0).max(MAX_WAIT_S).default(0).describe('Seconds to hold the request while nothing has changed') }),
    responses: { 200: { description: 'The assignment (route is null when nothing is published for the courier)', schema: z.object({ route: z.unknown() }) }, 304: { description: 'Unchanged since the ETag given' } },
    handler: async ({ auth, query, req }) => {
      const courierId = courierOf(auth);
      const ifNoneMatch = req.header('if-none-match');
      let current = await deps.assignments.get(auth.organisationId, courierId);
      if (query.wait > 0 && ifNoneMatch === current.etag) {
        const gone = new AbortController();
        req.once('close', () => gone.abort());
        const deadline = Date.now() + query.wait * 1000;
        // An eviction may come from a change that leaves the body as it was: keep waiting then.
        while (current.etag === ifNoneMatch && Date.now() < deadline && !gone.signal.aborted) {
          await deps.assignments.waitForChange(courierId, deadline - Date.now(), gone.signal);
          current = await deps.assignments.get(auth.organisationId, courierId);
        }
      }
      const headers = { ETag: current.etag, 'Cache-Control': 'private, no-cache' };
      if (ifNoneMatch === current.etag) return { status: 304, headers };
      return { body: current.body, headers };
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/me/route/next',
    summary: 'The next leg from the courier’s last position to the next open stop: GeoJSON geometry and turn-by-turn instructions in the Accept-Language',
    tag: 'Courier',
    roles: ['courier'],
    responses: { 200: { description: 'The next leg', schema: z.object({ stop: z.unknown(), distance: z.number(), duration: z.number(), language: z.string(), geometry: z.unknown(), steps: z.array(z.unknown()) }) }, 404: { description: 'No open stop' } },
    handler: async ({ auth, req }) => {
      const courierId = courierOf(auth);
      const { assignment, body } = await deps.assignments.get(auth.organisationId, courierId);
      const index = assignment?.stops.findIndex((s) => s.status === 'pending' || s.status === 'arrived') ?? -1;
      if (!assignment || index < 0) throw problems.notFound('An open stop for this courier');
      const stop = assignment.stops[index]!;
      // From the newest position, else from the previous stop (the depot before the first one).
      const position = await deps.positions.newestStored(courierId);
      const origin = position?.location ?? (index > 0 ? assignment.stops[index - 1]!.location : stop.location);
      const graph = await deps.roadGraph();
      const route = await graph.route([origin, stop.location], { steps: true, geometry: 'geojson' });
      const language = pickLanguage(req.header('accept-language'));
      const leg = route.legs[0]!;
      const texts = instructionsFor(leg.steps, language);
      const view = (body as { route: { stops: unknown[] } }).route.stops[index];
      return {
        headers: { 'Content-Language': language },
        body: {
          stop: view,
          distance: route.distance,
          duration: route.duration,
          language,
          geometry: route.geometry,
          steps: leg.steps.map((s, i) => ({ instruction: texts[i], distance: s.distance, duration: s.duration, name: s.name, ref: s.ref, maneuver: s.maneuver, geometry: s.geometry })),
        },
      };
    },
  });
}
