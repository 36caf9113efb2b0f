/** The courier's side and live tracking: assignments, stop events, positions, ETAs, streams, webhooks, tracking links. */
import type { FeatureModule } from '../runtime/feature-module.js';
import type { Runtime } from '../runtime/runtime.js';

export async function createTrackingModule(_runtime: Runtime): Promise<FeatureModule> {
  return { name: 'tracking' };
}
