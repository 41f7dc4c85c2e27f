import type { allocations } from '@opsgraph/db';
import type { NewOrderLineRow, NewOrderRow } from '../../../subgraphs/orders/src/capture';
import { cancel as decideCancel, liftHold as decideLiftHold, OrderChanges, openExceptionsOf } from '../../../subgraphs/orders/src/decisions';
import { allocatedEvent, capturedEvent } from '../../../subgraphs/orders/src/events';
import type { OrderStatus } from '../../../subgraphs/orders/src/lifecycle';
import type { DecisionRule, OrderFacts } from '../../../subgraphs/orders/src/rules';
import * as workflow from '../../../subgraphs/orders/src/workflow';
import type { SimProduct } from './catalog';
import type { Stock } from './inventory';
import { CHANNELS, CURRENCY, LOCATIONS } from './masterData';
import type { TimedEvent } from './seedData';
import { pad, type Sim } from './simulation';

/**
 * The order record. Every status change, exception and allocation goes through the orders domain's own
 * functions (decisions.ts and workflow.ts: the lifecycle check, the history row, the event; exceptions with
 * their SLA from orders.exception_causes), with the simulation's clock and ids; this module only collects what
 * they return for bulk insertion. Deciding *when* things happen is left to intake, allocation and fulfilment.
 */

export type SimLine = { id: string; row: NewOrderLineRow; p: SimProduct; quantity: number; unitPriceMinor: number; allocs: { loc: number; qty: number }[] };

export type SimOrder = {
  id: string;
  number: string;
  /** The order as capture's buildOrder made it. */
  row: NewOrderRow;
  channel: number;
  customerEmail: string;
  shipTo: { line1: string; city: string; postalCode: string; country: string };
  riskSignals: string[];
  createdAt: number;
  lines: SimLine[];
  totalMinor: number;
  /** Null until captured. */
  status: OrderStatus | null;
  lastAt: number;
  /** Holds active reservations. */
  reserved: boolean;
  /** The capture was refused (the channel refuses what its nodes cannot fill): the order was never recorded. */
  refused: boolean;
  /** Set while backordered. */
  waitingSince: number | null;
  /** Backordered units counted in purchasing's backlog, given back when the wait ends. */
  backlog: { p: SimProduct; loc: number; qty: number }[];
  carrier: string | null;
  feeMinor: number;
};

/** What the orders domain's rule tables hold (read from the migrated database by the seed). */
export type OrdersWorld = { rules: DecisionRule[]; causes: workflow.ExceptionCauses };

export type OrderRecords = ReturnType<typeof createOrderRecords>;

