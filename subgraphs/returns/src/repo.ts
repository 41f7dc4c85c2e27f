import { and, asc, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { refunds, returnHeaders, returnLines, type Executor } from '@opsgraph/db';
import { utcMicros, type TimeCursor } from '@opsgraph/kit';
import type { ReturnStatus } from './returnRules';

export type ReturnRow = typeof returnHeaders.$inferSelect;
export type ReturnLineRow = typeof returnLines.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

export function returnsByIds(db: Executor, ids: readonly string[]): Promise<ReturnRow[]> {
  return db.select().from(returnHeaders).where(inArray(returnHeaders.id, [...ids]));
}

export function returnsByOrderIds(db: Executor, orderIds: readonly string[]): Promise<ReturnRow[]> {
  return db
    .select()
    .from(returnHeaders)
    .where(inArray(returnHeaders.orderId, [...orderIds]))
    .orderBy(asc(returnHeaders.createdAt), asc(returnHeaders.id));
}

export function linesByReturnIds(db: Executor, returnIds: readonly string[]): Promise<ReturnLineRow[]> {
  return db
    .select()
    .from(returnLines)
    .where(inArray(returnLines.returnId, [...returnIds]))
    .orderBy(asc(returnLines.returnId), asc(returnLines.orderLineId));
}

export function refundsByReturnIds(db: Executor, returnIds: readonly string[]): Promise<RefundRow[]> {
  return db.select().from(refunds).where(inArray(refunds.returnId, [...returnIds]));
}

/** One page of returns, newest first, `limit + 1` rows so the caller can tell whether more follow. */
export function listReturns(
  db: Executor,
  page: { limit: number; after: TimeCursor | null; status: ReturnStatus | null },
): Promise<(ReturnRow & { cursorAt: string })[]> {
  return db
    .select({ ...getTableColumns(returnHeaders), cursorAt: utcMicros(returnHeaders.createdAt) })
    .from(returnHeaders)
    .where(
      and(
        page.after
          ? sql`(${returnHeaders.createdAt}, ${returnHeaders.id}) < (${page.after.at}::timestamptz, ${page.after.id})`
          : undefined,
        page.status ? eq(returnHeaders.status, page.status) : undefined,
      ),
    )
    .orderBy(desc(returnHeaders.createdAt), desc(returnHeaders.id))
    .limit(page.limit + 1);
}
