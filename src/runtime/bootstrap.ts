/**
 * First start of an empty installation: create the `default` organisation and one admin key, so a
 * user who only ran `npm start` can call the API right away. The key is printed once and never again.
 */
import { createApiKey } from '../db/repositories/api-keys.js';
import { ensureOrganisation } from '../db/repositories/organisations.js';
import type { Db } from '../db/database.js';

export async function bootstrapFirstAdminKey(db: Db): Promise<string | undefined> {
  return db.transaction(async (trx) => {
    const { count } = (await trx('organisations').count<{ count: number }[]>({ count: '*' }))[0]!;
    if (Number(count) > 0) return undefined;
    const organisation = await ensureOrganisation(trx, 'default', 'Default organisation');
    const key = await createApiKey(trx, { organisationId: organisation.id, role: 'admin', name: 'bootstrap admin key' });
    return key.token;
  });
}
