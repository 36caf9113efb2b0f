/**
 * Declares one HTTP operation once: express handler, request validation, role check and its
 * OpenAPI description all come from this single definition.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Role } from '../db/repositories/api-keys.js';
import { authOf, requireRole, type AuthContext } from './middleware/authenticate.js';
import { problemSchema } from './openapi.js';
import { parseRequest } from './validation.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteDefinition<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: Method;
  /** Express-style path, e.g. `/v1/api-keys/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed; `public` routes skip authentication altogether (mounted outside /v1's auth). */
  roles: Role[] | 'public';
  body?: B;
  query?: Q;
  params?: P;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  handler: (input: {
    req: Request;
    res: Response;
    body: z.output<B>;
    query: z.output<Q>;
    params: z.output<P>;
    auth: AuthContext;
  }) => Promise<RouteResult | void>;
}

const errorResponses = {
  400: 'The request is invalid; `errors` lists each bad field.',
  401: 'No API key, or an unknown or revoked one.',
  403: 'The key’s role may not do this.',
  404: 'Not found (or it belongs to another organisation).',
};

export function defineRoute<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  router: Router,
  registry: OpenAPIRegistry,
  route: RouteDefinition<B, Q, P>,
): void {
  const isPublic = route.roles === 'public';
  const responses: Record<string, object> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = response.schema
      ? { description: response.description, content: { [response.contentType ?? 'application/json']: { schema: response.schema } } }
      : { description: response.description };
  }
  for (const [status, description] of Object.entries(errorResponses)) {
    if (isPublic && status !== '400' && status !== '404') continue;
    responses[status] ??= { description, content: { 'application/problem+json': { schema: problemSchema } } };
  }
  registry.registerPath({
    method: route.method,
    path: route.path.replace(/:([A-Za-z_]+)/g, '{$1}'),
    summary: route.summary,
    tags: [route.tag],
    security: isPublic ? [] : [{ apiKey: [] }],
    description: isPublic ? undefined : `Roles: ${(route.roles as Role[]).join(', ')}.`,
    request: {
      body: route.body ? { content: { 'application/json': { schema: route.body } }, required: true } : undefined,
      query: route.query as never,
      params: route.params as never,
    },
    responses: responses as never,
  });

  const handlers = isPublic ? [] : [requireRole(...(route.roles as Role[]))];
  router[route.method](route.path, ...handlers, async (req: Request, res: Response) => {
    const params = route.params ? parseRequest(route.params, req.params, 'params') : undefined;
    const query = route.query ? parseRequest(route.query, req.query, 'query') : undefined;
    const body = route.body ? parseRequest(route.body, req.body, 'body') : undefined;
    const auth = isPublic ? (undefined as unknown as AuthContext) : authOf(req);
    const result = await route.handler({ req, res, body: body as never, query: query as never, params: params as never, auth });
    if (!result || res.headersSent) return;
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    const status = result.status ?? 200;
    if (result.body === undefined) res.status(status).end();
    else res.status(status).json(result.body);
  });
}

export const uuidParam = z.string().uuid({ message: 'expected a UUID' });
