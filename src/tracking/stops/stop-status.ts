/**
 * The stop lifecycle `pending → arrived → done | failed`, driven by the courier's events. Each
 * event names what happened; which stop kinds it fits and which order status it leads to are
 * decided here, once.
 */
import { problems } from '../../api/problem.js';
import type { OrderStatus } from '../../dispatch/orders/order-status.js';

export const stopEventTypes = ['arrived', 'picked_up', 'delivered', 'failed'] as const;
export type StopEventType = (typeof stopEventTypes)[number];
export type StopStatus = 'pending' | 'arrived' | 'done' | 'failed';

interface Rule {
  from: StopStatus[];
  to: StopStatus;
  kinds: ('pickup' | 'dropoff')[];
  /** The order's status after the event; none when the order does not change. */
  order?: OrderStatus;
}

const rules: Record<StopEventType, Rule> = {
  arrived: { from: ['pending'], to: 'arrived', kinds: ['pickup', 'dropoff'] },
  picked_up: { from: ['pending', 'arrived'], to: 'done', kinds: ['pickup'], order: 'picked_up' },
  delivered: { from: ['pending', 'arrived'], to: 'done', kinds: ['dropoff'], order: 'delivered' },
  failed: { from: ['pending', 'arrived'], to: 'failed', kinds: ['pickup', 'dropoff'], order: 'failed' },
};

/** The stop's next status and the order's, or the 409 problem for an illegal event. */
export function applyStopEvent(stop: { status: StopStatus; kind: 'pickup' | 'dropoff' }, event: StopEventType): { stop: StopStatus; order?: OrderStatus } {
  const rule = rules[event];
  if (!rule.kinds.includes(stop.kind)) throw problems.conflict(`A ${stop.kind} stop cannot be ${event.replace('_', ' ')}.`, { current: stop.status, requested: event });
  if (!rule.from.includes(stop.status)) throw problems.conflict(`The stop is ${stop.status}; "${event}" is not possible now.`, { current: stop.status, requested: event });
  return { stop: rule.to, order: rule.order };
}
