/**
 * Position history and each courier's newest fix. At thousands of pings a second, one insert per
 * request would cost a round trip each; concurrent requests' rows are gathered for a few
 * milliseconds and written in one statement, and each request is answered only once its rows are
 * committed (nothing acknowledged is lost).
 */
import type { Db } from '../../db/database.js';
import type { Ping } from './ping-check.js';

interface Pending {
  rows: Record<string, unknown>[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class PositionStore {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly newest = new Map<string, Ping>();

  constructor(
    private readonly db: Db,
    private readonly gatherMs = 10,
    private readonly maxRows = 2000,
  ) {}

  /** The courier's newest known fix: from memory, else the newest stored one. */
  async latest(courierId: string): Promise<Ping | undefined> {
    return this.newest.get(courierId) ?? this.newestStored(courierId);
  }

  /** The newest stored fix, whichever instance received it. */
  async newestStored(courierId: string): Promise<Ping | undefined> {
    const row = await this.db('positions').where({ courier_id: courierId }).orderBy('device_time', 'desc').first('lon', 'lat', 'device_time', 'speed', 'heading', 'accuracy');
    if (!row) return undefined;
    const ping = { location: [row.lon, row.lat] as [number, number], time: new Date(row.device_time).getTime(), speed: row.speed, heading: row.heading, accuracy: row.accuracy };
    this.remember(courierId, ping);
    return ping;
  }

  async append(organisationId: string, courierId: string, pings: Ping[]): Promise<void> {
    if (!pings.length) return;
    const rows = pings.map((p) => ({ organisation_id: organisationId, courier_id: courierId, lon: p.location[0], lat: p.location[1], accuracy: p.accuracy ?? null, speed: p.speed ?? null, heading: p.heading ?? null, device_time: new Date(p.time) }));
    await new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (this.queue.reduce((n, q) => n + q.rows.length, 0) >= this.maxRows) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.gatherMs);
    });
    for (const p of pings) this.remember(courierId, p);
  }

  private remember(courierId: string, ping: Ping): void {
    const known = this.newest.get(courierId);
    if (!known || ping.time > known.time) this.newest.set(courierId, ping);
  }

  private async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (!batch.length) return;
    try {
      await this.db('positions').insert(batch.flatMap((b) => b.rows));
      for (const b of batch) b.resolve();
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }
}
