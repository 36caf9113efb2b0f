/** The dispatcher's side of the API: depots, couriers, orders, planning runs, publishing, /v1/optimize. */
import type { FeatureModule } from '../runtime/feature-module.js';
import type { Runtime } from '../runtime/runtime.js';

export async function createDispatchModule(_runtime: Runtime): Promise<FeatureModule> {
  return { name: 'dispatch' };
}
