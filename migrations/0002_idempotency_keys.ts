import type { Knex } from 'knex';

/**
 * Idempotency: Idempotency-Key on POST: the first response to a key is stored with a hash of the request, so a
 * retry replays it and a different request with the same key is refused.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.string('key', 200).notNullable();
    t.string('request_hash', 64).notNullable();
    t.integer('status').notNullable();
    t.jsonb('body');
    t.jsonb('headers').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['organisation_id', 'key']);
  });
  // Orders are idempotent by external_id: a re-sent identical order is recognised by its content hash.
  await knex.schema.alterTable('orders', (t) => {
    t.string('content_hash', 64);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('orders', (t) => t.dropColumn('content_hash'));
  await knex.schema.dropTableIfExists('idempotency_keys');
}
