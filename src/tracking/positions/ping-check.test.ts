import { describe, expect, it } from 'vitest';
import { checkPings, type Ping } from './ping-check.js';

const now = Date.parse('2026-11-23T10:00:00Z');
const at = (secondsAgo: number, lon = -8.61, lat = 41.15): Ping => ({ location: [lon, lat], time: now - secondsAgo * 1000 });

describe('checkPings', () => {
  it('keeps plausible pings, tolerates duplicates and reordering', () => {
    const verdicts = checkPings([{ index: 0, ping: at(10, -8.6101) }, { index: 1, ping: at(20) }, { index: 2, ping: at(10, -8.6101) }], undefined, now);
    expect(verdicts.map((v) => v.outcome)).toEqual(['stored', 'stored', 'duplicate']);
  });

  it('rejects the future and impossible jumps with reasons, and keeps the rest', () => {
    const verdicts = checkPings([{ index: 0, ping: at(-3600) }, { index: 1, ping: at(5, -8.5) }, { index: 2, ping: at(4, -8.6102) }], at(10), now);
    expect(verdicts.map((v) => (v.outcome === 'rejected' ? v.reason : v.outcome))).toEqual(['future', 'impossible_jump', 'stored']);
  });

  it('measures jumps from the newest known fix', () => {
    const verdicts = checkPings([{ index: 0, ping: at(1, -8.62) }], at(2, -8.61), now);
    expect(verdicts[0]).toMatchObject({ outcome: 'rejected', reason: 'impossible_jump' });
  });
});
