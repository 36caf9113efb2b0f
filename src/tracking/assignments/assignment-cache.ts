/**
 * Per-instance cache of couriers' assignments, rendered once with their ETag. Couriers poll often
 * and mostly get 304: answering from memory keeps that cheap. Any change to a courier's route
 * arrives as a domain event on the bus, from whichever instance caused it, and wakes the courier's
 * long-polls: ETA updates and late notices are applied to the cached entry (they carry what they
 * change); anything else (stop events, a new plan published) evicts it.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { BusEvent, EventBus } from '../event-bus.js';
import { subscribeWithRetry } from '../subscribe-with-retry.js';
import type { StreamEvent } from '../events/domain-event.js';
import { loadAssignment, type Assignment } from './assignment.js';
import { patchableEventTypes, patchAssignment } from './patch-assignment.js';
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
    private readonly ttlMs = 120_000,
  ) {}

  /** Starts listening for changes; until the subscription holds, nothing is cached. */
  start(): void {
    const onEvent = (event: BusEvent, channel: string) => {
      if (!channel.endsWith(':events') || event.type === 'courier.position') return;
      const streamEvent = event as unknown as StreamEvent;
      const courierId = streamEvent.courier_id;
      if (!courierId) return;
      if (patchableEventTypes.has(streamEvent.type)) this.patch(channel.split(':')[1]!, courierId, streamEvent);
      else this.changed(courierId);
    };
    subscribeWithRetry(this.bus, 'org:*', onEvent, () => (this.listening = true));
  }

  get(organisationId: string, courierId: string): Promise<CachedAssignment> {
    const entry = this.entries.get(courierId);
    if (entry && entry.expiresAt > Date.now() && this.listening) return entry.value;
    const value = this.load(organisationId, courierId);
    this.entries.set(courierId, { value, expiresAt: Date.now() + this.ttlMs * (0.75 + Math.random() / 2) });
    value.catch(() => this.entries.delete(courierId));
    return value;
  }

  private async load(organisationId: string, courierId: string): Promise<CachedAssignment> {
    return render(await loadAssignment(this.db, organisationId, courierId));
  }

  /**
   * Applies the event to the cached entry, once it has loaded (a load that read the row before the
   * change committed is corrected too; one that read it after gets the same values again). An event
   * that does not fit the cached route means the cache is behind: the entry is read again.
   */
  private patch(organisationId: string, courierId: string, event: StreamEvent): void {
    const entry = this.entries.get(courierId);
    if (entry) {
      entry.value = entry.value.then((cached) => {
        const patched = cached.assignment && patchAssignment(cached.assignment, event);
        return patched ? render(patched) : this.load(organisationId, courierId);
      });
      entry.value.catch(() => this.entries.get(courierId) === entry && this.entries.delete(courierId));
    }
    this.wake(courierId);
  }

  /** Evicts the courier's entry and wakes their long-polls. */
  changed(courierId: string): void {
    this.entries.delete(courierId);
    this.wake(courierId);
  }

  private wake(courierId: string): void {
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

function render(assignment: Assignment | undefined): CachedAssignment {
  const body = presentAssignment(assignment);
  return { assignment, body, etag: `"${createHash('sha1').update(JSON.stringify(body)).digest('base64url')}"` };
}
