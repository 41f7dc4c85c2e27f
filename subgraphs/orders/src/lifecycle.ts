import type { orderHeaders } from '@opsgraph/db';

/**
 * The order state machine as data. Deliberately free of database and GraphQL imports (the one import above is
 * type-only) so workflows, the reconciler and the seed generator can all use it.
 */
export const orderStatuses = [
  'CAPTURED',
  'RISK_REVIEW',
  'ALLOCATED',
  'BACKORDERED',
  'ON_HOLD',
  'RELEASED',
  'PICKED',
  'PACKED',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
  // A status the database cannot store fails to compile; test/lifecycle.test.ts checks none is missing.
] as const satisfies readonly (typeof orderHeaders.$inferSelect)['status'][];

export type OrderStatus = (typeof orderStatuses)[number];

/** The road an order takes when nothing goes wrong. */
export const fulfilmentPath: readonly OrderStatus[] = [
  'CAPTURED',
  'RISK_REVIEW',
  'ALLOCATED',
  'RELEASED',
  'PICKED',
  'PACKED',
  'SHIPPED',
  'DELIVERED',
];

const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  // Stock is reserved at capture; the governance rules then gate the order (review, hold) or let it through,
  // and an order no node can fill waits as a backorder.
  CAPTURED: ['RISK_REVIEW', 'ALLOCATED', 'BACKORDERED', 'ON_HOLD', 'CANCELLED'],
  // Approved: allocated when its stock is reserved, else it waits as a backorder.
  RISK_REVIEW: ['ALLOCATED', 'BACKORDERED', 'ON_HOLD', 'CANCELLED'],
  ALLOCATED: ['RELEASED', 'ON_HOLD', 'CANCELLED'],
  BACKORDERED: ['ALLOCATED', 'ON_HOLD', 'CANCELLED'],
  // A hold keeps the order's reservation; lifting it releases the order to the warehouse, or puts it back in
  // the queue for stock when it holds none.
  ON_HOLD: ['RELEASED', 'BACKORDERED', 'CANCELLED'],
  RELEASED: ['PICKED', 'SHIPPED', 'ON_HOLD', 'CANCELLED'],
  PICKED: ['PACKED', 'SHIPPED', 'CANCELLED'],
  PACKED: ['SHIPPED', 'CANCELLED'],
  // Once goods have left, the way back is a return, not a cancellation.
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};

export function allowedTransitions(from: OrderStatus): readonly OrderStatus[] {
  return transitions[from];
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return transitions[from].includes(to);
}

export function isTerminal(status: OrderStatus): boolean {
  return transitions[status].length === 0;
}

export function isOrderStatus(value: string): value is OrderStatus {
  return (orderStatuses as readonly string[]).includes(value);
}
