/**
 * Bearer API-key authentication and role checks. Every /v1 route runs behind `authenticate`;
 * handlers read `req.auth` and scope every query by `req.auth.organisationId`, so a resource
 * of another organisation is indistinguishable from one that does not exist (404).
 */
import type { RequestHandler } from 'express';
import type { Role } from '../../db/repositories/api-keys.js';
import type { ApiKeyCache } from '../auth/api-key-cache.js';
import { problems } from '../problem.js';

export interface AuthContext {
  keyId: string;
  organisationId: string;
  role: Role;
  /** Set for courier keys: the only courier whose data the key may see. */
  courierId: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthContext;
  }
}

export function authenticate(keys: ApiKeyCache): RequestHandler {
  return async (req, _res, next) => {
    const header = req.header('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    // Event streams also take a short-lived signed token in the query: EventSource cannot set headers.
    const streamToken = !match && req.method === 'GET' && req.path.endsWith('/stream') && typeof req.query.access_token === 'string' ? req.query.access_token : undefined;
    if (!match && !streamToken) return next(problems.unauthorized());
    const key = match ? await keys.authenticate(match[1]!) : await keys.authenticateStreamToken(streamToken!);
    if (!key) return next(problems.unauthorized('The API key is unknown or revoked.'));
    req.auth = { keyId: key.id, organisationId: key.organisation_id, role: key.role, courierId: key.courier_id };
    next();
  };
}

export function requireRole(...allowed: Role[]): RequestHandler {
  return (req, _res, next) => {
    const role = req.auth?.role;
    if (!role) return next(problems.unauthorized());
    if (!allowed.includes(role)) return next(problems.forbidden(`This needs the ${allowed.join(' or ')} role; the key has the ${role} role.`));
    next();
  };
}

/** The authenticated context of a request that passed `authenticate`. */
export function authOf(req: { auth?: AuthContext }): AuthContext {
  if (!req.auth) throw problems.unauthorized();
  return req.auth;
}