export function createOrderRecords(sim: Sim, stock: Stock, world: OrdersWorld) {
  const { agenda, out } = sim;
  const exceptions: workflow.ExceptionRow[] = [];
  const openByOrder = new Map<string, workflow.ExceptionRow[]>();
  const allocationRows: { row: typeof allocations.$inferInsert; order: SimOrder }[] = [];
  let exceptionSeq = 0;
  const ids: workflow.IdSource = (prefix) => `${prefix}_${pad(++exceptionSeq, 6)}`;
  const context = { causes: world.causes, ids };

  const refOf = (o: SimOrder): workflow.OrderRef => ({ id: o.id, number: o.number, channelCode: CHANNELS[o.channel]!.code, status: o.status });
  const emit = (event: { occurredAt?: Date }) => out.ordersEvents.push(event as TimedEvent);

  /** A change set for the order at `t`, to fill with the domain's decisions and hand to `apply`. */
  function changesFor(o: SimOrder, t: number): OrderChanges {
    if (o.status !== null && t < o.lastAt) throw new Error(`seed generator bug: ${o.number} history goes back in time`);
    return new OrderChanges(refOf(o), { at: new Date(t), causes: world.causes, ids });
  }

  /** Collects what the domain decided: history, exceptions (their SLA watched), resolutions, events. */
  function apply(o: SimOrder, changes: OrderChanges) {
    out.orderTransitions.push(...changes.transitions);
    for (const row of changes.opened) track(o, row);
    for (const { id, patch } of changes.resolved) Object.assign(exceptions.find((e) => e.id === id)!, patch);
    openByOrder.set(o.id, (openByOrder.get(o.id) ?? []).filter((e) => e.status !== 'RESOLVED'));
    for (const event of changes.events) emit({ occurredAt: changes.context.at, ...event });
    o.status = changes.status;
    o.lastAt = changes.context.at.getTime();
  }

  /** One status change, by a person or the system. */
  function transition(o: SimOrder, to: OrderStatus, t: number, actor: string, reason: string | null, rule: string | null = null) {
    apply(o, changesFor(o, t).move(to, actor, reason, rule));
  }

  /** OrderCaptured, announced before the capture's decisions. */
  function captured(o: SimOrder, t: number) {
    byCustomer.set(o.customerEmail, [...(byCustomer.get(o.customerEmail) ?? []), o]);
    emit(
      capturedEvent(
        { ...o.row, number: o.number },
        o.lines.map((l) => ({ orderLineId: l.id, productId: l.p.id, sku: l.p.sku, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor })),
        new Date(t),
      ),
    );
  }

  /** Recorded orders per customer, for the repeat-customer fact. */
  const byCustomer = new Map<string, SimOrder[]>();

  /** The facts the governance rules look at; a repeat customer has an earlier order that was not cancelled. */
  function facts(o: SimOrder): OrderFacts {
    const repeatCustomer = (byCustomer.get(o.customerEmail) ?? []).some(
      (other) => other !== o && other.createdAt <= o.createdAt && other.status !== 'CANCELLED',
    );
    return { channelCode: CHANNELS[o.channel]!.code, totalMinor: o.totalMinor, riskSignals: o.riskSignals, repeatCustomer, shipTo: o.shipTo };
  }

  /** Like the live SLA worker: an exception still open when it falls due is breached (and escalated once). */
  function track(o: SimOrder, row: workflow.ExceptionRow) {
    exceptions.push(row);
    openByOrder.set(o.id, [...(openByOrder.get(o.id) ?? []), row]);
    agenda.at(row.slaDueAt.getTime(), (tb) => {
      if (!workflow.isBreached(row, new Date(tb))) return;
      const breach = workflow.breachException(row, new Date(tb), context);
      Object.assign(row, breach.patch);
      breach.events.forEach(emit);
      if (breach.escalation) track(o, breach.escalation);
    });
  }

  function assignException(exception: workflow.ExceptionRow, assignee: string, t: number) {
    const { patch, event } = workflow.assignException(exception, assignee, assignee, new Date(t));
    Object.assign(exception, patch);
    emit(event);
  }

  /** The order's open exceptions of these causes, with the breaches raised on them (as the live actions pick them). */
  function openOf(o: SimOrder, ...causes: string[]): workflow.ExceptionRow[] {
    return openExceptionsOf(openByOrder.get(o.id) ?? [], causes.length > 0 ? new Set(causes) : null);
  }

  /** Records where the order's units were reserved, as the orders domain keeps them. */
  function recordAllocations(o: SimOrder, made: { orderLineId: string; productId: string; locationId: string; quantity: number }[], t: number) {
    for (const r of made) {
      const line = o.lines.find((l) => l.id === r.orderLineId)!;
      allocationRows.push({ row: { orderLineId: r.orderLineId, locationId: r.locationId, quantity: r.quantity }, order: o });
      line.allocs.push({ loc: LOCATIONS.findIndex((l) => l.id === r.locationId), qty: r.quantity });
    }
    emit(allocatedEvent(o, made, new Date(t)));
    o.reserved = true;
  }

  /** cancelOrder: the domain's cancellation, and the stock it held released. */
  function cancel(o: SimOrder, t: number, actor: string, reason: string) {
    stock.release(o.id, t, actor);
    o.reserved = false;
    apply(o, decideCancel(changesFor(o, t), { actor, reason, exceptions: openByOrder.get(o.id) ?? [] }));
  }

  /** releaseOrder on a held order: the domain's decision on lifting a hold. */
  function liftHold(o: SimOrder, t: number, actor: string, reason: string) {
    apply(o, decideLiftHold(changesFor(o, t), { actor, reason, holdsStock: o.reserved, rules: world.rules, exceptions: openByOrder.get(o.id) ?? [] }));
  }

  /** Writes the order, line, allocation and exception rows once the simulation has run. */
  function writeRows(orders: SimOrder[]) {
    for (const o of orders) {
      if (o.refused || o.status === null) continue;
      // Seeded orders carry no idempotency key: no channel sent them through the API.
      out.orders.push({ ...o.row, number: o.number, status: o.status, idempotencyKey: null });
      for (const l of o.lines) out.orderLines.push(l.row);
    }
    // Allocations say where an order's units are (or were) reserved; a cancelled order gave its reservations back.
    out.allocations = allocationRows.filter((a) => a.order.status !== 'CANCELLED').map((a) => a.row);
    out.orderExceptions = exceptions;
  }

  return { changesFor, apply, transition, captured, facts, assignException, openOf, recordAllocations, cancel, liftHold, writeRows };
}
