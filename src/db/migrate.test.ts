import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from './database.js';
import { migrateToLatest, pendingMigrations } from './migrate.js';
import { migrations } from '../../migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../test-support/postgres.js';

const backends: [string, () => Promise<{ db: Db; cleanup: () => Promise<void> }>][] = [
  [
    'postgres',
    async () => {
      const database: TestDatabase = await createTestDatabase('migrate');
      const db = createDatabase({ databaseUrl: database.url, dataDir: ':memory:' });
      return { db, cleanup: async () => (await db.destroy(), await database.drop()) };
    },
  ],
  ['pglite', async () => { const db = createDatabase({ dataDir: ':memory:' }); return { db, cleanup: () => db.destroy() }; }],
];

describe.each(backends)('migrations on %s', (_name, open) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ db, cleanup } = await open()));
  afterAll(async () => cleanup());

  it('apply from scratch, then have nothing pending', async () => {
    expect((await pendingMigrations(db)).length).toBeGreaterThan(0);
    const { applied } = await migrateToLatest(db);
    expect(applied).toContain('0001_organisations_keys_depots_couriers_orders');
    expect(applied.length).toBe(migrations.length);
    expect(await pendingMigrations(db)).toEqual([]);
    expect((await migrateToLatest(db)).applied).toEqual([]);
  });

  it('create the first tables', async () => {
    for (const table of ['organisations', 'api_keys', 'depots', 'couriers', 'orders']) {
      expect(await db.schema.hasTable(table)).toBe(true);
    }
  });
});
