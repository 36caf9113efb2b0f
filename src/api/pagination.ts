/** Cursor pagination: stable order (created_at, id); the cursor is the last row's position, opaque to clients. */
import type { Knex } from 'knex';
import { z } from 'zod';
import { problems } from './problem.js';

export const pageQuery = {
  limit: z.coerce.number({ message: 'expected a number from 1 to 500' }).int().min(1, { message: 'expected a number from 1 to 500' }).max(500, { message: 'expected a number from 1 to 500' }).default(50),
  cursor: z.string().max(200).optional(),
};

export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });

function decode(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
    throw problems.validation([{ path: 'query.cursor', message: 'is not a cursor this API gave out' }]);
  }
  return id;
}

/**
 * Applies the cursor and limit to a query over a table with created_at and id; returns the page and
 * the next cursor. The cursor names the last row; the database compares (created_at, id) at full
 * timestamp precision, which a timestamp copied into the cursor would lose.
 */
export async function paginate<Row extends { id: string; created_at: Date | string }>(query: Knex.QueryBuilder, table: string, limit: number, cursor?: string): Promise<{ rows: Row[]; next: string | null }> {
  if (cursor) {
    const id = decode(cursor);
    void query.whereRaw(`(??, ??) > (select created_at, id from ?? where id = ?)`, [`${table}.created_at`, `${table}.id`, table, id]);
  }
  const rows = (await query.orderBy([{ column: `${table}.created_at` }, { column: `${table}.id` }]).limit(limit + 1)) as Row[];
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? Buffer.from(last.id).toString('base64url') : null };
}
