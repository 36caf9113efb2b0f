/**
 * The courier's and the customer's side: assignments, stop events, positions and live ETAs, the
 * dispatcher stream, public tracking links and webhooks. Caches here are per API instance and kept
 * honest by the domain events every instance receives over the bus.
 */
import type { FeatureModule } from '../runtime/feature-module.js';
import type { Runtime } from '../runtime/runtime.js';
import { AssignmentCache } from './assignments/assignment-cache.js';
import { registerAssignmentRoutes } from './assignments/assignment-routes.js';
import { EtaEngine } from './eta/eta-engine.js';
import { registerPositionRoutes } from './positions/position-routes.js';
import { PositionStore } from './positions/position-store.js';
import { registerTrackRoutes } from './public/track-routes.js';
import { registerStopEventRoutes } from './stops/stop-event-routes.js';
import { StreamHub } from './stream/stream-hub.js';
import { registerStreamRoutes } from './stream/stream-routes.js';
import { processWebhookDeliveries, webhookFanout } from './webhooks/webhook-delivery.js';
import { registerWebhookRoutes } from './webhooks/webhook-routes.js';

export function createTrackingModule(runtime: Runtime): FeatureModule {
  const { db, events, recorder, logger, jobs } = runtime;
  recorder.useWebhooks(webhookFanout(db, jobs));
  // With Redis, `lastmile worker` processes deliver webhooks; in the embedded mode this process does.
  if (!runtime.config.REDIS_URL) processWebhookDeliveries(jobs, db, logger);
  const roadGraph = () => runtime.roadGraph.get();
  const assignments = new AssignmentCache(db, events);
  assignments.start();
  const positions = new PositionStore(db);
  const hub = new StreamHub(events);
  const eta = new EtaEngine({ db, recorder, assignments, roadGraph, logger });
  // After a stop event the rest of the route moves: recompute from the newest known position, now.
  const onStopChanged = (organisationId: string, courierId: string) =>
    void positions.latest(courierId).then((fix) => fix && eta.update(organisationId, courierId, { ...fix, time: Date.now() }), () => {});
  return {
    name: 'tracking',
    routes: (router, registry) => {
      registerAssignmentRoutes(router, registry, { assignments, positions, roadGraph });
      registerPositionRoutes(router, registry, { positions, eta });
      registerStopEventRoutes(router, registry, { db, recorder, onStopChanged });
      registerStreamRoutes(router, registry, { db, hub });
      registerWebhookRoutes(router, registry, db);
    },
    publicRoutes: (router, registry) => registerTrackRoutes(router, registry, { db, hub, assignments, positions }),
  };
}
