import type { Knex } from 'knex';

/**
 * Courier tracking: stop events (idempotent per client event id), position pings, the events
 * outbox that SSE resume and webhooks read, and webhook subscriptions with their delivery log.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('stops', (t) => {
    t.string('failure_reason', 200);
    t.string('proof', 200);
    // Set once `stop.late` has been announced, so a late stop is reported once, not on every ping.
    t.boolean('late_notified').notNullable().defaultTo(false);
    t.index(['route_id', 'status']);
  });
  await knex.schema.alterTable('routes', (t) => {
    // When eta.updated was last published for this route: the per-courier rate limit, shared by every API instance.
    t.timestamp('eta_published_at', { useTz: true });
    t.index(['courier_id']);
  });

  await knex.schema.createTable('stop_events', (t) => {
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.uuid('id').notNullable();
    t.uuid('stop_id').notNullable().references('stops.id').onDelete('CASCADE');
    t.uuid('courier_id').notNullable().references('couriers.id').onDelete('CASCADE');
    t.string('type', 16).notNullable().checkIn(['arrived', 'picked_up', 'delivered', 'failed']);
    t.string('reason', 200);
    t.string('proof', 200);
    t.double('lon');
    t.double('lat');
    t.timestamp('device_time', { useTz: true });
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['organisation_id', 'id']);
  });

  await knex.schema.createTable('positions', (t) => {
    t.bigIncrements('id');
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.uuid('courier_id').notNullable().references('couriers.id').onDelete('CASCADE');
    t.double('lon').notNullable();
    t.double('lat').notNullable();
    t.double('accuracy');
    t.double('speed');
    t.double('heading');
    t.timestamp('device_time', { useTz: true }).notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['courier_id', 'device_time']);
  });

  await knex.schema.createTable('events', (t) => {
    t.bigIncrements('id');
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.string('type', 40).notNullable();
    t.uuid('courier_id');
    t.uuid('route_id');
    t.uuid('depot_id');
    t.uuid('order_id');
    t.jsonb('data').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['organisation_id', 'id']);
  });

  await knex.schema.createTable('webhooks', (t) => {
    t.uuid('id').primary();
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.text('url').notNullable();
    t.string('secret', 80).notNullable();
    t.jsonb('event_types').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
    t.index(['organisation_id']);
  });

  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.bigIncrements('id');
    t.uuid('webhook_id').notNullable().references('webhooks.id').onDelete('CASCADE');
    t.bigInteger('event_id').notNullable().references('events.id').onDelete('CASCADE');
    t.integer('attempt').notNullable();
    t.integer('response_status');
    t.text('error');
    t.integer('duration_ms').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['webhook_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['webhook_deliveries', 'webhooks', 'events', 'positions', 'stop_events']) await knex.schema.dropTableIfExists(table);
  await knex.schema.alterTable('routes', (t) => {
    t.dropIndex(['courier_id']);
    t.dropColumn('eta_published_at');
  });
  await knex.schema.alterTable('stops', (t) => {
    t.dropIndex(['route_id', 'status']);
    for (const column of ['failure_reason', 'proof', 'late_notified']) t.dropColumn(column);
  });
}
