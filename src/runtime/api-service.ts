/** `lastmile serve`: the runtime, the HTTP app with every feature module, and a graceful stop. */
import type { Config } from '../config/config.js';
import { createApp } from '../api/app.js';
import { version } from '../version.js';
import { bootstrapFirstAdminKey } from './bootstrap.js';
import { listen, type RunningServer } from './http-server.js';
import { createRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
import { createDispatchModule } from '../dispatch/dispatch-module.js';
import { createTrackingModule } from '../tracking/tracking-module.js';
import type { FeatureModule } from './feature-module.js';

export interface ApiService {
  runtime: Runtime;
  http: RunningServer;
  /** The admin key created on first start of an empty installation. */
  bootstrapKey?: string;
  stop(): Promise<void>;
}

export async function startApiService(config: Config, options: Pick<RuntimeOptions, 'onRoadGraphBuild'> = {}): Promise<ApiService> {
  const runtime = await createRuntime(config, { purpose: 'lastmile serve', migrate: true, ...options });
  try {
    const bootstrapKey = await bootstrapFirstAdminKey(runtime.db);
    runtime.readiness.push(runtime.roadGraph.readiness());
    runtime.roadGraph.start();
    const modules: FeatureModule[] = [await createDispatchModule(runtime), createTrackingModule(runtime)];
    for (const module of modules) if (module.stop) runtime.onClose(module.stop);
    const app = createApp({
      db: runtime.db,
      logger: runtime.logger,
      metrics: runtime.metrics,
      readiness: runtime.readiness,
      version,
      events: runtime.events,
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
      routeModules: modules.flatMap((m) => (m.routes ? [m.routes] : [])),
      publicRoutes: modules.flatMap((m) => (m.publicRoutes ? [m.publicRoutes] : [])),
      mounts: modules.flatMap((m) => m.mounts ?? []),
    });
    const http = await listen(app, config.HOST, config.PORT);
    return {
      runtime,
      http,
      bootstrapKey,
      stop: async () => {
        await http.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
