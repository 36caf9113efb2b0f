import { randomUUID } from 'node:crypto';
import type { Db } from '../database.js';

export interface Organisation {
  id: string;
  slug: string;
  name: string;
  created_at: Date;
}

export async function findOrganisationBySlug(db: Db, slug: string): Promise<Organisation | undefined> {
  return db<Organisation>('organisations').where({ slug }).first();
}

/** Returns the organisation with this slug, creating it on first use. */
export async function ensureOrganisation(db: Db, slug: string, name = slug): Promise<Organisation> {
  await db('organisations').insert({ id: randomUUID(), slug, name }).onConflict('slug').ignore();
  return (await findOrganisationBySlug(db, slug))!;
}
