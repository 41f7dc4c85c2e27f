import type { DomainEvent } from '@opsgraph/kit';
import { orderEvent, type OrderLineFacts } from './events';
import type { OrderStatus } from './lifecycle';
import { autoReleaseRule, gateAtCapture, type DecisionRule, type OrderFacts } from './rules';
import {
  openException,
  resolveException,
  transition,
  type ExceptionCauses,
  type ExceptionRow,
  type IdSource,
  type OrderRef,
  type TransitionRow,
} from './workflow';

/**
 * What the workflow decides after an event (capture, an approval, stock arriving), as plain functions over a
 * change set: the history rows, exceptions and outbox events to write. Callers write them in one transaction;
 * the demo seed writes them in bulk. Nothing here reads or writes a database.
 */

/** The actor of changes the rules make, as opposed to a person or a channel. */
export const SYSTEM_ACTOR = 'system';

export type ResolvedPatch = ReturnType<typeof resolveException>['patch'];

/** Changes to one order, accumulated in the order they happen; `order.status` follows along. */
export class OrderChanges {
  readonly transitions: TransitionRow[] = [];
  readonly opened: ExceptionRow[] = [];
  readonly resolved: { id: string; patch: ResolvedPatch }[] = [];
  readonly events: DomainEvent[] = [];

  constructor(
    public order: OrderRef,
    readonly context: { at: Date; causes: ExceptionCauses; ids: IdSource },
  ) {}

  get status(): OrderStatus | null {
    return this.order.status;
  }

  /** A status change through workflow.transition: refused with ILLEGAL_TRANSITION when the lifecycle forbids it. */
  move(to: OrderStatus, actor: string, reason: string | null = null, rule: string | null = null): this {
    const step = transition(this.order, { to, actor, reason, rule, at: this.context.at });
    this.transitions.push(step.row);
    this.events.push(step.event);
    this.order = step.order;
    return this;
  }

  open(cause: string): ExceptionRow {
    const { row, event } = openException(this.order, cause, this.context.at, this.context);
    this.opened.push(row);
    this.events.push(event);
    return row;
  }

  resolve(exceptions: readonly ExceptionRow[], resolution: string, actor: string): this {
    for (const exception of exceptions) {
      const { patch, event } = resolveException(exception, resolution, actor, this.context.at);
      this.resolved.push({ id: exception.id, patch });
      this.events.push(event);
    }
    return this;
  }

  emit(event: DomainEvent): this {
    this.events.push(event);
    return this;
  }
}

/** Whether stock is held for the order now: reserved (with a reason naming the nodes), or short. */
export type StockState = { kind: 'reserved'; reason: string } | { kind: 'short' };

/**
 * Capture: the order is CAPTURED by whoever sent it; the first gating rule (review, hold) stops it there with its
 * exception, keeping any reservation; otherwise it is allocated (and perhaps auto-released) or backordered.
 */
export function decideCapture(
  changes: OrderChanges,
  input: { actor: string; facts: OrderFacts; rules: readonly DecisionRule[]; stock: StockState },
): OrderChanges {
  changes.move('CAPTURED', input.actor, `Captured from ${input.facts.channelCode}`);
  const gate = gateAtCapture(input.rules, input.facts);
  if (gate) {
    changes.move(gate.outcome as 'RISK_REVIEW' | 'ON_HOLD', SYSTEM_ACTOR, gate.description, gate.code);
    changes.open(gate.exceptionCause!);
    return changes;
  }
  return allocateOrBackorder(changes, { actor: SYSTEM_ACTOR, reason: null, facts: input.facts, rules: input.rules, stock: input.stock });
}

/**
 * An order that may now go to the warehouse: ALLOCATED when its stock is reserved (then RELEASED when an
 * auto-release rule matches), otherwise BACKORDERED with a BACKORDER exception.
 */
export function allocateOrBackorder(
  changes: OrderChanges,
  input: { actor: string; reason: string | null; facts: OrderFacts; rules: readonly DecisionRule[]; stock: StockState },
): OrderChanges {
  const { stock } = input;
  if (stock.kind === 'short') {
    changes.move('BACKORDERED', input.actor, input.reason ?? "Not enough stock at the channel's nodes: waiting for stock");
    changes.open('BACKORDER');
    return changes;
  }
  changes.move('ALLOCATED', input.actor, input.reason ? `${input.reason}; ${lowerFirst(stock.reason)}` : stock.reason);
  return autoRelease(changes, input);
}

/** Releases an ALLOCATED order to the warehouse when an auto-release rule matches, recording the rule. */
export function autoRelease(changes: OrderChanges, input: { facts: OrderFacts; rules: readonly DecisionRule[] }): OrderChanges {
  const rule = autoReleaseRule(input.rules, input.facts);
  if (rule) changes.move('RELEASED', SYSTEM_ACTOR, rule.description, rule.code);
  return changes;
}

