import { describe, expect, it } from 'vitest';
import { canTransition, checkRefund, isTerminal, refundableAmount, returnTransitions, type ReturnStatus } from '../src/returnRules';

describe('return status machine', () => {
  it('moves forward only through receipt and inspection', () => {
    expect(canTransition('REQUESTED', 'RECEIVED')).toBe(true);
    expect(canTransition('RECEIVED', 'INSPECTED')).toBe(true);
    expect(canTransition('INSPECTED', 'REFUNDED')).toBe(true);
    expect(canTransition('REFUNDED', 'CLOSED')).toBe(true);
  });

  it('never reaches REFUNDED without inspection', () => {
    const before: ReturnStatus[] = ['REQUESTED', 'RECEIVED'];
    for (const from of before) expect(canTransition(from, 'REFUNDED')).toBe(false);
    const reachesRefunded = (Object.keys(returnTransitions) as ReturnStatus[]).filter((s) => canTransition(s, 'REFUNDED'));
    expect(reachesRefunded).toEqual(['INSPECTED']);
  });

  it('refuses going backwards, staying put and leaving a terminal state', () => {
    expect(canTransition('INSPECTED', 'RECEIVED')).toBe(false);
    expect(canTransition('RECEIVED', 'RECEIVED')).toBe(false);
    expect(canTransition('REFUNDED', 'INSPECTED')).toBe(false);
    for (const terminal of ['CLOSED', 'REJECTED'] as const) {
      expect(isTerminal(terminal)).toBe(true);
      for (const to of Object.keys(returnTransitions) as ReturnStatus[]) expect(canTransition(terminal, to)).toBe(false);
    }
  });
});

describe('refund rules', () => {
  it('refunds up to what was paid less earlier refunds, never below zero', () => {
    expect(refundableAmount({ paidMinor: 5000, alreadyRefundedMinor: 0 })).toBe(5000);
    expect(refundableAmount({ paidMinor: 5000, alreadyRefundedMinor: 1250 })).toBe(3750);
    expect(refundableAmount({ paidMinor: 5000, alreadyRefundedMinor: 6000 })).toBe(0);
  });

  it('approves an inspected refund within what was paid, up to the exact remainder', () => {
    expect(checkRefund(1000, 5000, 0, true)).toBeNull();
    expect(checkRefund(3750, 5000, 1250, true)).toBeNull();
  });

  it('refuses a refund before inspection', () => {
    expect(checkRefund(1000, 5000, 0, false)?.code).toBe('REFUND_BEFORE_INSPECTION');
  });

  it('refuses a refund above what was paid, counting earlier refunds', () => {
    expect(checkRefund(5001, 5000, 0, true)).toMatchObject({ code: 'REFUND_ABOVE_PAID', refundableMinor: 5000 });
    expect(checkRefund(3751, 5000, 1250, true)).toMatchObject({ code: 'REFUND_ABOVE_PAID', refundableMinor: 3750 });
    expect(checkRefund(1, 5000, 5000, true)?.code).toBe('REFUND_ABOVE_PAID');
  });

  it('refuses zero, negative and fractional amounts', () => {
    for (const amount of [0, -100, 10.5, Number.NaN]) expect(checkRefund(amount, 5000, 0, true)?.code).toBe('INVALID_AMOUNT');
  });
});
