/**
 * The dispatcher's side of the API: depots, couriers, orders, planning runs. Without Redis (the
 * embedded mode) the API process also runs the planning jobs; with Redis, `lastmile worker`
 * processes do.
 */
import type { FeatureModule } from '../runtime/feature-module.js';
import type { Runtime } from '../runtime/runtime.js';
import { registerCourierRoutes } from './couriers/courier-routes.js';
import { registerDepotRoutes } from './depots/depot-routes.js';
import { registerOrderRoutes } from './orders/order-routes.js';
import { processPlans } from './plans/plan-processor.js';
import { registerPlanRoutes } from './plans/plan-routes.js';
import { OPTIMIZE_QUEUE, processOptimizations, registerOptimizeRoutes } from './optimize/optimize-routes.js';
import { PLAN_QUEUE } from './plans/run-plan.js';
import { QUEUE_BOARD_PATH, queueBoard } from './queue-board.js';

export function planRunnerOf(runtime: Runtime) {
  return { db: runtime.db, roadGraph: () => runtime.roadGraph.forPlanning(), events: runtime.events, solverThreads: runtime.config.SOLVER_THREADS };
}

export async function createDispatchModule(runtime: Runtime): Promise<FeatureModule> {
  if (!runtime.config.REDIS_URL) {
    processPlans(runtime.jobs, planRunnerOf(runtime), runtime.logger, runtime.config.WORKER_CONCURRENCY);
    processOptimizations(runtime.jobs, () => runtime.roadGraph.forPlanning());
  }
  const board = queueBoard(runtime.jobs, [PLAN_QUEUE, OPTIMIZE_QUEUE]);
  return {
    name: 'dispatch',
    mounts: board ? [{ path: QUEUE_BOARD_PATH, router: board }] : [],
    routes: (router, registry) => {
      registerDepotRoutes(router, registry, runtime.db);
      registerCourierRoutes(router, registry, runtime.db);
      registerOrderRoutes(router, registry, runtime.db, runtime.config.PUBLIC_URL);
      registerPlanRoutes(router, registry, runtime.db, runtime.jobs, runtime.events, runtime.recorder);
      registerOptimizeRoutes(router, registry, runtime.jobs, () => runtime.roadGraph.forPlanning());
    },
  };
}
