import { inventoryEvents, ordersConsumerCursors, type Db } from '@opsgraph/db';
import { inventoryEvent } from '@opsgraph/inventory/events';
import { createConsumer } from '@opsgraph/kit';
import type { OrdersDeps } from './deps';
import { SYSTEM_ACTOR } from './decisions';
import * as repo from './repo';
import { reserveForOrder } from './stockRequests';

/**
 * Backorders fill when stock arrives. Two halves, because a consumer's handler runs inside its transaction and
 * must never call inventory there: the consumer only notes which products gained sellable units; the filler,
 * outside any transaction, retries the backordered orders that wait for them.
 */
const ARRIVALS_CONSUMER = 'orders.stock-arrivals';

export function createStockArrivalsConsumer(db: Db) {
  return createConsumer({
    db,
    name: ARRIVALS_CONSUMER,
    sourceDomain: 'inventory',
    source: inventoryEvents,
    cursors: ordersConsumerCursors,
    // One statement per batch: a replay of a long history stays cheap.
    async handleBatch(tx, events) {
      const arrived = new Set<string>();
      for (const event of events) {
        if (!inventoryEvent.is(event, 'StockMoved')) continue;
        // Receipts, transfers in, releases: anything that grows on hand minus reserved may fill an order.
        const { deltas, productId } = event.payload;
        if (deltas.onHand - deltas.reserved > 0) arrived.add(productId);
      }
      await repo.noteArrivals(tx, [...arrived]);
    },
  });
}

/**
 * The first time the consumer runs it starts at the end of inventory's outbox instead of replaying its history
 * (stock that arrived before is in the positions already), and notes the products every backordered order waits
 * for, so they are offered today's stock once.
 */
export async function startArrivalsAtEnd(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    if (await repo.startConsumerAtEnd(tx, ARRIVALS_CONSUMER, inventoryEvents)) {
      await repo.noteArrivals(tx, await repo.productsOfBackorders(tx));
    }
  });
}

export type FillReport = { tried: number; filled: number };

/**
 * Offers arrived stock to backordered orders: first those of the channel that wins scarce stock (lowest
 * priority number), then the oldest. Each attempt reserves with a fresh key; an order that moved on
 * meanwhile (say, cancelled) has what was just reserved released again. An order that does not fit leaves
 * the stock to the next one. Notes are cleared once every waiting order was offered the stock.
 */
export async function fillBackorders(deps: OrdersDeps, options: { limit?: number } = {}): Promise<FillReport> {
  const limit = options.limit ?? 200;
  const notes = await repo.stockArrivalNotes(deps.db);
  if (notes.length === 0) return { tried: 0, filled: 0 };
  const waiting = await repo.backorderedOrdersFor(
    deps.db,
    notes.map((n) => n.productId),
    limit,
  );
  const report: FillReport = { tried: 0, filled: 0 };
  // What a shortage said a channel can still have of a product: later orders asking for more are not tried.
  const reservable = new Map<string, number>();
  const lines = await repo.orderLinesByOrderIds(
    deps.db,
    waiting.map((o) => o.id),
  );
  for (const order of waiting) {
    const own = lines.filter((l) => l.orderId === order.id);
    if (own.some((l) => l.quantity > (reservable.get(`${order.channelCode}|${l.productId}`) ?? Infinity))) continue;
    report.tried++;
    const attempt = await reserveForOrder(deps, order, {
      purpose: 'fill',
      key: `fill:${order.id}:${deps.ids('try')}`,
      actor: SYSTEM_ACTOR,
      reason: null,
    });
    if (attempt.kind === 'applied') {
      report.filled++;
      for (const l of own) {
        const key = `${order.channelCode}|${l.productId}`;
        if (reservable.has(key)) reservable.set(key, reservable.get(key)! - l.quantity);
      }
    }
    if (attempt.kind === 'short') {
      for (const s of attempt.shortages) reservable.set(`${order.channelCode}|${s.productId}`, s.reservable);
    }
    // Inventory is not answering: keep the notes and try again on the next pass.
    if (attempt.kind === 'unavailable') return report;
  }
  // A full page may have left orders unoffered: keep the notes for the next pass.
  if (waiting.length < limit) await repo.clearArrivals(deps.db, notes);
  return report;
}
