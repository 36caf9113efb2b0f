/**
 * Per-instance cache of couriers' assignments, rendered once with their ETag. Couriers poll often
 * and mostly get 304: answering from memory keeps that cheap. Any change to a courier's route
 * (stop events, ETA updates, a new plan published) arrives as a domain event on the bus, from
 * whichever instance caused it, and evicts the entry and wakes the courier's long-polls.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { BusEvent, EventBus } from '../event-bus.js';
import { subscribeWithRetry } from '../subscribe-with-retry.js';
import type { StreamEvent } from '../events/domain-event.js';
import { loadAssignment, type Assignment } from './assignment.js';
import { presentAssignment } from './present-assignment.js';

export interface CachedAssignment {
  assignment: Assignment | undefined;
  body: unknown;
  etag: string;
}

export class AssignmentCache {
  private readonly entries = new Map<string, { value: Promise<CachedAssignment>; expiresAt: number }>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private listening = false;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly ttlMs = 30_000,
  ) {}

  /** Starts listening for changes; until the subscription holds, nothing is cached. */
  start(): void {
    const onEvent = (event: BusEvent, channel: string) => {
      if (!channel.endsWith(':events') || event.type === 'courier.position') return;
      const courierId = (event as unknown as StreamEvent).courier_id;
      if (courierId) this.changed(courierId);
    };
    subscribeWithRetry(this.bus, 'org:*', onEvent, () => (this.listening = true));
  }

  get(organisationId: string, courierId: string): Promise<CachedAssignment> {
    const entry = this.entries.get(courierId);
    if (entry && entry.expiresAt > Date.now() && this.listening) return entry.value;
    const value = loadAssignment(this.db, organisationId, courierId).then((assignment) => {
      const body = presentAssignment(assignment);
      return { assignment, body, etag: `"${createHash('sha1').update(JSON.stringify(body)).digest('base64url')}"` };
    });
    this.entries.set(courierId, { value, expiresAt: Date.now() + this.ttlMs });
    value.catch(() => this.entries.delete(courierId));
    return value;
  }

  /** Evicts the courier's entry and wakes their long-polls. */
  changed(courierId: string): void {
    this.entries.delete(courierId);
    const waiting = this.waiters.get(courierId);
    if (!waiting) return;
    this.waiters.delete(courierId);
    for (const wake of waiting) wake();
  }

  /** Resolves on the next change for the courier, or after `ms`, or when `signal` aborts. */
  waitForChange(courierId: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(courierId);
      if (!set) this.waiters.set(courierId, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        set!.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
      set.add(done);
    });
  }
}
