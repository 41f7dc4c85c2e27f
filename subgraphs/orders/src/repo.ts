import { and, asc, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import {
  allocations,
  orderExceptions,
  orderHeaders,
  orderLines,
  orderTransitions,
  shipments,
  type Executor,
} from '@opsgraph/db';
import { utcMicros, type TimeCursor } from '@opsgraph/kit';
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
