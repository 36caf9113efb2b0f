import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { planRunnerOf } from '../../dispatch/dispatch-module.js';
import { processPlans } from '../../dispatch/plans/plan-processor.js';
import { processOptimizations } from '../../dispatch/optimize/optimize-routes.js';
import { createRuntime } from '../../runtime/runtime.js';
import { processWebhookDeliveries } from '../../tracking/webhooks/webhook-delivery.js';
import { CliError } from '../cli-error.js';

export function register(program: Command): void {
  program
    .command('worker')
    .description('Run planning jobs and webhook deliveries from the Redis queue (REDIS_URL and DATABASE_URL required); start as many as you like.')
    .action(async () => {
      const config = loadConfig();
      if (!config.REDIS_URL || !config.DATABASE_URL) throw new CliError('a worker needs REDIS_URL and DATABASE_URL: in the embedded mode the API process runs planning jobs itself');
      const runtime = await createRuntime(config, { purpose: 'lastmile worker', migrate: true });
      runtime.roadGraph.start();
      processPlans(runtime.jobs, planRunnerOf(runtime), runtime.logger, config.WORKER_CONCURRENCY);
      processOptimizations(runtime.jobs, () => runtime.roadGraph.forPlanning());
      processWebhookDeliveries(runtime.jobs, runtime.db, runtime.logger);
      runtime.logger.info({ concurrency: config.WORKER_CONCURRENCY }, 'lastmile worker waiting for planning jobs');
      const stop = async (signal: string) => {
        runtime.logger.info({ signal }, 'worker stopping');
        await runtime.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
