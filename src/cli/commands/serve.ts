import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../../config/config.js';
import { startApiService } from '../../runtime/api-service.js';
import { zodFlag } from '../flags.js';
import { progressBar, type Progress } from '../progress.js';

export function register(program: Command): void {
  program
    .command('serve')
    .description('Run the HTTP API (applies pending migrations first). With nothing configured: embedded database, in-process queue, embedded road graph.')
    .option('-p, --port <port>', 'port to listen on (PORT)', zodFlag(z.coerce.number().int().min(0).max(65535)))
    .option('--host <host>', 'address to bind (HOST)')
    .action(async (options: { port?: number; host?: string }) => {
      const config = loadConfig(process.env, { PORT: options.port, HOST: options.host });
      // The first start builds the road graph: a bar on a terminal while it does.
      let bar: Progress | undefined;
      const service = await startApiService(config, {
        onRoadGraphBuild: (fraction, phase) => {
          bar ??= progressBar('building the road graph');
          bar.update(fraction, phase);
          if (fraction >= 1) bar.stop();
        },
      });
      const { logger } = service.runtime;
      if (service.bootstrapKey) {
        process.stderr.write(
          `\nFirst start: created organisation "default" and an admin API key (shown only this once):\n\n  ${service.bootstrapKey}\n\nUse it as "Authorization: Bearer <key>". Create more with POST /v1/api-keys or "lastmile keys create".\n\n`,
        );
      }
      logger.info({ url: service.http.url }, `lastmile API listening on ${service.http.url}`);
      const shutdown = async (signal: string) => {
        logger.info({ signal }, 'shutting down');
        await service.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
    });
}
