import type { Knex } from 'knex';

/** Planning runs and their results: plans, routes, stops (filled in by the dispatch work). */
export async function up(_knex: Knex): Promise<void> {}

export async function down(_knex: Knex): Promise<void> {}
