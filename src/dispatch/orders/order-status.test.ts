import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../api/problem.js';
import { assertTransition, canTransition, orderStatuses, type OrderStatus } from './order-status.js';

describe('order state machine', () => {
  it('follows pending → planned → assigned → picked_up → delivered', () => {
    const path: OrderStatus[] = ['pending', 'planned', 'assigned', 'picked_up', 'delivered'];
    for (let i = 0; i + 1 < path.length; i++) expect(canTransition(path[i]!, path[i + 1]!)).toBe(true);
  });

  it('never leaves a final state, and refuses with 409 naming the current state', () => {
    for (const final of ['delivered', 'failed', 'cancelled'] as const) {
      for (const to of orderStatuses) expect(canTransition(final, to)).toBe(false);
    }
    try {
      assertTransition('delivered', 'cancelled');
      expect.fail('should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(HttpProblem);
      expect((error as HttpProblem).status).toBe(409);
      expect((error as HttpProblem).extensions).toMatchObject({ current: 'delivered' });
    }
  });

  it('reaches delivered only through picked_up or assigned, on every random walk', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...orderStatuses), { maxLength: 20 }), (steps) => {
        let status: OrderStatus = 'pending';
        const visited: OrderStatus[] = [status];
        for (const next of steps) {
          if (canTransition(status, next)) {
            status = next;
            visited.push(status);
          }
        }
        if (status === 'delivered') expect(visited.some((s) => s === 'assigned')).toBe(true);
        if (visited.includes('cancelled')) expect(visited[visited.length - 1]).toBe('cancelled');
      }),
    );
  });
});
