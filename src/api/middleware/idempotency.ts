/**
 * Idempotency-Key on POST (IETF draft semantics): the first request with a key runs and its response
 * is stored; a retry with the same key and body gets that response again (with
 * `Idempotent-Replayed: true`); the same key with another body is refused with 422; a retry while the
 * first is still running gets 409. Server errors are not stored, so they can be retried.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Db } from '../../db/database.js';
import { problems } from '../problem.js';

const IN_PROGRESS = 0;

export function idempotency(db: Db): RequestHandler {
  return async (req, res, next) => {
    const key = req.header('idempotency-key');
    if (req.method !== 'POST' || key === undefined || !req.auth) return next();
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) return next(problems.validation([{ path: 'headers.idempotency-key', message: 'expected 1 to 200 visible ASCII characters' }]));
    const organisationId = req.auth.organisationId;
    const requestHash = createHash('sha256').update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
    const inserted = await db('idempotency_keys').insert({ organisation_id: organisationId, key, request_hash: requestHash, status: IN_PROGRESS }).onConflict(['organisation_id', 'key']).ignore().returning('key');
    if (inserted.length === 0) {
      const stored = await db('idempotency_keys').where({ organisation_id: organisationId, key }).first();
      if (stored.request_hash !== requestHash) return next(problems.unprocessable('This Idempotency-Key was used with a different request; use a new key for a new request.'));
      if (stored.status === IN_PROGRESS) return next(problems.conflict('A request with this Idempotency-Key is still being processed; retry shortly.'));
      for (const [name, value] of Object.entries(stored.headers as Record<string, string>)) res.setHeader(name, value);
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(stored.status);
      return stored.body === null ? res.end() : res.type(String((stored.headers as Record<string, string>)['content-type'] ?? 'application/json')).send(JSON.stringify(stored.body));
    }
    let captured: string | undefined;
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (captured === undefined && body !== undefined) captured = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : JSON.stringify(body);
      return send(body as never);
    };
    res.on('finish', () => {
      const done = res.statusCode >= 500
        ? db('idempotency_keys').where({ organisation_id: organisationId, key }).delete()
        : db('idempotency_keys')
            .where({ organisation_id: organisationId, key })
            .update({
              status: res.statusCode,
              body: captured === undefined || captured === '' ? null : captured,
              headers: JSON.stringify(Object.fromEntries(['content-type', 'location'].flatMap((h) => (res.getHeader(h) ? [[h, String(res.getHeader(h))]] : [])))),
            });
      done.catch((error: unknown) => req.log?.error({ err: error }, 'could not record the idempotent response'));
    });
    next();
  };
}

