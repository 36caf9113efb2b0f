import { describe, expect, it } from 'vitest';
import { zonedTimeToInstant } from './zoned-time.js';

describe('zonedTimeToInstant', () => {
  it('converts local times in winter, summer and UTC', () => {
    expect(zonedTimeToInstant('2026-11-23', '08:00', 'Europe/Lisbon').toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(zonedTimeToInstant('2026-07-01', '08:00', 'Europe/Lisbon').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedTimeToInstant('2026-11-23', '08:00', 'America/Los_Angeles').toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(zonedTimeToInstant('2026-11-23', '23:30', 'UTC').toISOString()).toBe('2026-11-23T23:30:00.000Z');
  });
});
