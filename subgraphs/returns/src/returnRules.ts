import type { returnStatus } from '@opsgraph/db';

export type ReturnStatus = (typeof returnStatus.enumValues)[number];

/**
 * The return lifecycle. Units must be received and inspected before any money goes back; REJECTED covers a
 * refused authorization or a failed inspection, CLOSED a return that ends without (further) refund.
 */
export const returnTransitions: Record<ReturnStatus, readonly ReturnStatus[]> = {
  REQUESTED: ['RECEIVED', 'REJECTED', 'CLOSED'],
  RECEIVED: ['INSPECTED'],
  INSPECTED: ['REFUNDED', 'REJECTED', 'CLOSED'],
  REFUNDED: ['CLOSED'],
  CLOSED: [],
  REJECTED: [],
};

export function canTransition(from: ReturnStatus, to: ReturnStatus): boolean {
  return returnTransitions[from].includes(to);
}

export function isTerminal(status: ReturnStatus): boolean {
  return returnTransitions[status].length === 0;
}

/** What may still be refunded on an order: what was paid less what earlier refunds gave back, never below zero. */
export function refundableAmount({ paidMinor, alreadyRefundedMinor }: { paidMinor: number; alreadyRefundedMinor: number }): number {
  return Math.max(0, paidMinor - alreadyRefundedMinor);
}

export type RefundFailureCode = 'INVALID_AMOUNT' | 'REFUND_BEFORE_INSPECTION' | 'REFUND_ABOVE_PAID';
export type RefundFailure = { code: RefundFailureCode; message: string; refundableMinor: number };

/**
 * Why a refund of `amountMinor` may not be approved, or null when it may. Refunds come only after inspection
 * and never above what was paid (counting refunds already made against the same order).
 */
export function checkRefund(
  amountMinor: number,
  paidMinor: number,
  alreadyRefundedMinor: number,
  inspected: boolean,
): RefundFailure | null {
  const refundableMinor = refundableAmount({ paidMinor, alreadyRefundedMinor });
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    return { code: 'INVALID_AMOUNT', message: 'Refund amount must be greater than zero.', refundableMinor };
  }
  if (!inspected) {
    return {
      code: 'REFUND_BEFORE_INSPECTION',
      message: 'A refund can be approved only after the returned units have been inspected.',
      refundableMinor,
    };
  }
  if (amountMinor > refundableMinor) {
    return {
      code: 'REFUND_ABOVE_PAID',
      message: 'Refund is more than the customer paid, less what was already refunded.',
      refundableMinor,
    };
  }
  return null;
}
