/**
 * A feature module (dispatch, tracking, ...) contributes routes to the API and may start
 * background work (queue processors, stream fan-out). The API service composes them; neither
 * knows about the other except through the runtime's shared ports.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';

export interface FeatureModule {
  name: string;
  /** Authenticated routes (/v1/...). */
  routes?: (router: Router, registry: OpenAPIRegistry) => void;
  /** Routes reachable without an API key (customer tracking pages). */
  publicRoutes?: (router: Router, registry: OpenAPIRegistry) => void;
  /** Routers mounted as they are, behind authentication (e.g. bull-board at /admin/queues). */
  mounts?: { path: string; router: Router }[];
  /** Stops background work; called on shutdown before the runtime closes. */
  stop?: () => Promise<void>;
}
