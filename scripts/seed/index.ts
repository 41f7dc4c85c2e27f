import { eq, sql } from 'drizzle-orm';
import {
  allocations,
  catalogEvents,
  channelPrices,
  channelProductSafetyStock,
  channelRules,
  channelSourcing,
  channels,
  decisionRules,
  exceptionCauses,
  inventoryEvents,
  locations,
  movements,
  orderExceptions,
  orderChannels,
  orderHeaders,
  orderLines,
  orderTransitions,
  ordersEvents,
  products,
  refunds,
  reservations,
  returnHeaders,
  returnLines,
  returnsEvents,
  shipments,
  transfers,
  type Db,
  type Executor,
  type Tx,
} from '@opsgraph/db';
import { appendEvents, bulkInsert, signalCommitted } from '@opsgraph/kit';
import { ensureChartOfAccounts } from '../../subgraphs/finance/src/accounts';
import { postJournalEntry } from '../../subgraphs/finance/src/posting';
import { createCatalogProjection as createInventoryCatalogProjection } from '../../subgraphs/inventory/src/catalogProjection';
import { createCatalogProjection as createOrdersCatalogProjection } from '../../subgraphs/orders/src/catalogProjection';
import { syncOrderNumbers } from '../../subgraphs/orders/src/repo';
import { rebuildPositions, stockMovedEvent } from '../../subgraphs/inventory/src/ledger';
import { parseRules } from '../../subgraphs/orders/src/rules';
import { generateSeedData, resolveSeedOptions, type OrdersWorld, type SeedData, type SeedOptions, type TimedEvent } from './generate/index';

export { currentMinute, defaultSeedOptions, generateSeedData, resolveSeedOptions, type SeedData, type SeedOptions } from './generate/index';

/** The orders domain's rule tables, as the migrations (or an operator) left them: the seed follows the same rules. */
export async function loadOrdersWorld(db: Executor): Promise<OrdersWorld> {
  const [rules, causes] = await Promise.all([db.select().from(decisionRules), db.select().from(exceptionCauses)]);
  return { rules: parseRules(rules), causes: new Map(causes.map((c) => [c.cause, c.slaMinutes])) };
}

/** The steps `onProgress` reports, in order. */
export const seedSteps = ['generate', 'catalog', 'inventory', 'positions', 'orders', 'returns', 'finance'] as const;
export type SeedStep = (typeof seedSteps)[number];
export type SeedProgress = (step: SeedStep, done: number, total: number) => void;

export type SeedSummary = {
  seed: number;
  period: { from: string; to: string };
  products: number;
  channels: number;
  locations: number;
  movements: number;
  transfers: number;
  orders: number;
  /** Orders a channel refused at capture because its nodes could not fill them. */
  refusedOrders: number;
  orderLines: number;
  ordersByStatus: Record<string, number>;
  exceptions: number;
  openExceptions: number;
  shipments: number;
  returns: number;
  refunds: number;
  journalEntries: number;
  events: { catalog: number; inventory: number; orders: number; returns: number };
  /** Milliseconds spent in each step. */
  timings: Record<SeedStep, number>;
  durationMs: number;
};

/** Thrown when the database already holds a catalog: demo data goes only into an empty database. */
export class DatabaseNotEmptyError extends Error {
  constructor() {
    super('Refusing to seed: the database already has products. Demo data can only be loaded into an empty database.');
    this.name = 'DatabaseNotEmptyError';
  }
}

/** True when the catalog has no products, i.e. demo data may be loaded. */
export async function isEmpty(db: Executor): Promise<boolean> {
  const rows = await db.select({ id: products.id }).from(products).limit(1);
  return rows.length === 0;
}

/** Taken for the whole seed so two processes starting together cannot both load the demo. */
const SEED_LOCK = 7406010;
/** Rows per multi-row INSERT for the seed's own tables. */
const CHUNK = 1000;
/**
 * Outbox rows go through kit's `appendEvents`, like every live write, so they take the domain's outbox lock.
 * It would take any number at once; slices of this size only keep the progress bar moving.
 */
const EVENTS_CHUNK = 2000;

/**
 * Loads a deterministic demo data set (catalog, stock history, orders, returns, ledger) in one transaction:
 * all of it or nothing. Refuses a database that already has products.
 */
