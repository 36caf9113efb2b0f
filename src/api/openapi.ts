/**
 * The OpenAPI 3.1 document is generated from the same zod schemas that validate requests
 * (routes are declared once, through `defineRoute`), so the document cannot drift from the code.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export function createOpenApiRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key created with `lastmile keys create` or by an admin through POST /v1/api-keys.',
  });
  return registry;
}

export function generateOpenApiDocument(registry: OpenAPIRegistry, version: string): object {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'lastmile API',
      version,
      description:
        'Last-mile dispatch: depots, couriers, orders, planning runs, live tracking. Errors are RFC 9457 problem details (application/problem+json). Coordinates are [lon, lat]; durations in seconds, distances in metres.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
  });
}

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');
