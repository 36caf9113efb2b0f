/**
 * Authenticating a key costs a database round trip; a busy API (thousands of polls and pings a
 * second) pays it on every request. Active keys are cached per process for a short time. A
 * revocation evicts the key at once on this instance and, through the event bus, on every other
 * one; the time-to-live only bounds how long a lost bus message could keep a revoked key alive.
 */
import type { Db } from '../../db/database.js';
import { findActiveKeyByLookup, type ApiKeyRecord } from '../../db/repositories/api-keys.js';
import type { EventBus } from '../../tracking/event-bus.js';
import { parseApiKey, secretMatches } from './api-key-token.js';

export const keyRevokedChannel = 'system:api-key.revoked';

interface Entry {
  record: ApiKeyRecord;
  secretHash: string;
  expiresAt: number;
}

export class ApiKeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly db: Db,
    private readonly events?: EventBus,
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 50_000,
  ) {}

  /** Evicts keys revoked by any instance; keeps trying in the background while Redis is down. */
  listen(retryMs = 500): void {
    this.events?.subscribe(keyRevokedChannel, (event) => this.forget(String(event.id))).catch(() => {
      // Until subscribed, a key revoked elsewhere lives at most one time-to-live here.
      setTimeout(() => this.listen(Math.min(retryMs * 2, 10_000)), retryMs).unref();
    });
  }

  /** The active key a bearer token stands for, or undefined. */
  async authenticate(token: string): Promise<ApiKeyRecord | undefined> {
    const parts = parseApiKey(token);
    if (!parts) return undefined;
    let entry = this.entries.get(parts.lookup);
    if (!entry || entry.expiresAt < Date.now()) {
      this.entries.delete(parts.lookup);
      const found = await findActiveKeyByLookup(this.db, parts.lookup);
      if (!found) return undefined;
      entry = { record: found.record, secretHash: found.secretHash, expiresAt: Date.now() + this.ttlMs };
      // Insertion order makes the first key the oldest: a cheap bound on memory.
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(parts.lookup, entry);
    }
    return secretMatches(parts.secret, entry.secretHash) ? entry.record : undefined;
  }

  /** Called after a revocation is committed. */
  async revoked(keyId: string): Promise<void> {
    this.forget(keyId);
    await this.events?.publish(keyRevokedChannel, { type: 'api_key.revoked', id: keyId });
  }

  private forget(keyId: string): void {
    for (const [lookup, entry] of this.entries) if (entry.record.id === keyId) this.entries.delete(lookup);
  }
}
