/** The dispatcher's side of the API: depots, couriers, orders (planning runs and publishing come next). */
import type { FeatureModule } from '../runtime/feature-module.js';
import type { Runtime } from '../runtime/runtime.js';
import { registerCourierRoutes } from './couriers/courier-routes.js';
import { registerDepotRoutes } from './depots/depot-routes.js';
import { registerOrderRoutes } from './orders/order-routes.js';

export async function createDispatchModule(runtime: Runtime): Promise<FeatureModule> {
  return {
    name: 'dispatch',
    routes: (router, registry) => {
      registerDepotRoutes(router, registry, runtime.db);
      registerCourierRoutes(router, registry, runtime.db);
      registerOrderRoutes(router, registry, runtime.db);
    },
  };
}
