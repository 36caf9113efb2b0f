import { randomUUID } from 'node:crypto';
import type { Db } from '../database.js';
import { generateApiKey, hashSecret } from '../../api/auth/api-key-token.js';

export const roles = ['admin', 'dispatcher', 'courier'] as const;
export type Role = (typeof roles)[number];

export interface ApiKeyRecord {
  id: string;
  organisation_id: string;
  name: string;
  role: Role;
  courier_id: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const publicColumns = ['id', 'organisation_id', 'name', 'role', 'courier_id', 'created_at', 'last_used_at', 'revoked_at'] as const;

export interface NewApiKey {
  organisationId: string;
  role: Role;
  courierId?: string | null;
  name?: string;
}

export class CourierNotFoundError extends Error {
  constructor(readonly courierId: string) {
    super(`courier ${courierId} does not exist in this organisation`);
  }
}

/** Creates a key and returns its record with the token, which is never retrievable again. */
export async function createApiKey(db: Db, input: NewApiKey): Promise<ApiKeyRecord & { token: string }> {
  if (input.role === 'courier') {
    const courier = input.courierId
      ? await db('couriers').where({ id: input.courierId, organisation_id: input.organisationId }).first('id')
      : undefined;
    if (!courier) throw new CourierNotFoundError(input.courierId ?? '');
  }
  const { lookup, secret, token } = generateApiKey();
  const [row] = await db('api_keys')
    .insert({
      id: randomUUID(),
      organisation_id: input.organisationId,
      name: input.name ?? '',
      role: input.role,
      courier_id: input.role === 'courier' ? input.courierId : null,
      lookup,
      secret_hash: hashSecret(secret),
    })
    .returning([...publicColumns]);
  return { ...(row as ApiKeyRecord), token };
}

/** The active (unrevoked) key with this lookup part, with the hash its secret must match. */
export async function findActiveKeyByLookup(db: Db, lookup: string): Promise<{ record: ApiKeyRecord; secretHash: string } | undefined> {
  const row = await db('api_keys').where({ lookup }).whereNull('revoked_at').first();
  if (!row) return undefined;
  return { record: Object.fromEntries(publicColumns.map((c) => [c, row[c]])) as unknown as ApiKeyRecord, secretHash: row.secret_hash };
}

export async function listApiKeys(db: Db, organisationId: string): Promise<ApiKeyRecord[]> {
  return db('api_keys').where({ organisation_id: organisationId }).orderBy('created_at').select([...publicColumns]);
}

export async function findApiKey(db: Db, organisationId: string, id: string): Promise<ApiKeyRecord | undefined> {
  return db('api_keys').where({ organisation_id: organisationId, id }).first([...publicColumns]);
}

export async function revokeApiKey(db: Db, organisationId: string, id: string): Promise<boolean> {
  const count = await db('api_keys').where({ organisation_id: organisationId, id }).whereNull('revoked_at').update({ revoked_at: db.fn.now() });
  return count > 0;
}
