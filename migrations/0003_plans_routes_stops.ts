import type { Knex } from 'knex';

/** Planning runs and their results: a plan has routes (one per courier), a route has stops (one per order pickup or drop-off). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('plans', (t) => {
    t.uuid('id').primary();
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.string('status', 16).notNullable().defaultTo('queued');
    t.date('service_date').notNullable();
    t.jsonb('parameters').notNullable();
    t.jsonb('progress');
    t.jsonb('summary');
    t.text('error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.timestamp('published_at', { useTz: true });
    t.index(['organisation_id', 'created_at']);
  });
  await knex.raw(`alter table plans add constraint plans_status check (status in ('queued','running','done','failed','cancelled'))`);

  await knex.schema.createTable('routes', (t) => {
    t.uuid('id').primary();
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.uuid('plan_id').notNullable().references('plans.id').onDelete('CASCADE');
    t.uuid('courier_id').notNullable().references('couriers.id').onDelete('CASCADE');
    t.timestamp('start_at', { useTz: true }).notNullable();
    t.timestamp('end_at', { useTz: true }).notNullable();
    t.double('distance_m').notNullable();
    t.double('travel_s').notNullable();
    t.jsonb('geometry');
    // One route per courier per plan: a job that runs twice cannot duplicate a route.
    t.unique(['plan_id', 'courier_id']);
  });

  await knex.schema.createTable('stops', (t) => {
    t.uuid('id').primary();
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.uuid('route_id').notNullable().references('routes.id').onDelete('CASCADE');
    t.uuid('order_id').notNullable().references('orders.id').onDelete('CASCADE');
    t.integer('sequence').notNullable();
    t.string('kind', 8).notNullable().checkIn(['pickup', 'dropoff']);
    t.double('lon').notNullable();
    t.double('lat').notNullable();
    t.timestamp('planned_arrival', { useTz: true }).notNullable();
    t.timestamp('planned_start', { useTz: true }).notNullable();
    t.timestamp('eta', { useTz: true });
    t.string('status', 8).notNullable().defaultTo('pending');
    t.timestamp('arrived_at', { useTz: true });
    t.timestamp('completed_at', { useTz: true });
    t.unique(['route_id', 'sequence']);
    t.index(['order_id']);
  });
  await knex.raw(`alter table stops add constraint stops_status check (status in ('pending','arrived','done','failed'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('stops');
  await knex.schema.dropTableIfExists('routes');
  await knex.schema.dropTableIfExists('plans');
}
