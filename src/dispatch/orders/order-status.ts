/**
 * The order lifecycle as an explicit state machine. Every status change goes through `transition`,
 * so an illegal one is refused the same way everywhere: 409 with the current status.
 */
import { problems } from '../../api/problem.js';

export const orderStatuses = ['pending', 'planned', 'assigned', 'picked_up', 'delivered', 'failed', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

const allowed: Record<OrderStatus, OrderStatus[]> = {
  pending: ['planned', 'cancelled'],
  planned: ['pending', 'assigned', 'cancelled'],
  assigned: ['planned', 'picked_up', 'delivered', 'failed', 'cancelled'],
  picked_up: ['delivered', 'failed'],
  delivered: [],
  failed: [],
  cancelled: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return allowed[from].includes(to);
}

/** Throws the 409 problem when `from → to` is not a legal step. */
export function assertTransition(from: OrderStatus, to: OrderStatus, what = 'order'): void {
  if (!canTransition(from, to)) {
    throw problems.conflict(`The ${what} is ${from}; it cannot become ${to}.`, { current: from, requested: to });
  }
}

/** Orders whose content may still be edited: nothing has been promised to a courier yet. */
export const editableStatuses: OrderStatus[] = ['pending', 'planned'];
