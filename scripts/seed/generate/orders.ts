import type { allocations } from '@opsgraph/db';
import { movementDeltas } from '../../../subgraphs/inventory/src/ledger';
import { canTransition, type OrderStatus } from '../../../subgraphs/orders/src/lifecycle';
import * as words from '../words';
import type { SimProduct } from './catalog';
import type { Stock } from './inventory';
import { CHANNELS, CURRENCY, LOCATIONS } from './masterData';
import { HOUR, pad, type Sim } from './simulation';

/**
 * The order record: status changes (each checked against the real lifecycle and written as a transition and
 * an outbox event), exceptions, cancellation, and at the end the order, line, allocation and exception rows.
 * Deciding *when* things happen is left to intake, allocation and fulfilment.
 */

export type SimLine = { id: string; lineNo: number; p: SimProduct; quantity: number; unitPriceMinor: number; allocs: { loc: number; qty: number }[] };

export type SimException = {
  id: string;
  orderId: string;
  cause: string;
  status: 'OPEN' | 'IN_PROGRESS' | 'RESOLVED';
  openedAt: number;
  assignee: string | null;
};

export type SimOrder = {
  id: string;
  number: string;
  channel: number;
  customerName: string;
  customerEmail: string;
  repeatCustomer: boolean;
  region: 'EAST' | 'WEST';
  nyc: boolean;
  shipTo: { line1: string; city: string; postalCode: string; country: string };
  createdAt: number;
  lines: SimLine[];
  totalMinor: number;
  /** Null until captured. */
  status: OrderStatus | null;
  lastAt: number;
  reserved: boolean;
  exception: SimException | null;
  /** Set while backordered or held for stock. */
  waitingSince: number | null;
  /** Backordered units counted in purchasing's backlog, given back when the wait ends. */
  backlog: { p: SimProduct; loc: number; qty: number }[];
  carrier: string | null;
  feeMinor: number;
};

/** How long the ops team has to act on each kind of exception. */
const SLA_HOURS: Record<string, number> = { RISK_REVIEW: 4, ADDRESS_INVALID: 4, PAYMENT_HOLD: 24, BACKORDER: 24 };

export type OrderRecords = ReturnType<typeof createOrderRecords>;

export function createOrderRecords(sim: Sim, stock: Stock) {
  const { rng, out } = sim;
  const exceptions: SimException[] = [];
  const allocationRows: { row: typeof allocations.$inferInsert; order: SimOrder }[] = [];

  function transition(o: SimOrder, to: OrderStatus, t: number, actor: string, reason: string | null) {
    if (o.status !== null && !canTransition(o.status, to)) throw new Error(`seed generator bug: ${o.number} ${o.status} -> ${to}`);
    if (t <= o.lastAt && o.status !== null) throw new Error(`seed generator bug: ${o.number} history goes back in time`);
    out.orderTransitions.push({ orderId: o.id, fromStatus: o.status, toStatus: to, actor, reason, at: new Date(t) });
    out.ordersEvents.push(
      o.status === null
        ? {
            entityType: 'Order',
            entityId: o.id,
            type: 'OrderCaptured',
            payload: {
              orderId: o.id,
              number: o.number,
              channelCode: CHANNELS[o.channel]!.code,
              totalMinor: o.totalMinor,
              currency: CURRENCY,
              lines: o.lines.map((l) => ({ orderLineId: l.id, productId: l.p.id, sku: l.p.sku, quantity: l.quantity })),
            },
            occurredAt: new Date(t),
          }
        : {
            entityType: 'Order',
            entityId: o.id,
            type: 'OrderStatusChanged',
            payload: { orderId: o.id, number: o.number, from: o.status, to, actor, reason },
            occurredAt: new Date(t),
          },
    );
    o.status = to;
    o.lastAt = t;
  }

  function openException(o: SimOrder, cause: string, t: number) {
    const exception: SimException = { id: `exc_${pad(exceptions.length + 1, 6)}`, orderId: o.id, cause, status: 'OPEN', openedAt: t, assignee: null };
    exceptions.push(exception);
    o.exception = exception;
    return exception;
  }

  function resolveException(o: SimOrder, assignee: string | null) {
    if (!o.exception) return;
    o.exception.status = 'RESOLVED';
    o.exception.assignee = assignee ?? o.exception.assignee;
    o.exception = null;
  }

  function recordAllocation(o: SimOrder, line: SimLine, loc: number, qty: number) {
    allocationRows.push({ row: { orderLineId: line.id, locationId: LOCATIONS[loc]!.id, quantity: qty }, order: o });
  }

  function releaseReservations(o: SimOrder, t: number, actor: string) {
    if (!o.reserved) return;
    for (const line of o.lines) {
      for (const a of line.allocs) stock.move(line.p, a.loc, 'RELEASE', a.qty, movementDeltas.release(a.qty), t, actor, { reference: o.number });
      line.allocs = [];
    }
    o.reserved = false;
  }

  function cancel(o: SimOrder, t: number, actor: string, reason: string) {
    releaseReservations(o, t, actor);
    transition(o, 'CANCELLED', t, actor, reason);
    resolveException(o, actor);
  }

  /** Writes the order, line, allocation and exception rows once the simulation has run. */
  function writeRows(orders: SimOrder[]) {
    for (const o of orders) {
      out.orders.push({
        id: o.id,
        number: o.number,
        channelCode: CHANNELS[o.channel]!.code,
        status: o.status!,
        customerEmail: o.customerEmail,
        customerName: o.customerName,
        shipTo: o.shipTo,
        currency: CURRENCY,
        totalMinor: o.totalMinor,
        idempotencyKey: null,
        createdAt: new Date(o.createdAt),
      });
      for (const l of o.lines) {
        out.orderLines.push({ id: l.id, orderId: o.id, lineNo: l.lineNo, productId: l.p.id, sku: l.p.sku, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor });
      }
    }
    // Allocations say where an order's units are (or were) reserved; a cancelled order gave its reservations back.
    out.allocations = allocationRows.filter((a) => a.order.status !== 'CANCELLED').map((a) => a.row);
    for (const e of exceptions) {
      // Some exceptions still open at the end of history have been picked up by someone.
      if (e.status !== 'RESOLVED' && !e.assignee && rng.chance(0.4)) {
        e.status = 'IN_PROGRESS';
        e.assignee = rng.pick(words.opsStaff);
      }
      out.orderExceptions.push({
        id: e.id,
        orderId: e.orderId,
        cause: e.cause,
        status: e.status,
        openedAt: new Date(e.openedAt),
        slaDueAt: new Date(e.openedAt + SLA_HOURS[e.cause]! * HOUR),
        assignee: e.assignee,
      });
    }
  }

  return { transition, openException, resolveException, recordAllocation, cancel, writeRows };
}
