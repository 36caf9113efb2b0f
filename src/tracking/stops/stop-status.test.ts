import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyStopEvent, stopEventTypes, type StopStatus } from './stop-status.js';

describe('stop state machine', () => {
  it('walks pending → arrived → done for a drop-off', () => {
    expect(applyStopEvent({ status: 'pending', kind: 'dropoff' }, 'arrived')).toEqual({ stop: 'arrived', order: undefined });
    expect(applyStopEvent({ status: 'arrived', kind: 'dropoff' }, 'delivered')).toEqual({ stop: 'done', order: 'delivered' });
  });

  it('refuses a delivery at a pickup stop and anything after the end, with the current status', () => {
    expect(() => applyStopEvent({ status: 'pending', kind: 'pickup' }, 'delivered')).toThrow(/pickup stop cannot be delivered/);
    expect(() => applyStopEvent({ status: 'done', kind: 'dropoff' }, 'failed')).toThrow(/The stop is done/);
  });

  it('never leaves a final status, whatever the events', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...stopEventTypes)), fc.constantFrom('pickup' as const, 'dropoff' as const), (events, kind) => {
        let status: StopStatus = 'pending';
        for (const event of events) {
          const final = status === 'done' || status === 'failed';
          try {
            status = applyStopEvent({ status, kind }, event).stop;
            expect(final).toBe(false);
          } catch {
            // refused: the status stays
          }
        }
      }),
    );
  });
});
