import { defineEvents } from '@opsgraph/kit';
import type { OrderStatus } from './lifecycle';

export type OrderLineFacts = { orderLineId: string; productId: string; sku: string; quantity: number; unitPriceMinor: number };

/** Orders' outbox events: the order's life and its exceptions. Finance, returns and subscriptions read them. */
export type OrdersEvents = {
  OrderCaptured: {
    orderId: string;
    number: string;
    channelCode: string;
    customerEmail: string;
    currency: string;
    totalMinor: number;
    lines: OrderLineFacts[];
  };
  OrderStatusChanged: {
    orderId: string;
    number: string;
    channelCode: string;
    from: OrderStatus | null;
    to: OrderStatus;
    actor: string;
    reason: string | null;
    /** The decision rule that made the change, when a rule decided. */
    rule: string | null;
  };
  /** Units reserved for the order, per line and node (at capture, or when a backorder fills). */
  OrderAllocated: {
    orderId: string;
    number: string;
    allocations: { orderLineId: string; productId: string; locationId: string; quantity: number }[];
  };
  OrderShipped: {
    orderId: string;
    number: string;
    channelCode: string;
    currency: string;
    shipmentId: string;
    carrier: string;
    trackingNumber: string;
    lines: (OrderLineFacts & { locationId: string })[];
  };
  ExceptionOpened: {
    exceptionId: string;
    orderId: string;
    cause: string;
    slaDueAt: string;
    /** For SLA_BREACH: the exception whose due time passed. */
    sourceExceptionId: string | null;
  };
  ExceptionAssigned: { exceptionId: string; orderId: string; cause: string; assignee: string; actor: string };
  ExceptionResolved: { exceptionId: string; orderId: string; cause: string; resolution: string; actor: string };
  ExceptionBreached: { exceptionId: string; orderId: string; cause: string; slaDueAt: string };
};

export const orderEvent = defineEvents<OrdersEvents>({
  OrderCaptured: 'Order',
  OrderStatusChanged: 'Order',
  OrderAllocated: 'Order',
  OrderShipped: 'Order',
  ExceptionOpened: 'OrderException',
  ExceptionAssigned: 'OrderException',
  ExceptionResolved: 'OrderException',
  ExceptionBreached: 'OrderException',
});

/** OrderCaptured for a new order and its lines, as capture built them. */
export function capturedEvent(
  order: { id: string; number: string; channelCode: string; customerEmail: string; currency: string; totalMinor: number },
  lines: readonly OrderLineFacts[],
  at: Date,
) {
  return orderEvent.of(
    'OrderCaptured',
    order.id,
    {
      orderId: order.id,
      number: order.number,
      channelCode: order.channelCode,
      customerEmail: order.customerEmail,
      currency: order.currency,
      totalMinor: order.totalMinor,
      lines: lines.map(({ orderLineId, productId, sku, quantity, unitPriceMinor }) => ({ orderLineId, productId, sku, quantity, unitPriceMinor })),
    },
    at,
  );
}

/** OrderAllocated: the units inventory reserved, per line and node. */
export function allocatedEvent(
  order: { id: string; number: string },
  reservations: readonly { orderLineId: string; productId: string; locationId: string; quantity: number }[],
  at: Date,
) {
  return orderEvent.of(
    'OrderAllocated',
    order.id,
    {
      orderId: order.id,
      number: order.number,
      allocations: reservations.map(({ orderLineId, productId, locationId, quantity }) => ({ orderLineId, productId, locationId, quantity })),
    },
    at,
  );
}
