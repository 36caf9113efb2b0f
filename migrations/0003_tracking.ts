import type { Knex } from 'knex';

/** Live operations: positions, the events outbox, webhooks and their deliveries (filled in by the tracking work). */
export async function up(_knex: Knex): Promise<void> {}

export async function down(_knex: Knex): Promise<void> {}
