/**
 * Which pings of a batch to keep. Phones on flaky networks resend and reorder batches, so
 * duplicates and late arrivals are accepted (a duplicate is not stored twice); what cannot be
 * true is refused with a reason per ping: a device time in the future, or a jump no vehicle could make.
 */
import { haversine } from '../../roadgraph/embedded/geo.js';
import type { LonLat } from '../../roadgraph/road-graph.js';

export interface Ping {
  location: LonLat;
  time: number;
  accuracy?: number | null;
  speed?: number | null;
  heading?: number | null;
}

export type PingVerdict = { index: number; ping: Ping; outcome: 'stored' | 'duplicate' } | { index: number; outcome: 'rejected'; reason: 'invalid' | 'future' | 'too_old' | 'impossible_jump'; message: string };

/** Device clocks drift: this much ahead of the server is still "now". */
export const FUTURE_TOLERANCE_MS = 60_000;
/** Older pings are of no use to ETAs or history. */
export const MAX_AGE_MS = 24 * 3600_000;
/** 60 m/s (216 km/h) between two fixes is no courier, whatever the vehicle: a GPS glitch. */
export const MAX_SPEED_MS = 60;
/** Jumps shorter than this are GPS noise, whatever the time between them. */
const NOISE_METRES = 200;

/**
 * @param pings valid pings with their request index
 * @param previous the courier's newest known fix, if any
 */
export function checkPings(pings: { index: number; ping: Ping }[], previous: Ping | undefined, now: number): PingVerdict[] {
  const verdicts: PingVerdict[] = [];
  const seen = new Set<number>();
  let last = previous;
  for (const { index, ping } of [...pings].sort((a, b) => a.ping.time - b.ping.time)) {
    if (ping.time > now + FUTURE_TOLERANCE_MS) {
      verdicts.push({ index, outcome: 'rejected', reason: 'future', message: `the device time is ${Math.round((ping.time - now) / 1000)} s ahead of the server's clock` });
      continue;
    }
    if (ping.time < now - MAX_AGE_MS) {
      verdicts.push({ index, outcome: 'rejected', reason: 'too_old', message: 'the ping is more than 24 hours old' });
      continue;
    }
    if (seen.has(ping.time) || (previous && ping.time === previous.time)) {
      verdicts.push({ index, ping, outcome: 'duplicate' });
      continue;
    }
    if (last) {
      // A late ping is checked against the newest fix too: the courier cannot have been far away just before it.
      const metres = haversine(last.location[0], last.location[1], ping.location[0], ping.location[1]);
      const seconds = Math.max(Math.abs(ping.time - last.time), 1) / 1000;
      if (metres > NOISE_METRES && metres / seconds > MAX_SPEED_MS) {
        verdicts.push({ index, outcome: 'rejected', reason: 'impossible_jump', message: `${Math.round(metres)} m in ${seconds.toFixed(1)} s (${Math.round((metres / seconds) * 3.6)} km/h) from the newest known position` });
        continue;
      }
    }
    seen.add(ping.time);
    verdicts.push({ index, ping, outcome: 'stored' });
    // Late pings are history; only newer ones move the courier.
    if (!last || ping.time > last.time) last = ping;
  }
  return verdicts.sort((a, b) => a.index - b.index);
}