/** approveOrder: allocated (or backordered without stock) by the reviewer; the review's exceptions resolved. */
export function approve(
  changes: OrderChanges,
  input: { actor: string; reason: string; resolution: string; facts: OrderFacts; rules: readonly DecisionRule[]; stock: StockState; exceptions: readonly ExceptionRow[] },
): OrderChanges {
  allocateOrBackorder(changes, input);
  return changes.resolve(openExceptionsOf(input.exceptions, reviewCauses(input.rules)), input.resolution, input.actor);
}

/** A backorder whose stock arrived: ALLOCATED (perhaps auto-released); its BACKORDER exception resolved. */
export function fillBackorder(
  changes: OrderChanges,
  input: { facts: OrderFacts; rules: readonly DecisionRule[]; stock: StockState; exceptions: readonly ExceptionRow[] },
): OrderChanges {
  const { stock } = input;
  changes.move('ALLOCATED', SYSTEM_ACTOR, stock.kind === 'reserved' ? `Stock arrived: ${lowerFirst(stock.reason)}` : 'Stock arrived');
  autoRelease(changes, input);
  return changes.resolve(openExceptionsOf(input.exceptions, new Set(['BACKORDER'])), 'Stock arrived', SYSTEM_ACTOR);
}

/**
 * Lifting a hold: RELEASED to the warehouse when the order holds stock, else back to BACKORDERED (with a
 * BACKORDER exception unless one is open); the hold's exceptions resolved.
 */
export function liftHold(
  changes: OrderChanges,
  input: { actor: string; reason: string | null; holdsStock: boolean; rules: readonly DecisionRule[]; exceptions: readonly ExceptionRow[] },
): OrderChanges {
  if (input.holdsStock) {
    changes.move('RELEASED', input.actor, input.reason ?? 'Hold lifted');
  } else {
    changes.move('BACKORDERED', input.actor, input.reason ?? 'Hold lifted: waiting for stock');
    if (!input.exceptions.some((e) => e.cause === 'BACKORDER' && e.status !== 'RESOLVED')) changes.open('BACKORDER');
  }
  return changes.resolve(openExceptionsOf(input.exceptions, holdCauses(input.rules)), input.reason ?? 'Hold lifted', input.actor);
}

/** holdOrder: ON_HOLD with a MANUAL_HOLD exception; the order keeps any stock it holds. */
export function hold(changes: OrderChanges, input: { actor: string; reason: string }): OrderChanges {
  changes.move('ON_HOLD', input.actor, input.reason);
  changes.open('MANUAL_HOLD');
  return changes;
}

/** cancelOrder: CANCELLED, every open exception resolved. (The stock it holds is released by the caller.) */
export function cancel(changes: OrderChanges, input: { actor: string; reason: string; exceptions: readonly ExceptionRow[] }): OrderChanges {
  changes.move('CANCELLED', input.actor, input.reason);
  return changes.resolve(openExceptionsOf(input.exceptions, null), `Order cancelled: ${input.reason}`, input.actor);
}

/** confirmShipment: SHIPPED with the carrier's tracking number, announcing what left from which node. */
export function ship(
  changes: OrderChanges,
  input: {
    actor: string;
    currency: string;
    shipment: { id: string; carrier: string; trackingNumber: string };
    lines: readonly (OrderLineFacts & { locationId: string })[];
  },
): OrderChanges {
  const { order, context } = changes;
  const { shipment } = input;
  changes.move('SHIPPED', input.actor, `${shipment.carrier} ${shipment.trackingNumber}`);
  return changes.emit(
    orderEvent.of(
      'OrderShipped',
      order.id,
      {
        orderId: order.id,
        number: order.number,
        channelCode: order.channelCode,
        currency: input.currency,
        shipmentId: shipment.id,
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        lines: [...input.lines],
      },
      context.at,
    ),
  );
}

/** Exception causes an approval settles: what review rules open. */
export function reviewCauses(rules: readonly DecisionRule[]): Set<string> {
  return new Set(['RISK_REVIEW', ...rules.filter((r) => r.outcome === 'RISK_REVIEW').map((r) => r.exceptionCause!)]);
}

/** Exception causes lifting a hold settles: manual holds and what hold rules open. */
export function holdCauses(rules: readonly DecisionRule[]): Set<string> {
  return new Set(['MANUAL_HOLD', ...rules.filter((r) => r.outcome === 'ON_HOLD').map((r) => r.exceptionCause!)]);
}

/** The open exceptions of these causes (all open ones when `causes` is null), with the SLA breaches raised on them. */
export function openExceptionsOf(exceptions: readonly ExceptionRow[], causes: ReadonlySet<string> | null): ExceptionRow[] {
  const open = exceptions.filter((e) => e.status !== 'RESOLVED');
  const picked = open.filter((e) => causes === null || causes.has(e.cause));
  const ids = new Set(picked.map((e) => e.id));
  const breaches = open.filter((e) => !ids.has(e.id) && e.sourceExceptionId !== null && ids.has(e.sourceExceptionId));
  return [...picked, ...breaches];
}

/** "Allocated from WH-EAST" -> "allocated from WH-EAST", to follow another clause. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
