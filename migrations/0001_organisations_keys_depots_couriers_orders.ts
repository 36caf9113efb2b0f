import type { Knex } from 'knex';

/** The first tables: tenants, their API keys, and the dispatch master data. Every table is scoped by organisation. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('organisations', (t) => {
    t.uuid('id').primary();
    t.string('slug', 64).notNullable().unique();
    t.string('name', 200).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('depots', (t) => {
    t.uuid('id').primary();
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.string('external_id', 200);
    t.string('kind', 16).notNullable().checkIn(['warehouse', 'store']);
    t.string('name', 200).notNullable();
    t.text('address');
    t.double('lon').notNullable();
    t.double('lat').notNullable();
    /** Weekly opening hours: [{days: [1..7], open: "08:00", close: "20:00"}], and the depot's IANA time zone. */
    t.jsonb('opening_hours').notNullable().defaultTo('[]');
    t.string('time_zone', 64).notNullable().defaultTo('UTC');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['organisation_id', 'external_id']);
    t.index(['organisation_id', 'kind']);
  });

  await knex.schema.createTable('couriers', (t) => {
    t.uuid('id').primary();
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.string('external_id', 200);
    t.string('name', 200).notNullable();
    t.string('phone', 40);
    t.string('vehicle_profile', 32).notNullable().defaultTo('car');
    t.jsonb('capacity').notNullable().defaultTo('[]');
    t.jsonb('skills').notNullable().defaultTo('[]');
    /** Daily shift as local times "HH:MM" in the start depot's time zone. */
    t.string('shift_start', 5);
    t.string('shift_end', 5);
    t.uuid('start_depot_id').references('depots.id').onDelete('SET NULL');
    t.uuid('end_depot_id').references('depots.id').onDelete('SET NULL');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['organisation_id', 'external_id']);
  });

  await knex.schema.createTable('api_keys', (t) => {
    t.uuid('id').primary();
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.string('name', 200).notNullable().defaultTo('');
    t.string('role', 16).notNullable().checkIn(['admin', 'dispatcher', 'courier']);
    t.uuid('courier_id').references('couriers.id').onDelete('CASCADE');
    /** The public part of the key, used to find the row; the secret part is only stored hashed. */
    t.string('lookup', 32).notNullable().unique();
    t.string('secret_hash', 128).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
  });
  await knex.raw(`alter table api_keys add constraint api_keys_courier_role check ((role = 'courier') = (courier_id is not null))`);

  await knex.schema.createTable('orders', (t) => {
    t.uuid('id').primary();
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.string('external_id', 200).notNullable();
    /** delivery: from a warehouse to the customer; pickup_delivery: collected at a store (or any point) and carried to the customer. */
    t.string('kind', 24).notNullable().checkIn(['delivery', 'pickup_delivery']);
    t.string('status', 16).notNullable().defaultTo('pending');
    t.uuid('depot_id').references('depots.id').onDelete('RESTRICT');
    t.double('pickup_lon');
    t.double('pickup_lat');
    t.jsonb('pickup_time_windows').notNullable().defaultTo('[]');
    t.integer('pickup_service_s').notNullable().defaultTo(0);
    t.double('dropoff_lon').notNullable();
    t.double('dropoff_lat').notNullable();
    t.text('dropoff_address');
    t.jsonb('dropoff_time_windows').notNullable().defaultTo('[]');
    t.integer('dropoff_service_s').notNullable().defaultTo(0);
    t.jsonb('size').notNullable().defaultTo('[]');
    t.integer('priority').notNullable().defaultTo(0);
    t.jsonb('skills').notNullable().defaultTo('[]');
    t.jsonb('recipient').notNullable().defaultTo('{}');
    t.integer('max_ride_time_s');
    t.date('service_date');
    t.string('tracking_token', 64).notNullable().unique();
    t.jsonb('unassigned_reason');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['organisation_id', 'external_id']);
    t.index(['organisation_id', 'status', 'created_at']);
  });
  await knex.raw(
    `alter table orders add constraint orders_status check (status in ('pending','planned','assigned','picked_up','delivered','failed','cancelled'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('orders');
  await knex.schema.dropTableIfExists('api_keys');
  await knex.schema.dropTableIfExists('couriers');
  await knex.schema.dropTableIfExists('depots');
  await knex.schema.dropTableIfExists('organisations');
}
