/**
 * Composition root: picks the adapters the configuration asks for (Postgres or PGlite, Redis or
 * in-process, OSRM or embedded) and hands the same interfaces to the API, workers and CLI.
 */
import type { Config } from '../config/config.js';
import { createDatabase, describeDatabase, pingDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';
import { lockDataDir } from './data-dir-lock.js';
import type { ReadinessCheck } from './readiness.js';
import { redisReadinessCheck } from './redis-readiness.js';
import { RoadGraphProvider } from './road-graph-provider.js';
import type { JobQueue } from '../queue/job-queue.js';
import { BullMqJobQueue } from '../queue/bullmq-job-queue.js';
import { InProcessJobQueue } from '../queue/in-process-job-queue.js';
import type { EventBus } from '../tracking/event-bus.js';
import { InProcessEventBus } from '../tracking/in-process-event-bus.js';
import { RedisEventBus } from '../tracking/redis-event-bus.js';
import { EventRecorder } from '../tracking/events/event-recorder.js';

export interface Runtime {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  readiness: ReadinessCheck[];
  /** The road graph the configuration chose (OSRM or embedded), prepared in the background. */
  roadGraph: RoadGraphProvider;
  /** Background jobs: BullMQ on Redis when REDIS_URL is set, in-process otherwise. */
  jobs: JobQueue;
  /** Live events between API instances: Redis pub/sub when REDIS_URL is set, in-process otherwise. */
  events: EventBus;
  /** Durable domain events (the outbox), fanned out over `events` and to webhooks. */
  recorder: EventRecorder;
  /** Things to release on shutdown, last registered first. */
  onClose(release: () => Promise<void> | void): void;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  purpose: string;
  migrate?: boolean;
  /** Progress of a first-start road-graph build (serve shows a bar on a terminal). */
  onRoadGraphBuild?: (fraction: number, phase: string) => void;
  logger?: Logger;
}

export async function createRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const releases: (() => Promise<void> | void)[] = [];
  if (!config.DATABASE_URL && config.DATA_DIR !== ':memory:') releases.push(lockDataDir(config.DATA_DIR, options.purpose));
  const db = createDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  releases.push(() => db.destroy());
  const events: EventBus = config.REDIS_URL ? new RedisEventBus(config.REDIS_URL, config.REDIS_PREFIX) : new InProcessEventBus();
  const runtime: Runtime = {
    config,
    logger,
    metrics: createMetrics(),
    db,
    readiness: [{ name: 'database', check: () => pingDatabase(db) }],
    roadGraph: new RoadGraphProvider(config, logger, options.onRoadGraphBuild),
    jobs: config.REDIS_URL ? new BullMqJobQueue({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX, lockDurationMs: config.JOB_LOCK_MS, stalledIntervalMs: config.JOB_LOCK_MS }) : new InProcessJobQueue(),
    events,
    recorder: new EventRecorder(db, events, logger),
    onClose: (release) => void releases.push(release),
    close: async () => {
      for (const release of releases.splice(0).reverse()) {
        try {
          await release();
        } catch (error) {
          logger.warn({ err: error }, 'error while shutting down');
        }
      }
    },
  };
  try {
    if (config.REDIS_URL) runtime.readiness.push(redisReadinessCheck(config.REDIS_URL, runtime));
    runtime.onClose(() => runtime.roadGraph.close());
    runtime.onClose(() => runtime.jobs.close());
    runtime.onClose(() => runtime.events.close());
    if (options.migrate) {
      const { applied } = await migrateToLatest(db);
      if (applied.length) logger.info({ applied }, 'applied migrations');
    }
    logger.debug({ database: describeDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }) }, 'runtime ready');
    return runtime;
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
