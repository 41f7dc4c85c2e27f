import type { orderExceptions, orderTransitions } from '@opsgraph/db';
import { UserErrors } from '@opsgraph/kit';
import { orderEvent } from './events';
import { allowedTransitions, canTransition, type OrderStatus } from './lifecycle';

/**
 * The order workflow's rules as plain functions: a status change, and opening, assigning, resolving and
 * breaching exceptions. Each returns the rows to write and the outbox event, and writes nothing itself, so the
 * live mutations (repo, one transaction) and the demo seed (bulk inserts) apply exactly the same rules. Time and
 * ids are passed in.
 */

/** Where new ids come from: `newId` live, a counter in the seed. */
export type IdSource = (prefix: string) => string;

export type OrderRef = { id: string; number: string; channelCode: string; status: OrderStatus | null };
export type StatusChange = { to: OrderStatus; actor: string; reason?: string | null; rule?: string | null; at: Date };

export type TransitionRow = typeof orderTransitions.$inferInsert;
export type ExceptionRow = typeof orderExceptions.$inferSelect;

/** Refuses a change the lifecycle does not allow, naming what is allowed from here. */
export function assertCanTransition(order: OrderRef, to: OrderStatus): void {
  if (order.status === null ? to === 'CAPTURED' : canTransition(order.status, to)) return;
  const allowed = order.status === null ? ['CAPTURED'] : allowedTransitions(order.status);
  throw UserErrors.of(
    ['input', 'orderId'],
    'ILLEGAL_TRANSITION',
    `Order ${order.number} is ${order.status ?? 'new'} and cannot become ${to}` +
      (allowed.length ? ` (from ${order.status} it can become ${allowed.join(', ')}).` : ': it is closed.'),
  );
}

/** The one way an order changes status: checked against the lifecycle, recorded in the history, announced. */
export function transition(order: OrderRef, change: StatusChange) {
  assertCanTransition(order, change.to);
  const row: TransitionRow = {
    orderId: order.id,
    fromStatus: order.status,
    toStatus: change.to,
    actor: change.actor,
    reason: change.reason ?? null,
    rule: change.rule ?? null,
    at: change.at,
  };
  const event = orderEvent.of(
    'OrderStatusChanged',
    order.id,
    {
      orderId: order.id,
      number: order.number,
      channelCode: order.channelCode,
      from: order.status,
      to: change.to,
      actor: change.actor,
      reason: row.reason ?? null,
      rule: row.rule ?? null,
    },
    change.at,
  );
  return { row, event, order: { ...order, status: change.to } };
}

/** SLA minutes per exception cause (orders.exception_causes). */
export type ExceptionCauses = ReadonlyMap<string, number>;

export function openException(
  order: { id: string },
  cause: string,
  at: Date,
  context: { causes: ExceptionCauses; ids: IdSource },
  sourceExceptionId: string | null = null,
) {
  const slaMinutes = context.causes.get(cause);
  if (slaMinutes === undefined) throw new Error(`Unknown exception cause ${cause}: add it to orders.exception_causes`);
  const row: ExceptionRow = {
    id: context.ids('exc'),
    orderId: order.id,
    cause,
    status: 'OPEN',
    openedAt: at,
    slaDueAt: new Date(at.getTime() + slaMinutes * 60_000),
    assignee: null,
    assignedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    resolution: null,
    breachedAt: null,
    sourceExceptionId,
  };
  const event = orderEvent.of(
    'ExceptionOpened',
    row.id,
    { exceptionId: row.id, orderId: order.id, cause, slaDueAt: row.slaDueAt.toISOString(), sourceExceptionId },
    at,
  );
  return { row, event };
}

function assertOpen(exception: ExceptionRow): void {
  if (exception.status === 'RESOLVED') {
    throw UserErrors.of(['input', 'exceptionId'], 'EXCEPTION_RESOLVED', `Exception ${exception.id} is already resolved.`);
  }
}

/** Someone takes the exception: it is in progress from now. */
export function assignException(exception: ExceptionRow, assignee: string, actor: string, at: Date) {
  assertOpen(exception);
  const patch = { assignee, assignedAt: at, status: 'IN_PROGRESS' as const };
  const event = orderEvent.of(
    'ExceptionAssigned',
    exception.id,
    { exceptionId: exception.id, orderId: exception.orderId, cause: exception.cause, assignee, actor },
    at,
  );
  return { patch, event, exception: { ...exception, ...patch } };
}

export function resolveException(exception: ExceptionRow, resolution: string, actor: string, at: Date) {
  assertOpen(exception);
  const patch = { status: 'RESOLVED' as const, resolvedAt: at, resolvedBy: actor, resolution };
  const event = orderEvent.of(
    'ExceptionResolved',
    exception.id,
    { exceptionId: exception.id, orderId: exception.orderId, cause: exception.cause, resolution, actor },
    at,
  );
  return { patch, event, exception: { ...exception, ...patch } };
}

/** Whether an exception's due time has passed while it is still open and its breach not yet raised. */
export function isBreached(exception: ExceptionRow, now: Date): boolean {
  return exception.status !== 'RESOLVED' && exception.breachedAt === null && exception.slaDueAt.getTime() <= now.getTime();
}

/**
 * An exception's due time passed: it is marked breached and an SLA_BREACH exception is raised on its order
 * (once: a breach exception itself escalates no further).
 */
export function breachException(exception: ExceptionRow, at: Date, context: { causes: ExceptionCauses; ids: IdSource }) {
  const patch = { breachedAt: at };
  const breached = orderEvent.of(
    'ExceptionBreached',
    exception.id,
    { exceptionId: exception.id, orderId: exception.orderId, cause: exception.cause, slaDueAt: exception.slaDueAt.toISOString() },
    at,
  );
  const escalation =
    exception.cause === 'SLA_BREACH' ? null : openException({ id: exception.orderId }, 'SLA_BREACH', at, context, exception.id);
  return { patch, events: escalation ? [breached, escalation.event] : [breached], escalation: escalation?.row ?? null };
}

/** Whole minutes an exception has been open (until it was resolved). */
export function ageMinutes(exception: Pick<ExceptionRow, 'openedAt' | 'resolvedAt'>, now: Date): number {
  const end = exception.resolvedAt ?? now;
  return Math.max(0, Math.floor((end.getTime() - exception.openedAt.getTime()) / 60_000));
}
