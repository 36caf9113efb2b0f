import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { createRuntime } from '../../runtime/runtime.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createLogger } from '../../observability/logger.js';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (DATABASE_URL, or the embedded database in DATA_DIR).')
    .action(async () => {
      const config = loadConfig();
      const runtime = await createRuntime(config, { purpose: 'lastmile migrate', logger: createLogger('warn') });
      try {
        const { applied } = await migrateToLatest(runtime.db);
        process.stdout.write(applied.length ? `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}\n`).join('')}` : 'Database is up to date.\n');
      } finally {
        await runtime.close();
      }
    });
}
