/**
 * The HTTP application: operational endpoints in front, then every /v1 route behind API-key
 * authentication, then problem+json error handling. Feature modules add their routes through
 * `routeModules`, each declaring its routes with `defineRoute` (handler + validation + OpenAPI).
 */
import express, { type Express, type Router } from 'express';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Db } from '../db/database.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { ReadinessCheck } from '../runtime/readiness.js';
import type { EventBus } from '../tracking/event-bus.js';
import { ApiKeyCache } from './auth/api-key-cache.js';
import { authenticate } from './middleware/authenticate.js';
import { idempotency } from './middleware/idempotency.js';
import { errorHandler, notFoundHandler } from './middleware/error-handler.js';
import { requestContext } from './middleware/request-context.js';
import { createOpenApiRegistry } from './openapi.js';
import { registerApiKeyRoutes } from './routes/api-keys.js';
import { operationsRouter } from './routes/operations.js';

export interface AppDependencies {
  db: Db;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  version: string;
  /** Carries key revocations to every instance's key cache. */
  events?: EventBus;
  bodyLimitBytes: number;
  /** Routes reachable without an API key (tracking pages, ...), mounted before authentication. */
  publicRoutes?: ((router: Router, registry: OpenAPIRegistry) => void)[];
  /** Authenticated /v1 routes of the feature modules. */
  routeModules?: ((router: Router, registry: OpenAPIRegistry) => void)[];
  /** Extra express routers mounted as they are (e.g. bull-board), after authentication. */
  mounts?: { path: string; router: Router }[];
}

export function createApp(deps: AppDependencies): Express {
  const keys = new ApiKeyCache(deps.db, deps.events);
  keys.listen();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('etag', false);
  const registry = createOpenApiRegistry();

  app.use(requestContext(deps.logger, deps.metrics));
  app.use(express.json({ limit: deps.bodyLimitBytes }));
  app.use(operationsRouter({ readiness: deps.readiness, metrics: deps.metrics, registry, version: deps.version }));

  const publicRouter = express.Router();
  for (const register of deps.publicRoutes ?? []) register(publicRouter, registry);
  app.use(publicRouter);

  // Everything under /v1 and /admin needs a key, except the public routes mounted above
  // (customer tracking), which answer before authentication runs.
  app.use(['/v1', '/admin'], authenticate(keys), idempotency(deps.db));
  const router = express.Router();
  registerApiKeyRoutes(router, registry, deps.db, keys);
  for (const register of deps.routeModules ?? []) register(router, registry);
  for (const mount of deps.mounts ?? []) router.use(mount.path, mount.router);
  app.use(router);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.bodyLimitBytes));
  return app;
}
