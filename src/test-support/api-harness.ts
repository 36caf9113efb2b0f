/**
 * Starts the real API service (the same composition `lastmile serve` uses) on an ephemeral port,
 * over a private Postgres database (default) or an in-memory PGlite, for end-to-end tests.
 */
import { loadConfig, type Config } from '../config/config.js';
import { createApiKey, type Role } from '../db/repositories/api-keys.js';
import { ensureOrganisation } from '../db/repositories/organisations.js';
import { startApiService, type ApiService } from '../runtime/api-service.js';
import { createTestDatabase } from './postgres.js';
import { monacoPbf } from '../roadgraph/test-support/monaco.js';

export interface ApiHarness {
  url: string;
  service: ApiService;
  config: Config;
  /** Creates (if needed) the organisation and returns a fresh key's token. */
  key(org: string, role: Role, courierId?: string): Promise<string>;
  /** fetch against the API with an optional bearer key and JSON body. */
  request(method: string, path: string, options?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export async function startApiHarness(options: { database?: 'postgres' | 'pglite'; env?: Record<string, string> } = {}): Promise<ApiHarness> {
  // A second instance joins the first one's database by passing its DATABASE_URL in env.
  const shared = options.env?.DATABASE_URL !== undefined;
  const database = options.database === 'pglite' || shared ? undefined : await createTestDatabase('api');
  // The Monaco extract keeps the embedded road graph fast to build in tests.
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: ':memory:', PORT: '0', ROADGRAPH_PBF: monacoPbf, ...(database ? { DATABASE_URL: database.url } : {}), ...options.env });
  const service = await startApiService(config);
  const url = service.http.url;
  return {
    url,
    service,
    config,
    async key(org, role, courierId) {
      const organisation = await ensureOrganisation(service.runtime.db, org);
      return (await createApiKey(service.runtime.db, { organisationId: organisation.id, role, courierId })).token;
    },
    request(method, path, { key, body, headers } = {}) {
      return fetch(`${url}${path}`, {
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async close() {
      await service.stop();
      await database?.drop();
    },
  };
}

/** A response's JSON body, untyped on purpose: tests assert its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function jsonOf(response: Response): Promise<any> {
  return response.json();
}
