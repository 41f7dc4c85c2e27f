import { describe, expect, it } from 'vitest';
import { orderStatus } from '@opsgraph/db';
import {
  allowedTransitions,
  canTransition,
  fulfilmentPath,
  isOrderStatus,
  isTerminal,
  orderStatuses,
  type OrderStatus,
} from '../src/lifecycle';

/** Every status reachable from `start` by allowed transitions. */
function reachableFrom(start: OrderStatus): Set<OrderStatus> {
  const seen = new Set<OrderStatus>([start]);
  const queue = [start];
  for (let status = queue.shift(); status; status = queue.shift()) {
    for (const next of allowedTransitions(status)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('order lifecycle', () => {
  it('knows exactly the statuses the database stores', () => {
    expect([...orderStatuses].sort()).toEqual([...orderStatus.enumValues].sort());
  });

  it('walks the fulfilment path one allowed step at a time', () => {
    for (let i = 1; i < fulfilmentPath.length; i++) {
      expect(canTransition(fulfilmentPath[i - 1]!, fulfilmentPath[i]!), `${fulfilmentPath[i - 1]} -> ${fulfilmentPath[i]}`).toBe(true);
    }
    expect(fulfilmentPath[0]).toBe('CAPTURED');
    expect(fulfilmentPath.at(-1)).toBe('DELIVERED');
  });

  it('does not skip stages of fulfilment or go backwards', () => {
    expect(canTransition('CAPTURED', 'SHIPPED')).toBe(false);
    expect(canTransition('ALLOCATED', 'PICKED')).toBe(false);
    expect(canTransition('ALLOCATED', 'SHIPPED')).toBe(false);
    expect(canTransition('PACKED', 'PICKED')).toBe(false);
    expect(canTransition('SHIPPED', 'PACKED')).toBe(false);
    expect(canTransition('DELIVERED', 'SHIPPED')).toBe(false);
  });

  it('allows cancelling only before the order ships', () => {
    const shippedOrLater = new Set<OrderStatus>(['SHIPPED', 'DELIVERED', 'CANCELLED']);
    for (const status of orderStatuses) {
      expect(canTransition(status, 'CANCELLED'), status).toBe(!shippedOrLater.has(status));
    }
  });

  it('sends a reviewed order on (allocated, or backordered without stock), to a hold or to cancellation', () => {
    expect([...allowedTransitions('RISK_REVIEW')].sort()).toEqual(['ALLOCATED', 'BACKORDERED', 'CANCELLED', 'ON_HOLD']);
  });

  it('lets a backorder be allocated once stock arrives, held, or cancelled', () => {
    expect([...allowedTransitions('BACKORDERED')].sort()).toEqual(['ALLOCATED', 'CANCELLED', 'ON_HOLD']);
    expect(canTransition('CAPTURED', 'BACKORDERED')).toBe(true);
  });

  it('ships straight from RELEASED or PICKED for warehouses that report neither pick nor pack', () => {
    for (const status of ['RELEASED', 'PICKED', 'PACKED'] as const) expect(canTransition(status, 'SHIPPED'), status).toBe(true);
  });

  it('releases a hold to the warehouse, back to the stock queue, or cancels it', () => {
    expect([...allowedTransitions('ON_HOLD')].sort()).toEqual(['BACKORDERED', 'CANCELLED', 'RELEASED']);
    for (const status of ['CAPTURED', 'RISK_REVIEW', 'ALLOCATED', 'BACKORDERED', 'RELEASED'] as const) {
      expect(canTransition(status, 'ON_HOLD'), status).toBe(true);
    }
    expect(canTransition('SHIPPED', 'ON_HOLD')).toBe(false);
  });

  it('ends in DELIVERED or CANCELLED and nowhere else', () => {
    expect(orderStatuses.filter(isTerminal)).toEqual(['DELIVERED', 'CANCELLED']);
    expect(allowedTransitions('DELIVERED')).toEqual([]);
    expect(allowedTransitions('CANCELLED')).toEqual([]);
  });

  it('never moves an order to the status it already has', () => {
    for (const status of orderStatuses) expect(canTransition(status, status), status).toBe(false);
  });

  it('can reach every status from capture, and a terminal status from every status', () => {
    expect(reachableFrom('CAPTURED')).toEqual(new Set(orderStatuses));
    for (const status of orderStatuses) {
      const reachable = reachableFrom(status);
      expect(reachable.has('DELIVERED') || reachable.has('CANCELLED'), status).toBe(true);
    }
  });

  it('tells statuses from other strings', () => {
    expect(isOrderStatus('PACKED')).toBe(true);
    expect(isOrderStatus('packed')).toBe(false);
    expect(isOrderStatus('LOST')).toBe(false);
  });
});
