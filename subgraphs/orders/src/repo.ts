import { and, asc, desc, eq, exists, getTableColumns, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import {
  allocations,
  decisionRules,
  exceptionCauses,
  executeRows,
  orderChannelPrices,
  orderChannels,
  orderExceptions,
  orderHeaders,
  orderLines,
  orderProducts,
  ordersEvents,
  orderTransitions,
  ordersConsumerCursors,
  shipments,
  inventoryEvents,
  stockArrivals,
  stockRequests,
  type Executor,
  type Tx,
} from '@opsgraph/db';
import { appendEvents, appendEventsSql, insertAll, utcMicros, type DomainEvent, type TableRows, type TimeCursor } from '@opsgraph/kit';
import { orderEvent } from './events';
import type { OrderStatus } from './lifecycle';

export type OrderRow = typeof orderHeaders.$inferSelect;
/** A line carries its order's currency so prices can be shown without loading the order. */
export type OrderLineRow = typeof orderLines.$inferSelect & { currency: string };
export type AllocationRow = typeof allocations.$inferSelect;
export type TransitionRow = typeof orderTransitions.$inferSelect;
export type ExceptionRow = typeof orderExceptions.$inferSelect;
export type ShipmentRow = typeof shipments.$inferSelect;
export type ExceptionStatus = ExceptionRow['status'];

/** A row of a paged list with its sort timestamp at full (microsecond) precision, for the cursor. */
export type Paged<Row> = Row & { cursorAt: string };

export function ordersByIds(db: Executor, ids: readonly string[]): Promise<OrderRow[]> {
  return db.select().from(orderHeaders).where(inArray(orderHeaders.id, [...ids]));
}

export function ordersByNumbers(db: Executor, numbers: readonly string[]): Promise<OrderRow[]> {
  return db.select().from(orderHeaders).where(inArray(orderHeaders.number, [...numbers]));
}

/** One page of orders, newest first, `limit + 1` rows so the caller can tell whether more follow. */
export function listOrders(
  db: Executor,
  page: { limit: number; after: TimeCursor | null; status: OrderStatus | null; channelCode: string | null },
): Promise<Paged<OrderRow>[]> {
  const { after } = page;
  return db
    .select({ ...getTableColumns(orderHeaders), cursorAt: utcMicros(orderHeaders.createdAt) })
    .from(orderHeaders)
    .where(
      and(
        page.status ? eq(orderHeaders.status, page.status) : undefined,
        page.channelCode ? eq(orderHeaders.channelCode, page.channelCode) : undefined,
        after ? sql`(${orderHeaders.createdAt}, ${orderHeaders.id}) < (${after.at}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(orderHeaders.createdAt), desc(orderHeaders.id))
    .limit(page.limit + 1);
}

const lineColumns = { ...getTableColumns(orderLines), currency: orderHeaders.currency };

export function orderLinesByIds(db: Executor, ids: readonly string[]): Promise<OrderLineRow[]> {
  return db
    .select(lineColumns)
    .from(orderLines)
    .innerJoin(orderHeaders, eq(orderHeaders.id, orderLines.orderId))
    .where(inArray(orderLines.id, [...ids]));
}

export function orderLinesByOrderIds(db: Executor, orderIds: readonly string[]): Promise<OrderLineRow[]> {
  return db
    .select(lineColumns)
    .from(orderLines)
    .innerJoin(orderHeaders, eq(orderHeaders.id, orderLines.orderId))
    .where(inArray(orderLines.orderId, [...orderIds]))
    .orderBy(asc(orderLines.orderId), asc(orderLines.lineNo));
}

export function allocationsByLineIds(db: Executor, lineIds: readonly string[]): Promise<AllocationRow[]> {
  return db
    .select()
    .from(allocations)
    .where(inArray(allocations.orderLineId, [...lineIds]))
    .orderBy(asc(allocations.id));
}

/** The audit trail in the order it was written (ids are a sequence; timestamps can tie within a transaction). */
export function transitionsByOrderIds(db: Executor, orderIds: readonly string[]): Promise<TransitionRow[]> {
  return db
    .select()
    .from(orderTransitions)
    .where(inArray(orderTransitions.orderId, [...orderIds]))
    .orderBy(asc(orderTransitions.orderId), asc(orderTransitions.id));
}

/** The outbox rows an orderExceptionChanged subscription reads: every event about an exception. */
export function exceptionChangeRows(): SQL {
  return eq(ordersEvents.entityType, orderEvent.entityTypeOf('ExceptionOpened'));
}

export function exceptionsByIds(db: Executor, ids: readonly string[]): Promise<ExceptionRow[]> {
  return db.select().from(orderExceptions).where(inArray(orderExceptions.id, [...ids]));
}

export function exceptionsByOrderIds(db: Executor, orderIds: readonly string[]): Promise<ExceptionRow[]> {
  return db
    .select()
    .from(orderExceptions)
    .where(inArray(orderExceptions.orderId, [...orderIds]))
    .orderBy(asc(orderExceptions.openedAt), asc(orderExceptions.id));
}

/** One page of the exception queue, oldest first, `limit + 1` rows. */
export function listExceptions(
  db: Executor,
  page: { limit: number; after: TimeCursor | null; status: ExceptionStatus | null; cause: string | null },
): Promise<Paged<ExceptionRow>[]> {
  const { after } = page;
  return db
    .select({ ...getTableColumns(orderExceptions), cursorAt: utcMicros(orderExceptions.openedAt) })
    .from(orderExceptions)
    .where(
      and(
        page.status ? eq(orderExceptions.status, page.status) : undefined,
        page.cause ? eq(orderExceptions.cause, page.cause) : undefined,
        after ? sql`(${orderExceptions.openedAt}, ${orderExceptions.id}) > (${after.at}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(orderExceptions.openedAt), asc(orderExceptions.id))
    .limit(page.limit + 1);
}

export function shipmentsByOrderIds(db: Executor, orderIds: readonly string[]): Promise<ShipmentRow[]> {
  return db
    .select()
    .from(shipments)
    .where(inArray(shipments.orderId, [...orderIds]))
    .orderBy(asc(shipments.shippedAt), asc(shipments.id));
}

// ---- Settings: governance rules and exception causes (data, edited with SQL) ----

export function decisionRuleRows(db: Executor) {
  return db.select().from(decisionRules);
}

export function exceptionCauseRows(db: Executor) {
  return db.select().from(exceptionCauses);
}

// ---- Orders' projection of the catalog ----

export type ChannelRow = typeof orderChannels.$inferSelect;
export type CaptureProductRow = typeof orderProducts.$inferSelect & { channelPriceMinor: number | null };

export async function channelByCode(db: Executor, code: string): Promise<ChannelRow | null> {
  const [row] = await db.select().from(orderChannels).where(eq(orderChannels.code, code));
  return row ?? null;
}

/** The products with these SKUs, each with its price on the channel when it has one. */
export function productsForCapture(db: Executor, channelCode: string, skus: readonly string[]): Promise<CaptureProductRow[]> {
  return db
    .select({ ...getTableColumns(orderProducts), channelPriceMinor: orderChannelPrices.priceMinor })
    .from(orderProducts)
    .leftJoin(
      orderChannelPrices,
      and(eq(orderChannelPrices.productId, orderProducts.productId), eq(orderChannelPrices.channelCode, channelCode)),
    )
    .where(inArray(orderProducts.sku, [...skus]));
}

export async function projectProduct(tx: Tx, row: typeof orderProducts.$inferInsert) {
  await tx
    .insert(orderProducts)
    .values(row)
    .onConflictDoUpdate({ target: orderProducts.productId, set: { sku: row.sku, currency: row.currency, priceMinor: row.priceMinor } });
}

/** The catalog's fields of a channel; orders' own policy (on_shortage) is kept when the channel is known. */
export async function projectChannel(tx: Tx, row: Omit<typeof orderChannels.$inferInsert, 'onShortage'>) {
  await tx
    .insert(orderChannels)
    .values(row)
    .onConflictDoUpdate({
      target: orderChannels.code,
      set: { channelId: row.channelId, name: row.name, priority: row.priority, currency: row.currency },
    });
}

export async function projectChannelPrice(tx: Tx, row: typeof orderChannelPrices.$inferInsert) {
  await tx
    .insert(orderChannelPrices)
    .values(row)
    .onConflictDoUpdate({ target: [orderChannelPrices.channelCode, orderChannelPrices.productId], set: { priceMinor: row.priceMinor } });
}

// ---- Capture ----

/**
 * A repeat customer: an earlier order with this email that was not cancelled (earlier than `order` when the
 * order in question is recorded already).
 */
export async function hasEarlierOrder(db: Executor, email: string, order?: { id: string; createdAt: Date }): Promise<boolean> {
  const rows = await db
    .select({ id: orderHeaders.id })
    .from(orderHeaders)
    .where(
      and(
        eq(orderHeaders.customerEmail, email),
        ne(orderHeaders.status, 'CANCELLED'),
        order ? and(ne(orderHeaders.id, order.id), lte(orderHeaders.createdAt, order.createdAt)) : undefined,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** New rows for writeChanges' `with`: an order, its lines, allocations. */
export const newOrderRows = (rows: (typeof orderHeaders.$inferInsert)[]): TableRows => ({ table: orderHeaders, rows });
export const newLineRows = (rows: (typeof orderLines.$inferInsert)[]): TableRows => ({ table: orderLines, rows });
export const newAllocationRows = (rows: (typeof allocations.$inferInsert)[]): TableRows => ({ table: allocations, rows });

/** A cancelled order holds no stock: its allocations go (the OrderAllocated events keep what they were). */
export async function deleteAllocationsOfOrder(tx: Tx, orderId: string) {
  await tx
    .delete(allocations)
    .where(inArray(allocations.orderLineId, tx.select({ id: orderLines.id }).from(orderLines).where(eq(orderLines.orderId, orderId))));
}

export function allocationsOfOrder(db: Executor, orderId: string): Promise<(AllocationRow & { productId: string })[]> {
  return db
    .select({ ...getTableColumns(allocations), productId: orderLines.productId })
    .from(allocations)
    .innerJoin(orderLines, eq(orderLines.id, allocations.orderLineId))
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(allocations.id));
}

// ---- Workflow writes ----

/** The order, locked until the transaction ends: workflow changes to one order take turns. */
export async function lockOrder(tx: Tx, id: string): Promise<OrderRow | null> {
  const [row] = await tx.select().from(orderHeaders).where(eq(orderHeaders.id, id)).for('update');
  return row ?? null;
}

export async function setOrderStatus(tx: Tx, id: string, status: OrderStatus) {
  await tx.update(orderHeaders).set({ status }).where(eq(orderHeaders.id, id));
}

export async function lockException(tx: Tx, id: string): Promise<ExceptionRow | null> {
  const [row] = await tx.select().from(orderExceptions).where(eq(orderExceptions.id, id)).for('update');
  return row ?? null;
}

export async function insertShipment(tx: Tx, row: typeof shipments.$inferInsert) {
  await tx.insert(shipments).values(row);
}

/**
 * Writes what the workflow decided (history rows, new and resolved exceptions) with any other new rows of the
 * change (`with`: an order, its lines, allocations), then its events, last, so the outbox lock is held as
 * briefly as possible. New rows of every table go in one statement.
 */
export async function writeChanges(
  tx: Tx,
  changes: {
    transitions: (typeof orderTransitions.$inferInsert)[];
    opened: (typeof orderExceptions.$inferInsert)[];
    resolved: { id: string; patch: Partial<typeof orderExceptions.$inferInsert> }[];
    events: DomainEvent[];
  },
  withRows: TableRows<any>[] = [],
) {
  const inserts = [...withRows, { table: orderTransitions, rows: changes.transitions }, { table: orderExceptions, rows: changes.opened }];
  if (changes.resolved.length === 0 && changes.events.length > 0) {
    // Nothing to update between the inserts and the outbox: both in one statement (one round trip).
    await insertAll(tx, [...inserts, appendEventsSql('orders', ordersEvents, changes.events)]);
    return;
  }
  await insertAll(tx, inserts);
  for (const { id, patch } of changes.resolved) await tx.update(orderExceptions).set(patch).where(eq(orderExceptions.id, id));
  await appendEvents(tx, 'orders', ordersEvents, changes.events);
}

export async function updateException(tx: Tx, id: string, patch: Partial<typeof orderExceptions.$inferInsert>) {
  await tx.update(orderExceptions).set(patch).where(eq(orderExceptions.id, id));
}

// ---- Calls to inventory, written before they are made (see stock_requests) ----

export type StockRequestRow = typeof stockRequests.$inferSelect;

/** Claims the key; null when a request with this key exists already (read it with stockRequestByKey). */
export async function insertStockRequest(db: Executor, row: typeof stockRequests.$inferInsert): Promise<StockRequestRow | null> {
  const [inserted] = await db.insert(stockRequests).values(row).onConflictDoNothing({ target: stockRequests.key }).returning();
  return inserted ?? null;
}

export async function stockRequestByKey(db: Executor, key: string): Promise<StockRequestRow | null> {
  const [row] = await db.select().from(stockRequests).where(eq(stockRequests.key, key));
  return row ?? null;
}

/**
 * Marks a pending request done and locks it for the rest of the transaction; null when it is no longer
 * pending (someone else finished it, or it was withdrawn). Of two finishers, exactly one gets the row.
 */
export async function completeStockRequest(tx: Tx, key: string, at: Date): Promise<StockRequestRow | null> {
  const [row] = await tx
    .update(stockRequests)
    .set({ status: 'DONE', updatedAt: at, lastError: null })
    .where(and(eq(stockRequests.key, key), eq(stockRequests.status, 'PENDING')))
    .returning();
  return row ?? null;
}

/**
 * completeStockRequest for a new order's reservation, in the same round trip taking the order's number (only
 * when this caller is the one that records it) and telling whether the customer is a repeat one (an earlier
 * order with this email that was not cancelled).
 */
export async function completePlaceRequest(
  tx: Tx,
  key: string,
  at: Date,
  customerEmail: string,
): Promise<{ orderId: string; number: string; repeatCustomer: boolean } | null> {
  const [row] = await tx
    .update(stockRequests)
    .set({ status: 'DONE', updatedAt: at, lastError: null })
    .where(and(eq(stockRequests.key, key), eq(stockRequests.status, 'PENDING')))
    .returning({
      orderId: stockRequests.orderId,
      number: sql<string>`'SO-' || nextval('orders.order_numbers')`,
      repeatCustomer: sql<boolean>`exists (select 1 from ${orderHeaders} where ${orderHeaders.customerEmail} = ${customerEmail} and ${orderHeaders.status} <> 'CANCELLED')`,
    });
  return row ?? null;
}

/** Done outside a transaction (a release or shipment inventory confirmed); `note` keeps why, if it was refused. */
export async function markStockRequestDone(db: Executor, key: string, at: Date, note: string | null = null) {
  await db
    .update(stockRequests)
    .set({ status: 'DONE', updatedAt: at, lastError: note })
    .where(and(eq(stockRequests.key, key), eq(stockRequests.status, 'PENDING')));
}

/** A request that had no effect (refused, or short and nothing reserved) is forgotten, leaving its key unused. */
export async function deleteStockRequest(db: Executor, key: string) {
  await db.delete(stockRequests).where(and(eq(stockRequests.key, key), eq(stockRequests.status, 'PENDING')));
}

export async function noteStockRequestFailure(db: Executor, key: string, error: string, at: Date) {
  await db.update(stockRequests).set({ lastError: error.slice(0, 1000), updatedAt: at }).where(eq(stockRequests.key, key));
}

/**
 * Pending requests untouched since `cutoff`, claimed for one reconciler pass: touching them (attempts + 1)
 * makes other replicas pass them over until the grace period has gone by again.
 */
export function claimStaleStockRequests(db: Executor, page: { cutoff: Date; now: Date; limit: number }): Promise<StockRequestRow[]> {
  const stale = db
    .select({ key: stockRequests.key })
    .from(stockRequests)
    .where(and(eq(stockRequests.status, 'PENDING'), lte(stockRequests.updatedAt, page.cutoff)))
    .orderBy(asc(stockRequests.createdAt))
    .limit(page.limit)
    .for('update', { skipLocked: true });
  return db
    .update(stockRequests)
    .set({ attempts: sql`${stockRequests.attempts} + 1`, updatedAt: page.now })
    .where(inArray(stockRequests.key, stale))
    .returning();
}

// ---- Backorders ----

/** Notes products whose sellable stock went up; a newer note replaces an older one (see clearArrivals). */
export async function noteArrivals(tx: Tx, productIds: readonly string[]) {
  if (productIds.length === 0) return;
  await tx
    .insert(stockArrivals)
    .values(productIds.map((productId) => ({ productId })))
    .onConflictDoUpdate({ target: stockArrivals.productId, set: { noticedAt: sql`now()` } });
}

/** Sets a consumer's cursor to the end of its source's outbox, if it has none yet; says whether it did. */
export async function startConsumerAtEnd(tx: Tx, consumer: string, source: typeof inventoryEvents): Promise<boolean> {
  const inserted = await tx
    .insert(ordersConsumerCursors)
    .select(tx.select({ consumer: sql<string>`${consumer}`.as('consumer'), lastSeq: sql<number>`coalesce(max(${source.seq}), 0)`.as('last_seq'), updatedAt: sql<Date>`now()`.as('updated_at') }).from(source))
    .onConflictDoNothing()
    .returning({ consumer: ordersConsumerCursors.consumer });
  return inserted.length > 0;
}

/** Every product a backordered order waits for. */
export async function productsOfBackorders(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ productId: orderLines.productId })
    .from(orderLines)
    .innerJoin(orderHeaders, eq(orderHeaders.id, orderLines.orderId))
    .where(eq(orderHeaders.status, 'BACKORDERED'));
  return rows.map((r) => r.productId);
}

/** Arrival notes as read, with their stamp at full precision so clearing one never clears a newer note. */
export type ArrivalNote = { productId: string; stamp: string };

export function stockArrivalNotes(db: Executor): Promise<ArrivalNote[]> {
  return db.select({ productId: stockArrivals.productId, stamp: utcMicros(stockArrivals.noticedAt) }).from(stockArrivals);
}

export async function clearArrivals(db: Executor, notes: readonly ArrivalNote[]) {
  if (notes.length === 0) return;
  await db.execute(sql`delete from ${stockArrivals} a using json_to_recordset(${JSON.stringify(notes)}::json) as r("productId" text, stamp timestamptz)
    where a.product_id = r."productId" and a.noticed_at = r.stamp`);
}

/** Backordered orders waiting for any of these products: first the channel that wins scarce stock, then the oldest. */
export function backorderedOrdersFor(db: Executor, productIds: readonly string[], limit: number): Promise<OrderRow[]> {
  return db
    .select(getTableColumns(orderHeaders))
    .from(orderHeaders)
    .leftJoin(orderChannels, eq(orderChannels.code, orderHeaders.channelCode))
    .where(
      and(
        eq(orderHeaders.status, 'BACKORDERED'),
        exists(
          db
            .select({ one: sql`1` })
            .from(orderLines)
            .where(and(eq(orderLines.orderId, orderHeaders.id), inArray(orderLines.productId, [...productIds]))),
        ),
      ),
    )
    .orderBy(sql`${orderChannels.priority} asc nulls last`, asc(orderHeaders.createdAt), asc(orderHeaders.id))
    .limit(limit);
}

// ---- SLA ----

/** Open exceptions whose due time has passed and whose breach is not raised yet. */
export function dueExceptionIds(db: Executor, now: Date, limit: number): Promise<{ id: string }[]> {
  return db
    .select({ id: orderExceptions.id })
    .from(orderExceptions)
    .where(and(ne(orderExceptions.status, 'RESOLVED'), isNull(orderExceptions.breachedAt), lte(orderExceptions.slaDueAt, now)))
    .orderBy(asc(orderExceptions.slaDueAt))
    .limit(limit);
}

/** Marks them breached, each once: of several replicas only the one whose update finds `breached_at` null gets a row. */
export function markBreached(tx: Tx, ids: readonly string[], at: Date): Promise<ExceptionRow[]> {
  return tx
    .update(orderExceptions)
    .set({ breachedAt: at })
    .where(
      and(
        inArray(orderExceptions.id, [...ids]),
        isNull(orderExceptions.breachedAt),
        ne(orderExceptions.status, 'RESOLVED'),
        lte(orderExceptions.slaDueAt, at),
      ),
    )
    .returning();
}

/**
 * Moves the order-number sequence past numbers written without it (a bulk load). Only ever forward, and only
 * when such numbers exist, so replicas taking orders meanwhile are never handed a number twice.
 */
export async function syncOrderNumbers(db: Executor) {
  await executeRows(
    db,
    sql`select setval('orders.order_numbers', m) from (
          select max(substring(number from 4)::bigint) as m from ${orderHeaders} where number ~ '^SO-[0-9]{1,18}$'
        ) highest
        where m >= (select case when is_called then last_value + 1 else last_value end from orders.order_numbers)`,
  );
}

// ---- Operations overview (definitions in schema.graphql's OpsOverview; overview.ts turns counts into rates) ----

/** [start, end): ISO timestamps, as the overview's key carries them. */
export type TimeWindow = { start: string; end: string };

/** What every rate of the overview is made of, for one window, week or channel. */
export type FulfilmentCounts = {
  ordersPlaced: number;
  unitsOrdered: number;
  /** Units on placed orders that reached ALLOCATED, RELEASED or BACKORDERED. */
  unitsSourced: number;
  /** Of unitsSourced, the units on orders that never were BACKORDERED. */
  unitsFilled: number;
  ordersShipped: number;
  unitsShipped: number;
  perfectOrders: number;
  /** Median hours from placement to shipment; null when nothing shipped. */
  cycleTimeHoursP50: number | null;
};

export type OverviewCounts = FulfilmentCounts & {
  backorderedUnits: number;
  backorderedOrders: number;
  openExceptions: number;
  openExceptionsPastDue: number;
};

export type WeekCounts = FulfilmentCounts & { weekStart: string; exceptionsOpened: number };
export type ChannelCounts = FulfilmentCounts & { channelCode: string; backorderedUnits: number; backorderedOrders: number; openExceptions: number };

/**
 * The orders placed in [from, to) with their units, whether they were sourced and whether they ever waited
 * as a backorder; and the orders shipped in [from, to) (their first shipment) with their units, hours from
 * placement to shipment and whether they were perfect (no exception ever, shipped within `onTimeHours`).
 */
function fulfilmentCtes(from: SQL, to: SQL, onTimeHours: number): SQL {
  return sql`placed as (
      select o.id, o.channel_code, o.created_at,
        coalesce((select sum(l.quantity) from ${orderLines} l where l.order_id = o.id), 0)::int as units,
        exists (select 1 from ${orderTransitions} t where t.order_id = o.id and t.to_status in ('ALLOCATED', 'RELEASED', 'BACKORDERED')) as sourced,
        exists (select 1 from ${orderTransitions} t where t.order_id = o.id and t.to_status = 'BACKORDERED') as short
      from ${orderHeaders} o
      where o.created_at >= ${from} and o.created_at < ${to}
    ),
    shipped as (
      select o.id, o.channel_code, s.shipped_at,
        coalesce((select sum(l.quantity) from ${orderLines} l where l.order_id = o.id), 0)::int as units,
        (extract(epoch from (s.shipped_at - o.created_at)) / 3600)::float8 as hours,
        not exists (select 1 from ${orderExceptions} e where e.order_id = o.id)
          and s.shipped_at - o.created_at <= make_interval(hours => ${onTimeHours}::int) as perfect
      from ${shipments} s
      join ${orderHeaders} o on o.id = s.order_id
      where s.shipped_at >= ${from} and s.shipped_at < ${to}
        and not exists (select 1 from ${shipments} e where e.order_id = s.order_id and (e.shipped_at, e.id) < (s.shipped_at, s.id))
    )`;
}

/** An ISO timestamp as a timestamptz parameter. */
const at = (iso: string) => sql`${iso}::timestamptz`;

const placedColumns = sql`count(*)::int as "ordersPlaced",
  coalesce(sum(units), 0)::int as "unitsOrdered",
  coalesce(sum(units) filter (where sourced), 0)::int as "unitsSourced",
  coalesce(sum(units) filter (where sourced and not short), 0)::int as "unitsFilled"`;

const shippedColumns = sql`count(*)::int as "ordersShipped",
  coalesce(sum(units), 0)::int as "unitsShipped",
  (count(*) filter (where perfect))::int as "perfectOrders",
  (percentile_cont(0.5) within group (order by hours))::float8 as "cycleTimeHoursP50"`;

/** The overview's figures for one window, and the backorders and open exceptions now (at `window.end`): one statement. */
export async function overviewCounts(db: Executor, window: TimeWindow, onTimeHours: number): Promise<OverviewCounts> {
  const [row] = await executeRows<OverviewCounts>(
    db,
    sql`with ${fulfilmentCtes(at(window.start), at(window.end), onTimeHours)},
      p as (select ${placedColumns} from placed),
      s as (select ${shippedColumns} from shipped),
      b as (select count(distinct o.id)::int as "backorderedOrders", coalesce(sum(l.quantity), 0)::int as "backorderedUnits"
            from ${orderHeaders} o join ${orderLines} l on l.order_id = o.id where o.status = 'BACKORDERED'),
      e as (select count(*)::int as "openExceptions",
                   (count(*) filter (where sla_due_at <= ${at(window.end)}))::int as "openExceptionsPastDue"
            from ${orderExceptions} where status <> 'RESOLVED')
      select * from p, s, b, e`,
  );
  return row!;
}

/**
 * The last `weeks` weeks (Monday 00:00 UTC, oldest first) up to `end`, the last one the week `end` falls in:
 * orders placed and shipped in each, exceptions opened. One statement.
 */
export function weeklyCounts(db: Executor, end: string, weeks: number, onTimeHours: number): Promise<WeekCounts[]> {
  // Weeks are reckoned in UTC wall time (timestamp without time zone), whatever the session's time zone.
  const lastWeek = sql`date_trunc('week', ${end}::timestamptz at time zone 'UTC')`;
  const firstWeek = sql`(${lastWeek} - make_interval(weeks => ${weeks - 1}::int))`;
  const weekOf = (column: SQL) => sql`date_trunc('week', ${column} at time zone 'UTC')`;
  return executeRows<WeekCounts>(
    db,
    sql`with weeks as (select generate_series(${firstWeek}, ${lastWeek}, interval '1 week') as week),
      ${fulfilmentCtes(sql`(${firstWeek} at time zone 'UTC')`, at(end), onTimeHours)},
      p as (select ${weekOf(sql`created_at`)} as week, ${placedColumns} from placed group by 1),
      s as (select ${weekOf(sql`shipped_at`)} as week, ${shippedColumns} from shipped group by 1),
      e as (select ${weekOf(sql`opened_at`)} as week, count(*)::int as "exceptionsOpened" from ${orderExceptions}
            where opened_at >= (${firstWeek} at time zone 'UTC') and opened_at < ${at(end)} group by 1)
      select to_char(weeks.week, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "weekStart",
        coalesce(p."ordersPlaced", 0) as "ordersPlaced", coalesce(p."unitsOrdered", 0) as "unitsOrdered",
        coalesce(p."unitsSourced", 0) as "unitsSourced", coalesce(p."unitsFilled", 0) as "unitsFilled",
        coalesce(s."ordersShipped", 0) as "ordersShipped", coalesce(s."unitsShipped", 0) as "unitsShipped",
        coalesce(s."perfectOrders", 0) as "perfectOrders", s."cycleTimeHoursP50",
        coalesce(e."exceptionsOpened", 0) as "exceptionsOpened"
      from weeks left join p using (week) left join s using (week) left join e using (week)
      order by weeks.week`,
  );
}

/** The window's figures per channel orders knows (best priority first), and each one's backorders and open exceptions now. One statement. */
export function channelCounts(db: Executor, window: TimeWindow, onTimeHours: number): Promise<ChannelCounts[]> {
  return executeRows<ChannelCounts>(
    db,
    sql`with ${fulfilmentCtes(at(window.start), at(window.end), onTimeHours)},
      p as (select channel_code, ${placedColumns} from placed group by 1),
      s as (select channel_code, ${shippedColumns} from shipped group by 1),
      b as (select o.channel_code, count(distinct o.id)::int as "backorderedOrders", sum(l.quantity)::int as "backorderedUnits"
            from ${orderHeaders} o join ${orderLines} l on l.order_id = o.id where o.status = 'BACKORDERED' group by 1),
      e as (select o.channel_code, count(*)::int as "openExceptions"
            from ${orderExceptions} x join ${orderHeaders} o on o.id = x.order_id where x.status <> 'RESOLVED' group by 1)
      select c.code as "channelCode",
        coalesce(p."ordersPlaced", 0) as "ordersPlaced", coalesce(p."unitsOrdered", 0) as "unitsOrdered",
        coalesce(p."unitsSourced", 0) as "unitsSourced", coalesce(p."unitsFilled", 0) as "unitsFilled",
        coalesce(s."ordersShipped", 0) as "ordersShipped", coalesce(s."unitsShipped", 0) as "unitsShipped",
        coalesce(s."perfectOrders", 0) as "perfectOrders", s."cycleTimeHoursP50",
        coalesce(b."backorderedUnits", 0) as "backorderedUnits", coalesce(b."backorderedOrders", 0) as "backorderedOrders",
        coalesce(e."openExceptions", 0) as "openExceptions"
      from ${orderChannels} c
      left join p on p.channel_code = c.code left join s on s.channel_code = c.code
      left join b on b.channel_code = c.code left join e on e.channel_code = c.code
      order by c.priority, c.code`,
  );
}
