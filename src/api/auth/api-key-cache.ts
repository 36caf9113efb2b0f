/**
 * Authenticating a key costs a database round trip; a busy API (thousands of polls and pings a
 * second) pays it on every request. Active keys are cached per process for a short time. A
 * revocation evicts the key at once on this instance and, through the event bus, on every other
 * one; the time-to-live only bounds how long a lost bus message could keep a revoked key alive.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { findActiveKeyByLookup, type ApiKeyRecord } from '../../db/repositories/api-keys.js';
import type { EventBus } from '../../tracking/event-bus.js';
import { subscribeWithRetry } from '../../tracking/subscribe-with-retry.js';
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
    private readonly ttlMs = 120_000,
    private readonly maxEntries = 50_000,
  ) {}

  /** Evicts keys revoked by any instance; keeps trying in the background while Redis is down. */
  listen(): void {
    // Until subscribed, a key revoked elsewhere lives at most one time-to-live here.
    if (this.events) subscribeWithRetry(this.events, keyRevokedChannel, (event) => this.forget(String(event.id)));
  }

  /** The active key a bearer token stands for, or undefined. */
  async authenticate(token: string): Promise<ApiKeyRecord | undefined> {
    const parts = parseApiKey(token);
    if (!parts) return undefined;
    const entry = await this.entry(parts.lookup);
    return entry && secretMatches(parts.secret, entry.secretHash) ? entry.record : undefined;
  }

  /**
   * A short-lived token standing for the key in a URL (browsers' EventSource cannot send headers).
   * It is signed with the key's own secret hash, so every instance can check it without a shared
   * secret, and revoking the key revokes its tokens.
   */
  async streamToken(bearer: string, ttlS: number): Promise<{ token: string; expiresAt: Date } | undefined> {
    const parts = parseApiKey(bearer);
    const entry = parts && (await this.entry(parts.lookup));
    if (!parts || !entry || !secretMatches(parts.secret, entry.secretHash)) return undefined;
    const expires = Math.floor(Date.now() / 1000) + ttlS;
    return { token: `lmt_${parts.lookup}.${expires}.${streamSignature(entry.secretHash, parts.lookup, expires)}`, expiresAt: new Date(expires * 1000) };
  }

  async authenticateStreamToken(token: string): Promise<ApiKeyRecord | undefined> {
    const match = /^lmt_([A-Za-z0-9_-]{12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match || Number(match[2]) * 1000 < Date.now()) return undefined;
    const entry = await this.entry(match[1]!);
    if (!entry) return undefined;
    const expected = Buffer.from(streamSignature(entry.secretHash, match[1]!, Number(match[2])));
    const given = Buffer.from(match[3]!);
    return expected.length === given.length && timingSafeEqual(expected, given) ? entry.record : undefined;
  }

  private async entry(lookup: string): Promise<Entry | undefined> {
    let entry = this.entries.get(lookup);
    if (!entry || entry.expiresAt < Date.now()) {
      this.entries.delete(lookup);
      const found = await findActiveKeyByLookup(this.db, lookup);
      if (!found) return undefined;
      entry = { record: found.record, secretHash: found.secretHash, expiresAt: Date.now() + this.ttlMs * (0.75 + Math.random() / 2) };
      // Insertion order makes the first key the oldest: a cheap bound on memory.
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(lookup, entry);
    }
    return entry;
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

function streamSignature(secretHash: string, lookup: string, expires: number): string {
  return createHmac('sha256', secretHash).update(`stream.${lookup}.${expires}`).digest('base64url');
}
