import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import {
  channelProductSafetyStock,
  channelRules,
  items,
  locations,
  movements,
  positions,
  transfers,
  type Executor,
} from '@opsgraph/db';

export type LocationRow = typeof locations.$inferSelect;
export type PositionRow = typeof positions.$inferSelect;
export type MovementRow = typeof movements.$inferSelect;
export type TransferRow = typeof transfers.$inferSelect;
export type ItemRow = typeof items.$inferSelect;

export function allLocations(db: Executor): Promise<LocationRow[]> {
  return db.select().from(locations).orderBy(asc(locations.code));
}

export function locationsByIds(db: Executor, ids: readonly string[]): Promise<LocationRow[]> {
  return db.select().from(locations).where(inArray(locations.id, [...ids]));
}

export function locationsByCodes(db: Executor, codes: readonly string[]): Promise<LocationRow[]> {
  return db.select().from(locations).where(inArray(locations.code, [...codes]));
}

export function itemsBySkus(db: Executor, skus: readonly string[]): Promise<ItemRow[]> {
  return db.select().from(items).where(inArray(items.sku, [...skus]));
}

export function positionsByProductIds(db: Executor, productIds: readonly string[]): Promise<PositionRow[]> {
  return db
    .select()
    .from(positions)
    .where(inArray(positions.productId, [...productIds]))
    .orderBy(asc(positions.productId), asc(positions.locationId));
}

export function movementsByIds(db: Executor, ids: readonly number[]): Promise<MovementRow[]> {
  return db.select().from(movements).where(inArray(movements.id, [...ids]));
}

/** Ledger lines newest first, `limit + 1` rows after the cursor (a movement id). */
export function listMovements(
  db: Executor,
  page: { limit: number; beforeId: number | null; productId: string | null; locationId: string | null },
): Promise<MovementRow[]> {
  return db
    .select()
    .from(movements)
    .where(
      and(
        page.beforeId !== null ? lt(movements.id, page.beforeId) : undefined,
        page.productId ? eq(movements.productId, page.productId) : undefined,
        page.locationId ? eq(movements.locationId, page.locationId) : undefined,
      ),
    )
    .orderBy(desc(movements.id))
    .limit(page.limit + 1);
}

export function transfersByIds(db: Executor, ids: readonly string[]): Promise<TransferRow[]> {
  return db.select().from(transfers).where(inArray(transfers.id, [...ids]));
}

export function insertTransfer(db: Executor, row: typeof transfers.$inferInsert): Promise<TransferRow[]> {
  return db.insert(transfers).values(row).returning();
}

/** Marks an in-transit transfer received; returns nothing when it was not in transit (already received). */
export function markTransferReceived(db: Executor, id: string): Promise<TransferRow[]> {
  return db
    .update(transfers)
    .set({ status: 'RECEIVED', receivedAt: new Date() })
    .where(and(eq(transfers.id, id), eq(transfers.status, 'IN_TRANSIT')))
    .returning();
}

export function channelRulesByCodes(db: Executor, codes: readonly string[]) {
  return db.select().from(channelRules).where(inArray(channelRules.channelCode, [...codes]));
}

export function productSafetyStock(db: Executor, channelCodes: readonly string[], productIds: readonly string[]) {
  return db
    .select()
    .from(channelProductSafetyStock)
    .where(
      and(
        inArray(channelProductSafetyStock.channelCode, [...channelCodes]),
        inArray(channelProductSafetyStock.productId, [...productIds]),
      ),
    );
}
