/** POST /v1/me/positions: a courier's batched GPS pings. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import { defineRoute } from '../../api/define-route.js';
import { problems } from '../../api/problem.js';
import type { EtaEngine } from '../eta/eta-engine.js';
import { checkPings, type Ping } from './ping-check.js';
import type { PositionStore } from './position-store.js';

const pingSchema = z.object({
  location: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).describe('[lon, lat]'),
  time: z.iso.datetime({ offset: true }).describe('Device time, ISO-8601 with offset'),
  accuracy: z.number().min(0).max(100_000).nullish().describe('metres'),
  speed: z.number().min(0).max(200).nullish().describe('m/s'),
  heading: z.number().min(0).max(360).nullish().describe('degrees from north'),
});

const resultSchema = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), reason: z.enum(['invalid', 'future', 'too_old', 'impossible_jump']), message: z.string() })),
});

export function registerPositionRoutes(router: Router, registry: OpenAPIRegistry, deps: { positions: PositionStore; eta: EtaEngine }): void {
  defineRoute(router, registry, {
    method: 'post',
    path: '/v1/me/positions',
    summary: "Report the courier's positions (a batch of pings); each bad ping is refused with its reason, the others are kept",
    tag: 'Courier',
    roles: ['courier'],
    // Each ping is checked on its own, so that one bad ping does not cost the batch.
    body: z.object({ positions: z.array(z.unknown()).min(1).max(500).describe(`Pings: ${JSON.stringify(z.toJSONSchema(pingSchema).properties)}`) }),
    responses: { 202: { description: 'What was kept and what was refused, per ping', schema: resultSchema } },
    handler: async ({ auth, body }) => {
      const courierId = auth.courierId;
      if (!courierId) throw problems.forbidden('Only a courier key reports positions.');
      const rejected: z.infer<typeof resultSchema>['rejected'] = [];
      const valid: { index: number; ping: Ping }[] = [];
      body.positions.forEach((raw, index) => {
        const parsed = pingSchema.safeParse(raw);
        if (parsed.success) valid.push({ index, ping: { ...parsed.data, time: Date.parse(parsed.data.time) } });
        else rejected.push({ index, reason: 'invalid', message: parsed.error.issues.map((i) => `${['positions', index, ...i.path].join('.')}: ${i.message}`).join('; ') });
      });
      const previous = await deps.positions.latest(courierId);
      const verdicts = checkPings(valid, previous, Date.now());
      const stored: Ping[] = [];
      let duplicates = 0;
      for (const v of verdicts) {
        if (v.outcome === 'rejected') rejected.push({ index: v.index, reason: v.reason, message: v.message });
        else if (v.outcome === 'duplicate') duplicates++;
        else stored.push(v.ping);
      }
      // Live fan-out and ETAs start at once, without waiting for the position's commit: a live
      // position is superseded by the next one and ETAs are derived. The answer does wait for it,
      // so no acknowledged ping is ever lost.
      const newest = stored.reduce<Ping | undefined>((a, p) => (!a || p.time > a.time ? p : a), undefined);
      if (newest && (!previous || newest.time > previous.time)) deps.eta.update(auth.organisationId, courierId, newest);
      await deps.positions.append(auth.organisationId, courierId, stored);
      rejected.sort((a, b) => a.index - b.index);
      return { status: 202, body: { accepted: stored.length, duplicates, rejected } };
    },
  });
}
