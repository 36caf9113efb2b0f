/**
 * Request id (taken from X-Request-Id when the caller sends a sane one, else generated), echoed in
 * the response, attached to every log line through pino-http, and timed into Prometheus.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../../observability/logger.js';
import type { Metrics } from '../../observability/metrics.js';

const acceptableId = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestContext(logger: Logger, metrics: Metrics): RequestHandler[] {
  const assignId: RequestHandler = (req, res, next) => {
    const given = req.header('x-request-id');
    const id = given && acceptableId.test(given) ? given : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    next();
  };
  const levelOf = (status: number, error?: unknown) => (error || status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info');
  // pino-http binds every request into a child logger up front (serialising it) whether or not a
  // line is written: a tenth of the CPU at thousands of pings a second. With access lines (info)
  // off, requests get a logger with their id on demand, and only failures are written.
  const log: RequestHandler = logger.isLevelEnabled('info')
    ? pinoHttp({
        logger,
        genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
        customLogLevel: (_req, res, error) => levelOf(res.statusCode, error),
        // Secrets never reach the logs.
        redact: ['req.headers.authorization', 'req.headers.cookie'],
        autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      })
    : (req, res, next) => {
        let child: Logger | undefined;
        Object.defineProperty(req, 'log', { configurable: true, get: () => (child ??= logger.child({ reqId: req.id })) });
        const started = Date.now();
        res.on('finish', () => {
          const level = levelOf(res.statusCode);
          if (level !== 'info') req.log[level]({ req: { method: req.method, url: req.originalUrl }, res: { statusCode: res.statusCode }, responseTime: Date.now() - started }, 'request failed');
        });
        next();
      };
  const time: RequestHandler = (req, res, next) => {
    const stop = metrics.httpRequestDuration.startTimer();
    res.on('finish', () => {
      // The route template, not the raw path, keeps label cardinality bounded.
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      stop(labels);
      metrics.httpRequests.inc(labels);
    });
    next();
  };
  return [assignId, log, time];
}
