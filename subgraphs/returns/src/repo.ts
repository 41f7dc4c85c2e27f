import { and, asc, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { executeRows, refunds, returnHeaders, returnLines, type Executor } from '@opsgraph/db';
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

export type ReturnedUnits = {
  unitsReturned: number;
  returnsRequested: number;
  /** Most units first, then by reason. */
  byReason: { reason: string; units: number }[];
};

/**
 * The operations overview's returns: units and returns requested in [start, end) (ISO timestamps), rejected ones
 * excluded, in total and by reason. One statement (the total is the rollup's row).
 */
export async function returnedUnits(db: Executor, window: { start: string; end: string }): Promise<ReturnedUnits> {
  const rows = await executeRows<{ reason: string | null; units: number; returns: number; total: boolean }>(
    db,
    sql`select l.reason, coalesce(sum(l.quantity), 0)::int as units, count(distinct r.id)::int as returns,
          grouping(l.reason) = 1 as total
        from ${returnLines} l join ${returnHeaders} r on r.id = l.return_id
        where r.created_at >= ${window.start}::timestamptz and r.created_at < ${window.end}::timestamptz and r.status <> 'REJECTED'
        group by rollup (l.reason)
        order by total, units desc, l.reason`,
  );
  const total = rows.find((r) => r.total);
  return {
    unitsReturned: total?.units ?? 0,
    returnsRequested: total?.returns ?? 0,
    byReason: rows.filter((r) => !r.total).map((r) => ({ reason: r.reason!, units: r.units })),
  };
}
