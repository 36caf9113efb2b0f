/** Every migration, in the order they apply. Add new ones at the end; never edit an applied one. */
import type { Knex } from 'knex';
import * as m0001 from './0001_organisations_keys_depots_couriers_orders.js';
import * as m0002 from './0002_idempotency_keys.js';
import * as m0003 from './0003_plans_routes_stops.js';
import * as m0004 from './0004_tracking_events_webhooks.js';

export interface Migration {
  name: string;
  module: { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> };
}

export const migrations: Migration[] = [
  { name: '0001_organisations_keys_depots_couriers_orders', module: m0001 },
  { name: '0002_idempotency_keys', module: m0002 },
  { name: '0003_plans_routes_stops', module: m0003 },
  { name: '0004_tracking_events_webhooks', module: m0004 },
];
