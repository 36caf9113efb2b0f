/**
 * Service configuration from the environment (and CLI flag overrides), validated once at start.
 * An invalid value stops startup with one line naming the variable and what it expects.
 */
import { z } from 'zod';

const optionalUrl = (protocols: string[], example: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .optional()
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(`${p}://`)), {
      message: `expected a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}, e.g. ${example}`,
    });

const intInRange = (min: number, max: number) =>
  z.coerce.number({ message: `expected a whole number from ${min} to ${max}` }).int({ message: `expected a whole number from ${min} to ${max}` }).min(min, { message: `expected a whole number from ${min} to ${max}` }).max(max, { message: `expected a whole number from ${min} to ${max}` });

export const configSchema = z.object({
  PORT: intInRange(0, 65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PostgreSQL connection string; the embedded PGlite database under DATA_DIR when absent. */
  DATABASE_URL: optionalUrl(['postgres', 'postgresql'], 'postgres://user@localhost:5432/lastmile'),
  /** Redis for BullMQ and pub/sub; the in-process queue and event bus when absent. */
  REDIS_URL: optionalUrl(['redis', 'rediss'], 'redis://127.0.0.1:6379'),
  /** Prefix of every Redis key and channel, so several deployments can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'expected letters, digits, : _ or -' }).default('lastmile'),
  /** How long a worker's lock on a job lasts; a job whose worker died runs again after about this long (ms). */
  JOB_LOCK_MS: intInRange(1000, 3_600_000).default(30_000),
  /** An OSRM server (or `lastmile roadgraph serve`); the embedded engine when absent. */
  OSRM_URL: optionalUrl(['http', 'https'], 'http://127.0.0.1:5000'),
  /** OSRM profile name in request paths. */
  OSRM_PROFILE: z.string().regex(/^[a-z0-9_-]+$/i, { message: 'expected a profile name such as car' }).default('car'),
  /** Where the embedded database, road graphs and other local state live. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** The OpenStreetMap extract the embedded road graph is built from. */
  ROADGRAPH_PBF: z.string().min(1).default('fixtures/osm/porto_portugal.osm.pbf'),
  /** A prebuilt road-graph file; derived from ROADGRAPH_PBF under DATA_DIR when absent. */
  ROADGRAPH_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'expected one of fatal, error, warn, info, debug, trace, silent',
  }).default('info'),
  /** Largest accepted JSON request body, in bytes. */
  BODY_LIMIT_BYTES: intInRange(1024, 256 * 1024 * 1024).default(16 * 1024 * 1024),
  /** Worker threads that run solves in this process (embedded mode) or in `lastmile worker`. */
  SOLVER_THREADS: intInRange(1, 64).default(1),
  /** Concurrent planning jobs per worker process. */
  WORKER_CONCURRENCY: intInRange(1, 64).default(1),
  /** The externally visible base URL, used in tracking links. */
  PUBLIC_URL: optionalUrl(['http', 'https'], 'https://dispatch.example.com'),
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads the known variables from `env`, lets `overrides` (CLI flags) win, and validates. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof Config, unknown>> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(configSchema.shape)) {
    if (env[key] !== undefined) raw[key] = env[key];
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) raw[key] = value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'configuration');
    const given = raw[name] === undefined ? '' : ` (got ${JSON.stringify(raw[name])})`;
    throw new ConfigError(`Invalid configuration: ${name}: ${issue.message}${given}`);
  }
  return parsed.data;
}

/** The variables, their defaults and meanings, for README and `--help` (kept in one place). */
export function describeConfig(): { name: string; default: string }[] {
  const defaults = configSchema.parse({});
  return Object.keys(configSchema.shape).map((name) => ({
    name,
    default: (defaults as Record<string, unknown>)[name] === undefined ? '' : String((defaults as Record<string, unknown>)[name]),
  }));
}
