/** Unauthenticated operational endpoints: liveness, readiness, metrics, the API description. */
import { createRequire } from 'node:module';
import express, { type Router } from 'express';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { checkReadiness, type ReadinessCheck } from '../../runtime/readiness.js';
import type { Metrics } from '../../observability/metrics.js';
import { generateOpenApiDocument } from '../openapi.js';

const swaggerUiDir = (createRequire(import.meta.url)('swagger-ui-dist') as { getAbsoluteFSPath(): string }).getAbsoluteFSPath();

export function operationsRouter(options: { readiness: ReadinessCheck[]; metrics: Metrics; registry: OpenAPIRegistry; version: string }): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', version: options.version });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await checkReadiness(options.readiness);
    res.status(report.ready ? 200 : 503).json({ status: report.ready ? 'ready' : 'not ready', checks: report.checks });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
  let document: object | undefined;
  router.get('/openapi.json', (_req, res) => {
    document ??= generateOpenApiDocument(options.registry, options.version);
    res.json(document);
  });
  router.use('/docs/assets', express.static(swaggerUiDir, { index: false, maxAge: '1h' }));
  router.get('/docs', (_req, res) => {
    res.type('html').send(docsPage);
  });
  return router;
}

const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>lastmile API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<section id="problems" style="font-family:sans-serif;max-width:60em;margin:2em auto">
<h2>Problem types</h2>
<p>Every error is an RFC 9457 <code>application/problem+json</code> body with <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>, <code>request_id</code> and, for invalid input, <code>errors</code>: one entry per bad field with its <code>path</code> (e.g. <code>body.orders[3].location</code>) and a <code>message</code>.</p>
<dl>
<dt id="problem-validation">validation (400)</dt><dd>A field of the body, query or path is invalid.</dd>
<dt id="problem-unauthorized">unauthorized (401)</dt><dd>No API key, or an unknown or revoked one.</dd>
<dt id="problem-forbidden">forbidden (403)</dt><dd>The key's role may not do this.</dd>
<dt id="problem-not-found">not-found (404)</dt><dd>The resource does not exist in your organisation.</dd>
<dt id="problem-conflict">conflict (409)</dt><dd>The resource's current state does not allow this; <code>current</code> tells the state.</dd>
<dt id="problem-too-large">too-large (413)</dt><dd>The body exceeds the configured limit.</dd>
<dt id="problem-unprocessable">unprocessable (422)</dt><dd>Well-formed but refused, e.g. an Idempotency-Key reused with another body.</dd>
<dt id="problem-unavailable">unavailable (503)</dt><dd>A dependency (database, queue) is down; nothing was written. Retry later.</dd>
</dl></section>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' });</script>
</body></html>`;
