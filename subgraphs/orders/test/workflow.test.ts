import { describe, expect, it } from 'vitest';
import { UserErrors } from '@opsgraph/kit';
import {
  ageMinutes,
  assignException,
  breachException,
  isBreached,
  openException,
  resolveException,
  transition,
  type ExceptionRow,
} from '../src/workflow';

const at = new Date('2026-03-01T10:00:00Z');
const minutes = (m: number) => new Date(at.getTime() + m * 60_000);
const causes = new Map([
  ['RISK_REVIEW', 240],
  ['SLA_BREACH', 60],
]);
let n = 0;
const context = { causes, ids: (prefix: string) => `${prefix}_${++n}` };
const order = { id: 'ord_1', number: 'SO-100001', channelCode: 'WEB', status: 'ALLOCATED' as const };

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof UserErrors) return error.userErrors[0]!.code;
    throw error;
  }
  return undefined;
}

describe('transition', () => {
  it('records who, when, from which state, why and which rule, and announces it', () => {
    const step = transition(order, { to: 'RELEASED', actor: 'system', reason: 'Repeat customer', rule: 'REPEAT_LOW_RISK', at });
    expect(step.row).toEqual({
      orderId: 'ord_1',
      fromStatus: 'ALLOCATED',
      toStatus: 'RELEASED',
      actor: 'system',
      reason: 'Repeat customer',
      rule: 'REPEAT_LOW_RISK',
      at,
    });
    expect(step.event).toMatchObject({ type: 'OrderStatusChanged', entityType: 'Order', entityId: 'ord_1', occurredAt: at });
    expect(step.event.payload).toMatchObject({ from: 'ALLOCATED', to: 'RELEASED', rule: 'REPEAT_LOW_RISK' });
    expect(step.order.status).toBe('RELEASED');
  });

  it('refuses what the lifecycle forbids with ILLEGAL_TRANSITION, naming the field', () => {
    expect(codeOf(() => transition(order, { to: 'PICKED', actor: 'wms', at }))).toBe('ILLEGAL_TRANSITION');
    expect(codeOf(() => transition({ ...order, status: 'SHIPPED' }, { to: 'CANCELLED', actor: 'ops', at }))).toBe('ILLEGAL_TRANSITION');
    expect(codeOf(() => transition({ ...order, status: null }, { to: 'ALLOCATED', actor: 'api', at }))).toBe('ILLEGAL_TRANSITION');
    expect(codeOf(() => transition({ ...order, status: null }, { to: 'CAPTURED', actor: 'api', at }))).toBeUndefined();
  });
});

describe('exceptions', () => {
  const opened = () => openException(order, 'RISK_REVIEW', at, context).row;

  it('opens with the cause SLA as due time, and refuses a cause nobody configured', () => {
    const { row, event } = openException(order, 'RISK_REVIEW', at, context);
    expect(row).toMatchObject({ orderId: 'ord_1', cause: 'RISK_REVIEW', status: 'OPEN', openedAt: at, slaDueAt: minutes(240) });
    expect(event.payload).toMatchObject({ exceptionId: row.id, cause: 'RISK_REVIEW', slaDueAt: minutes(240).toISOString() });
    expect(() => openException(order, 'NOPE', at, context)).toThrow(/Unknown exception cause/);
  });

  it('is assigned (in progress) and resolved, once', () => {
    const assigned = assignException(opened(), 'ops:ana', 'ops:lead', minutes(5));
    expect(assigned.exception).toMatchObject({ status: 'IN_PROGRESS', assignee: 'ops:ana', assignedAt: minutes(5) });
    const resolved = resolveException(assigned.exception, 'Called the customer', 'ops:ana', minutes(30));
    expect(resolved.exception).toMatchObject({ status: 'RESOLVED', resolvedBy: 'ops:ana', resolution: 'Called the customer', resolvedAt: minutes(30) });
    expect(codeOf(() => resolveException(resolved.exception, 'again', 'ops', minutes(31)))).toBe('EXCEPTION_RESOLVED');
    expect(codeOf(() => assignException(resolved.exception, 'ops:bo', 'ops', minutes(31)))).toBe('EXCEPTION_RESOLVED');
  });

  it('ages in whole minutes until resolved', () => {
    const exception = opened();
    expect(ageMinutes(exception, minutes(59.9))).toBe(59);
    expect(ageMinutes({ ...exception, resolvedAt: minutes(10) }, minutes(500))).toBe(10);
  });

  it('is breached once its due time passes while open; the breach escalates once, never a breach of a breach', () => {
    const exception = opened();
    expect(isBreached(exception, minutes(239))).toBe(false);
    expect(isBreached(exception, minutes(240))).toBe(true);
    expect(isBreached({ ...exception, status: 'RESOLVED' }, minutes(300))).toBe(false);
    const breach = breachException(exception, minutes(241), context);
    expect(breach.patch).toEqual({ breachedAt: minutes(241) });
    expect(breach.escalation).toMatchObject({ cause: 'SLA_BREACH', sourceExceptionId: exception.id, slaDueAt: minutes(301) });
    expect(breach.events.map((e) => e.type)).toEqual(['ExceptionBreached', 'ExceptionOpened']);
    expect(isBreached({ ...exception, ...breach.patch }, minutes(500))).toBe(false);
    const ofBreach = breachException(breach.escalation as ExceptionRow, minutes(400), context);
    expect(ofBreach.escalation).toBeNull();
  });
});
