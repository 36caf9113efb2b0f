/**
 * One knex instance over either backend: PostgreSQL when DATABASE_URL is set, the embedded
 * PGlite (a WebAssembly build of PostgreSQL, files under DATA_DIR/pgdata) otherwise.
 * Both speak the same SQL, so repositories and migrations never ask which one they got.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';

// PostgreSQL returns bigint (count(*), sums) as strings by default; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number(value));

export type Db = Knex;

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Directory for the embedded database; ':memory:' for a throwaway one (tests). */
  dataDir: string;
  poolMax?: number;
}

export function describeDatabase(options: DatabaseOptions): string {
  if (options.databaseUrl) return `postgres (${new URL(options.databaseUrl).host})`;
  return options.dataDir === ':memory:' ? 'embedded PGlite (in memory)' : `embedded PGlite (${join(resolve(options.dataDir), 'pgdata')})`;
}

export function createDatabase(options: DatabaseOptions): Db {
  if (options.databaseUrl) {
    return knexFactory({
      client: 'pg',
      connection: options.databaseUrl,
      pool: { min: 0, max: options.poolMax ?? 10 },
      acquireConnectionTimeout: 10_000,
    });
  }
  let connection: object = {};
  if (options.dataDir !== ':memory:') {
    const directory = join(resolve(options.dataDir), 'pgdata');
    mkdirSync(directory, { recursive: true });
    connection = { filename: directory };
  }
  return knexFactory({ client: ClientPgLite as unknown as typeof Knex.Client, dialect: 'postgres', connection });
}

/** Cheap liveness query for /readyz. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.raw('select 1');
}
