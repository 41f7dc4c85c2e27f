import { defineEvents } from '@opsgraph/kit';

type ReturnRef = { returnId: string; number: string; orderId: string };

/** Returns' outbox events: each step of a return, and refunds. Finance and inventory react to them. */
export type ReturnsEvents = {
  ReturnRequested: ReturnRef & { lines: { orderLineId: string; quantity: number; reason: string }[] };
  ReturnReceived: ReturnRef;
  ReturnInspected: ReturnRef & { lines: { orderLineId: string; disposition: string | null }[] };
  RefundApproved: ReturnRef & { refundId: string; amountMinor: number; currency: string };
  ReturnRefunded: ReturnRef & { refundId: string; amountMinor: number; currency: string };
};

export const returnEvent = defineEvents<ReturnsEvents>({
  ReturnRequested: 'Return',
  ReturnReceived: 'Return',
  ReturnInspected: 'Return',
  RefundApproved: 'Return',
  ReturnRefunded: 'Return',
});
