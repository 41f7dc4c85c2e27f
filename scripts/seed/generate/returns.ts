import type { refunds, returnHeaders, returnLines } from '@opsgraph/db';
import type { Deltas } from '../../../subgraphs/inventory/src/events';
import { movementDeltas } from '../../../subgraphs/inventory/src/ledger';
import * as words from '../words';
import { acct, type Books } from './finance';
import type { Stock } from './inventory';
import { CURRENCY } from './masterData';
import type { SimOrder } from './orders';
import { DAY, HOUR, MINUTE, pad, type Sim } from './simulation';

/**
 * Returns after delivery: requested, received back at the node that shipped, inspected (restocked or
 * scrapped), refunded and paid, each step an outbox event and, where money moves, a booking.
 */

export type Returns = ReturnType<typeof createReturns>;

export function createReturns(sim: Sim, stock: Stock, books: Books) {
  const { rng, agenda, out } = sim;
  let returnSeq = 0;
  let refundSeq = 0;

  function requestReturn(o: SimOrder, t: number) {
    const chosen = o.lines.length === 1 || rng.chance(0.7) ? [rng.pick(o.lines)] : rng.shuffle([...o.lines]).slice(0, 2);
    const n = ++returnSeq;
    const id = `ret_${pad(n, 6)}`;
    const number = `RMA-${100_000 + n}`;
    const header: typeof returnHeaders.$inferInsert = { id, number, orderId: o.id, status: 'REQUESTED', createdAt: new Date(t) };
    out.returns.push(header);
    const lines = chosen.map((line) => {
      // Apparel comes back mostly for size; hard goods for damage or second thoughts.
      const reason =
        line.p.category === 'APP'
          ? rng.weighted([['WRONG_SIZE', 45], ['DAMAGED', 8], ['NOT_AS_DESCRIBED', 20], ['CHANGED_MIND', 27]] as const)
          : rng.weighted([['DAMAGED', 30], ['NOT_AS_DESCRIBED', 30], ['CHANGED_MIND', 40]] as const);
      const quantity = line.quantity === 1 ? 1 : rng.chance(0.6) ? line.quantity : rng.int(1, line.quantity);
      const row: typeof returnLines.$inferInsert = { returnId: id, orderLineId: line.id, quantity, reason, disposition: null };
      out.returnLines.push(row);
      return { line, row, quantity, reason };
    });
    const event = (type: string, payload: Record<string, unknown>, at: number) =>
      out.returnsEvents.push({ entityType: 'Return', entityId: id, type, payload: { returnId: id, number, orderId: o.id, ...payload }, occurredAt: new Date(at) });
    event('ReturnRequested', { lines: lines.map((l) => ({ orderLineId: l.line.id, quantity: l.quantity, reason: l.reason })) }, t);

    agenda.at(t + rng.int(2, 8) * DAY + rng.int(0, 8 * 60) * MINUTE, (tr) => {
      const receiver = rng.pick(words.warehouseStaff);
      for (const l of lines) {
        // Units come back to the node that shipped them.
        const loc = l.line.allocs[0]!.loc;
        stock.move(l.line.p, loc, 'RETURN_RECEIPT', l.quantity, movementDeltas.returnReceipt(l.quantity), tr, receiver, { reference: number });
      }
      header.status = 'RECEIVED';
      event('ReturnReceived', {}, tr);

      agenda.at(tr + rng.int(4, 72) * HOUR, (ti) => {
        const inspector = rng.pick(words.warehouseStaff);
        let restockedCost = 0;
        for (const l of lines) {
          const scrap = l.reason === 'DAMAGED' ? rng.chance(0.7) : rng.chance(0.08);
          const disposition = scrap ? 'SCRAP' : 'RESTOCK';
          l.row.disposition = disposition;
          const loc = l.line.allocs[0]!.loc;
          const deltas: Deltas = scrap ? { returnPending: -l.quantity, damaged: l.quantity } : { returnPending: -l.quantity, onHand: l.quantity };
          stock.move(l.line.p, loc, 'DISPOSITION', l.quantity, deltas, ti, inspector, { reason: disposition, reference: number });
          if (!scrap) restockedCost += l.quantity * l.line.p.unitCostMinor;
        }
        header.status = 'INSPECTED';
        books.book(ti, 'RETURN_RESTOCK', acct.inventory, acct.cogs, restockedCost);
        event('ReturnInspected', { lines: lines.map((l) => ({ orderLineId: l.line.id, disposition: l.row.disposition })) }, ti);

        agenda.at(ti + rng.int(1, 24) * HOUR, (ta) => {
          const paid = lines.reduce((sum, l) => sum + l.quantity * l.line.unitPriceMinor, 0);
          // When every line is a change of mind, half the time a 10% restocking fee is kept.
          const restockingFee = lines.every((l) => l.reason === 'CHANGED_MIND') && rng.chance(0.5) ? Math.round(paid * 0.1) : 0;
          const amountMinor = paid - restockingFee;
          const refund: typeof refunds.$inferInsert = {
            id: `rfd_${pad(++refundSeq, 6)}`,
            returnId: id,
            currency: CURRENCY,
            amountMinor,
            status: 'APPROVED',
            createdAt: new Date(ta),
          };
          out.refunds.push(refund);
          books.book(ta, 'REFUND', acct.salesReturns, acct.refundsPayable, amountMinor);
          event('RefundApproved', { refundId: refund.id, amountMinor, currency: CURRENCY }, ta);
          agenda.at(ta + rng.int(4, 72) * HOUR, (tp) => {
            refund.status = 'PAID';
            header.status = 'REFUNDED';
            books.book(tp, 'REFUND_PAYMENT', acct.refundsPayable, acct.cash, amountMinor);
            event('ReturnRefunded', { refundId: refund.id, amountMinor, currency: CURRENCY }, tp);
          });
        });
      });
    });
  }

  return { requestReturn };
}