export async function seedDemo(db: Db, options: SeedOptions = {}, onProgress?: SeedProgress): Promise<SeedSummary> {
  const opts = resolveSeedOptions(options);
  if (!(await isEmpty(db))) throw new DatabaseNotEmptyError();
  const progress: SeedProgress = onProgress ?? (() => {});
  const timings = Object.fromEntries(seedSteps.map((s) => [s, 0])) as Record<SeedStep, number>;
  const started = performance.now();
  let mark = started;
  const lap = (step: SeedStep) => {
    const now = performance.now();
    timings[step] = Math.round(now - mark);
    mark = now;
  };

  progress('generate', 0, 1);
  const data = generateSeedData(opts, await loadOrdersWorld(db));
  progress('generate', 1, 1);
  lap('generate');

  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK}::bigint)`);
    if (!(await isEmpty(tx))) throw new DatabaseNotEmptyError();
    await writeCatalog(tx, data, progress);
    lap('catalog');
    await writeInventory(tx, data, progress);
    lap('inventory');
    progress('positions', 0, 1);
    await rebuildPositions(tx);
    progress('positions', 1, 1);
    lap('positions');
    await writeOrders(tx, data, progress);
    lap('orders');
    await writeReturns(tx, data, progress);
    lap('returns');
    await writeFinance(tx, data, progress);
    lap('finance');
  });
  for (const domain of ['catalog', 'inventory', 'orders', 'returns', 'finance']) signalCommitted(domain);

  const ordersByStatus: Record<string, number> = {};
  for (const o of data.orders) ordersByStatus[o.status] = (ordersByStatus[o.status] ?? 0) + 1;
  return {
    seed: opts.seed,
    period: { from: data.period.from.toISOString(), to: data.period.to.toISOString() },
    products: data.products.length,
    channels: data.channels.length,
    locations: data.locations.length,
    movements: data.movements.length,
    transfers: data.transfers.length,
    orders: data.orders.length,
    refusedOrders: data.refusedOrders,
    orderLines: data.orderLines.length,
    ordersByStatus,
    exceptions: data.orderExceptions.length,
    openExceptions: data.orderExceptions.filter((e) => e.status !== 'RESOLVED').length,
    shipments: data.shipments.length,
    returns: data.returns.length,
    refunds: data.refunds.length,
    journalEntries: data.postings.length,
    events: {
      catalog: data.catalogEvents.length,
      inventory: data.movements.length,
      orders: data.ordersEvents.length,
      returns: data.returnsEvents.length,
    },
    timings,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Runs `write` over `rows` in multi-row chunks, reporting progress after each. */
async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, advance: (n: number) => void, size = CHUNK) {
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await write(chunk);
    advance(chunk.length);
  }
}

function counter(step: SeedStep, total: number, progress: SeedProgress) {
  let done = 0;
  progress(step, 0, total);
  return (n: number) => {
    done += n;
    progress(step, done, total);
  };
}

async function writeCatalog(tx: Tx, data: SeedData, progress: SeedProgress) {
  const total = data.channels.length + data.products.length + data.channelPrices.length + data.catalogEvents.length + 1;
  const advance = counter('catalog', total, progress);
  await bulkInsert(tx, channels, data.channels);
  advance(data.channels.length);
  await inChunks(data.products, (chunk) => bulkInsert(tx, products, chunk), advance);
  await inChunks(data.channelPrices, (chunk) => bulkInsert(tx, channelPrices, chunk), advance);
  await inChunks(data.catalogEvents, (chunk) => appendEvents(tx, 'catalog', catalogEvents, chunk), advance, EVENTS_CHUNK);

  // Inventory and orders learn products, channels and prices from catalog events, exactly as in production. The
  // consumers' own transactions become savepoints inside this one.
  await createInventoryCatalogProjection(tx).catchUp();
  await createOrdersCatalogProjection(tx).catchUp();
  for (const rule of data.channelRules) {
    await tx.update(orderChannels).set({ onShortage: rule.onShortage }).where(eq(orderChannels.code, rule.channelCode));
  }
  advance(1);
}

async function writeInventory(tx: Tx, data: SeedData, progress: SeedProgress) {
  const advance = counter('inventory', data.movements.length * 2 + data.transfers.length + data.locations.length, progress);
  await bulkInsert(tx, locations, data.locations);
  advance(data.locations.length);
  for (const rule of data.channelRules) {
    await tx
      .update(channelRules)
      .set({ safetyStock: rule.safetyStock, allowSplit: rule.allowSplit })
      .where(eq(channelRules.channelCode, rule.channelCode));
  }
  await bulkInsert(
    tx,
    channelSourcing,
    data.channelRules.flatMap((rule) => rule.sourcing.map((s) => ({ channelCode: rule.channelCode, ...s }))),
  );
  if (data.productSafetyStock.length > 0) {
    await inChunks(data.productSafetyStock, (chunk) => bulkInsert(tx, channelProductSafetyStock, chunk), () => {});
  }
  await inChunks(data.transfers, (chunk) => bulkInsert(tx, transfers, chunk), advance);
  await inChunks(data.reservations, (chunk) => bulkInsert(tx, reservations, chunk), () => {});
  const events: TimedEvent[] = [];
  await inChunks(
    data.movements,
    async (chunk) => {
      const inserted = await bulkInsert(tx, movements, chunk, ['id', 'product_id', 'location_id']);
      chunk.forEach((row, i) => {
        const stored: typeof movements.$inferSelect = {
          id: movementId(inserted[i], row),
          productId: row.productId,
          locationId: row.locationId,
          type: row.type,
          quantity: row.quantity,
          onHandDelta: row.onHandDelta ?? 0,
          reservedDelta: row.reservedDelta ?? 0,
          inTransitDelta: row.inTransitDelta ?? 0,
          qualityHoldDelta: row.qualityHoldDelta ?? 0,
          damagedDelta: row.damagedDelta ?? 0,
          returnPendingDelta: row.returnPendingDelta ?? 0,
          reason: row.reason ?? null,
          reference: row.reference ?? null,
          transferId: row.transferId ?? null,
          reservationId: row.reservationId ?? null,
          actor: row.actor,
          occurredAt: row.occurredAt!,
        };
        // The same event the live ledger writes, stamped with when the movement happened.
        events.push({ ...stockMovedEvent(stored), occurredAt: stored.occurredAt });
      });
    },
    advance,
  );
  await inChunks(events, (chunk) => appendEvents(tx, 'inventory', inventoryEvents, chunk), advance, EVENTS_CHUNK);
}

/** The id the database gave a movement, checked against the row it was given for. */
function movementId(inserted: Record<string, unknown> | undefined, row: typeof movements.$inferInsert): number {
  if (!inserted || inserted.product_id !== row.productId || inserted.location_id !== row.locationId) {
    throw new Error('seed: inserted movements came back in a different order than they were sent');
  }
  return Number(inserted.id);
}

async function writeOrders(tx: Tx, data: SeedData, progress: SeedProgress) {
  const total =
    data.orders.length +
    data.orderLines.length +
    data.allocations.length +
    data.orderTransitions.length +
    data.orderExceptions.length +
    data.shipments.length +
    data.ordersEvents.length;
  const advance = counter('orders', total, progress);
  await inChunks(data.orders, (chunk) => bulkInsert(tx, orderHeaders, chunk), advance);
  await inChunks(data.orderLines, (chunk) => bulkInsert(tx, orderLines, chunk), advance);
  await inChunks(data.allocations, (chunk) => bulkInsert(tx, allocations, chunk), advance);
  await inChunks(data.orderTransitions, (chunk) => bulkInsert(tx, orderTransitions, chunk), advance);
  await inChunks(data.orderExceptions, (chunk) => bulkInsert(tx, orderExceptions, chunk), advance);
  await inChunks(data.shipments, (chunk) => bulkInsert(tx, shipments, chunk), advance);
  await inChunks(data.ordersEvents, (chunk) => appendEvents(tx, 'orders', ordersEvents, chunk), advance, EVENTS_CHUNK);
  // Seeded orders carry their own numbers: the next live order continues after them.
  await syncOrderNumbers(tx);
}

async function writeReturns(tx: Tx, data: SeedData, progress: SeedProgress) {
  const total = data.returns.length + data.returnLines.length + data.refunds.length + data.returnsEvents.length;
  const advance = counter('returns', total, progress);
  await inChunks(data.returns, (chunk) => bulkInsert(tx, returnHeaders, chunk), advance);
  await inChunks(data.returnLines, (chunk) => bulkInsert(tx, returnLines, chunk), advance);
  await inChunks(data.refunds, (chunk) => bulkInsert(tx, refunds, chunk), advance);
  await inChunks(data.returnsEvents, (chunk) => appendEvents(tx, 'returns', returnsEvents, chunk), advance, EVENTS_CHUNK);
}

async function writeFinance(tx: Tx, data: SeedData, progress: SeedProgress) {
  const advance = counter('finance', data.postings.length, progress);
  await ensureChartOfAccounts(tx);
  for (const posting of data.postings) {
    await postJournalEntry(tx, posting);
    advance(1);
  }
}
