/**
 * Runs the migrations in migrations/ through an explicit list (not a directory scan), so they
 * load the same way from TypeScript sources and from the compiled build.
 */
import type { Knex } from 'knex';
import { migrations } from '../../migrations/index.js';
import type { Db } from './database.js';

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => migrations.map((m) => m.name),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const found = migrations.find((m) => m.name === name);
    if (!found) throw new Error(`unknown migration ${name}`);
    return found.module;
  },
};

export interface MigrationResult {
  applied: string[];
}

export async function migrateToLatest(db: Db): Promise<MigrationResult> {
  const [, applied] = (await db.migrate.latest({ migrationSource: source })) as [number, string[]];
  return { applied };
}

export async function pendingMigrations(db: Db): Promise<string[]> {
  const [, pending] = (await db.migrate.list({ migrationSource: source })) as [unknown[], { file?: string; name?: string }[] | string[]];
  return pending.map((p) => (typeof p === 'string' ? p : (p.name ?? p.file ?? '')));
}
