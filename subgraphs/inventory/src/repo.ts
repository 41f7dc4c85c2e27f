import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import {
  channelProductSafetyStock,
  channelRules,
  channelSourcing,
  executeRows,
  inventoryEvents,
  items,
  locations,
  movements,
  positions,
  reservations,
  transfers,
  type Executor,
  type Tx,
} from '@opsgraph/db';
import { appendEventsSql, insertParts, insertSql, withParts, type DomainEvent, type TableRows } from '@opsgraph/kit';
import { inventoryEvent } from './events';
import type { StockTotals } from './availability';

export type LocationRow = typeof locations.$inferSelect;
export type PositionRow = typeof positions.$inferSelect;
export type MovementRow = typeof movements.$inferSelect;
export type TransferRow = typeof transfers.$inferSelect;
export type ItemRow = typeof items.$inferSelect;
export type ReservationRow = typeof reservations.$inferSelect;

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

export function itemsByProductIds(db: Executor, productIds: readonly string[]): Promise<ItemRow[]> {
  return db.select().from(items).where(inArray(items.productId, [...productIds]));
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

/**
 * The outbox rows a stockChanged subscription reads: stock movements, of these products and at these
 * locations when given (null: any).
 */
export function stockChangeRows(filter: { productIds: readonly string[] | null; locationIds: readonly string[] | null }): SQL {
  return and(
    eq(inventoryEvents.entityType, inventoryEvent.entityTypeOf('StockMoved')),
    filter.productIds ? inArray(sql`${inventoryEvents.payload}->>'productId'`, [...filter.productIds]) : undefined,
    filter.locationIds ? inArray(sql`${inventoryEvents.payload}->>'locationId'`, [...filter.locationIds]) : undefined,
  )!;
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

/** A channel's rules with its sourcing rows (none: it ships from every location), best node first. */
export function channelRulesWithSourcing(db: Executor, codes: readonly string[]) {
  return db
    .select({
      channelCode: channelRules.channelCode,
      safetyStock: channelRules.safetyStock,
      allowSplit: channelRules.allowSplit,
      locationId: channelSourcing.locationId,
      rank: channelSourcing.rank,
    })
    .from(channelRules)
    .leftJoin(channelSourcing, eq(channelSourcing.channelCode, channelRules.channelCode))
    .where(inArray(channelRules.channelCode, [...codes]))
    .orderBy(asc(channelRules.channelCode), asc(channelSourcing.rank), asc(channelSourcing.locationId));
}

export type ChannelRuleRow = { channelCode: string; safetyStock: number; allowSplit: boolean; locationId: string | null; rank: number | null };
export type SafetyStockRow = { channelCode: string; productId: string; safetyStock: number };

/**
 * What a reservation reads before its transaction, in one round trip: which of the products inventory knows,
 * the channel's rules with its sourcing (as channelRulesWithSourcing), its per-product safety stock, and
 * `movementIds` ids for the movements it will write (so their events can be written in the same statement).
 */
export async function reservationLookups(db: Executor, channelCode: string, productIds: readonly string[], movementIds: number) {
  const ids = sql`(select json_array_elements_text(${JSON.stringify(productIds)}::json))`;
  const [row] = await executeRows<{ known: unknown; rules: unknown; overrides: unknown; movement_ids: unknown }>(
    db,
    sql`select
      (select coalesce(json_agg(${items.productId}), '[]') from ${items} where ${items.productId} in ${ids}) as known,
      (select coalesce(json_agg(json_build_object('channelCode', ${channelRules.channelCode}, 'safetyStock', ${channelRules.safetyStock},
                'allowSplit', ${channelRules.allowSplit}, 'locationId', ${channelSourcing.locationId}, 'rank', ${channelSourcing.rank})
              order by ${channelSourcing.rank}, ${channelSourcing.locationId}), '[]')
         from ${channelRules} left join ${channelSourcing} on ${channelSourcing.channelCode} = ${channelRules.channelCode}
        where ${channelRules.channelCode} = ${channelCode}) as rules,
      (select coalesce(json_agg(json_build_object('channelCode', ${channelProductSafetyStock.channelCode}, 'productId', ${channelProductSafetyStock.productId},
                'safetyStock', ${channelProductSafetyStock.safetyStock})), '[]')
         from ${channelProductSafetyStock}
        where ${channelProductSafetyStock.channelCode} = ${channelCode} and ${channelProductSafetyStock.productId} in ${ids}) as overrides,
      (select coalesce(json_agg(nextval('inventory.movements_id_seq')), '[]') from generate_series(1, ${movementIds}::int)) as movement_ids`,
  );
  const parsed = <T>(value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as T;
  return {
    known: parsed<string[]>(row!.known),
    rules: parsed<ChannelRuleRow[]>(row!.rules),
    overrides: parsed<SafetyStockRow[]>(row!.overrides),
    movementIds: parsed<number[]>(row!.movement_ids),
  };
}

/** More movement ids, when a reservation splits lines over more nodes than reservationLookups took ids for. */
export async function takeMovementIds(tx: Tx, count: number): Promise<number[]> {
  const rows = await executeRows<{ id: string | number }>(tx, sql`select nextval('inventory.movements_id_seq') as id from generate_series(1, ${count}::int)`);
  return rows.map((r) => Number(r.id));
}

// ---- The write path of the ledger: statements per call do not grow with the number of movements. ----

/** The net change a batch of movements makes to one position. */
export type PositionChange = {
  productId: string;
  locationId: string;
  onHand: number;
  reserved: number;
  inTransit: number;
  qualityHold: number;
  damaged: number;
  returnPending: number;
};

type PositionKey = { productId: string; locationId: string };

/** Creates the positions that do not exist yet, as zeros (which pass every check). */
export async function ensurePositions(tx: Tx, keys: readonly PositionKey[]): Promise<void> {
  await tx
    .insert(positions)
    .values(keys.map(({ productId, locationId }) => ({ productId, locationId })))
    .onConflictDoNothing();
}

/** Row-locks these positions in (product, location) order: the order every writer locks positions in. */
export async function lockPositionKeys(tx: Tx, keys: readonly PositionKey[]): Promise<void> {
  const wanted = sql.join(keys.map((k) => sql`(${k.productId}, ${k.locationId})`), sql`, `);
  await tx
    .select({ productId: positions.productId })
    .from(positions)
    .where(sql`(${positions.productId}, ${positions.locationId}) in (${wanted})`)
    .orderBy(asc(positions.productId), asc(positions.locationId))
    .for('update');
}

/**
 * Every existing position of these products at these locations, row-locked in (product, location) order
 * until the transaction ends. A position that does not exist holds no stock, so there is nothing to lock.
 */
export function lockPositions(tx: Tx, productIds: readonly string[], locationIds: readonly string[]): Promise<PositionRow[]> {
  return tx
    .select()
    .from(positions)
    .where(and(inArray(positions.productId, [...productIds]), inArray(positions.locationId, [...locationIds])))
    .orderBy(asc(positions.productId), asc(positions.locationId))
    .for('update');
}

/**
 * An idempotency claim (kit's claimStatement) and then, only when it claimed the key, lockPositions, in one
 * statement. The positions are read behind `exists (select 1 from claim)`, evaluated once before the first
 * position is scanned: the key is claimed (or waited for, behind a concurrent claimer) before any stock is locked.
 */
export async function claimAndLockPositions(
  tx: Tx,
  claim: SQL,
  productIds: readonly string[],
  locationIds: readonly string[],
): Promise<{ claimed: boolean; positions: Pick<PositionRow, 'productId' | 'locationId' | 'onHand' | 'reserved'>[] }> {
  const list = (ids: readonly string[]) => sql`(select json_array_elements_text(${JSON.stringify(ids)}::json))`;
  const [row] = await executeRows<{ claimed: number; positions: unknown }>(
    tx,
    sql`with claim as (${claim}),
      locked as (
        select ${positions.productId} as product_id, ${positions.locationId} as location_id, ${positions.onHand} as on_hand, ${positions.reserved} as reserved
          from ${positions}
         where ${positions.productId} in ${list(productIds)} and ${positions.locationId} in ${list(locationIds)} and exists (select 1 from claim)
         order by ${positions.productId}, ${positions.locationId}
           for update)
      select (select count(*) from claim)::int as claimed,
             coalesce((select json_agg(json_build_object('productId', product_id, 'locationId', location_id, 'onHand', on_hand, 'reserved', reserved)
                                       order by product_id, location_id) from locked), '[]') as positions`,
  );
  const found = typeof row!.positions === 'string' ? JSON.parse(row!.positions) : row!.positions;
  return { claimed: row!.claimed > 0, positions: found };
}

/**
 * Adds each change to its position in one statement. The positions must exist; the CHECK constraints judge
 * every updated row, so an oversell fails the statement (and the transaction) instead of being written.
 */
export async function applyPositionChanges(tx: Tx, changes: readonly PositionChange[]): Promise<void> {
  const values = sql.join(
    changes.map(
      (c) =>
        sql`(${c.productId}::text, ${c.locationId}::text, ${c.onHand}::int, ${c.reserved}::int, ${c.inTransit}::int, ${c.qualityHold}::int, ${c.damaged}::int, ${c.returnPending}::int)`,
    ),
    sql`, `,
  );
  const updated = await executeRows<{ product_id: string }>(
    tx,
    sql`update ${positions} as p set
          on_hand = p.on_hand + d.on_hand,
          reserved = p.reserved + d.reserved,
          in_transit = p.in_transit + d.in_transit,
          quality_hold = p.quality_hold + d.quality_hold,
          damaged = p.damaged + d.damaged,
          return_pending = p.return_pending + d.return_pending,
          updated_at = now()
        from (values ${values}) as d(product_id, location_id, on_hand, reserved, in_transit, quality_hold, damaged, return_pending)
        where p.product_id = d.product_id and p.location_id = d.location_id
        returning p.product_id`,
  );
  // A missing position would leave the ledger and the positions apart: a bug in the caller, never data.
  if (updated.length !== changes.length) throw new Error(`Expected to update ${changes.length} positions, updated ${updated.length}.`);
}

/**
 * applyPositionChanges, insertMovements (rows with their ids) and the movements' outbox events, after `before`
 * (rows the movements reference, such as reservations), in one statement: one round trip while the position
 * locks are held. The positions must exist and be locked; a CHECK refusal fails the statement as applyPositionChanges does.
 */
export async function writeLockedMovements(
  tx: Tx,
  write: { before: TableRows<any>[]; changes: readonly PositionChange[]; movements: (typeof movements.$inferInsert)[]; events: readonly DomainEvent[] },
): Promise<void> {
  const changes = JSON.stringify(
    write.changes.map((c) => ({
      product_id: c.productId,
      location_id: c.locationId,
      on_hand: c.onHand,
      reserved: c.reserved,
      in_transit: c.inTransit,
      quality_hold: c.qualityHold,
      damaged: c.damaged,
      return_pending: c.returnPending,
    })),
  );
  const update = sql`update ${positions} as p set
          on_hand = p.on_hand + d.on_hand,
          reserved = p.reserved + d.reserved,
          in_transit = p.in_transit + d.in_transit,
          quality_hold = p.quality_hold + d.quality_hold,
          damaged = p.damaged + d.damaged,
          return_pending = p.return_pending + d.return_pending,
          updated_at = now()
        from json_to_recordset(${changes}::json)
          as d(product_id text, location_id text, on_hand int, reserved int, in_transit int, quality_hold int, damaged int, return_pending int)
        where p.product_id = d.product_id and p.location_id = d.location_id
        returning p.product_id`;
  // The position update first (w0), the outbox insert (and its lock) last.
  const parts = [update, ...insertParts(write.before), insertSql(movements, write.movements), appendEventsSql('inventory', inventoryEvents, write.events)];
  const [row] = await executeRows<{ updated: number }>(tx, sql`with ${withParts(parts)} select (select count(*) from w0)::int as updated`);
  // A missing position would leave the ledger and the positions apart: a bug in the caller, never data.
  if (row!.updated !== write.changes.length) throw new Error(`Expected to update ${write.changes.length} positions, updated ${row!.updated}.`);
}

export async function insertMovements(tx: Tx, rows: (typeof movements.$inferInsert)[]): Promise<MovementRow[]> {
  const inserted = await tx.insert(movements).values(rows).returning();
  return inserted.sort((a, b) => a.id - b.id); // ids follow the order of `rows`
}

// ---- Reservations ----

/** New reservations for writeLockedMovements' `before`. */
export const newReservationRows = (rows: (typeof reservations.$inferInsert)[]): TableRows => ({ table: reservations, rows });

/** The reservations one reserveOrderStock request made, by its idempotency key. */
export function reservationsByRequestKey(db: Executor, requestKey: string): Promise<ReservationRow[]> {
  return db.select().from(reservations).where(eq(reservations.requestKey, requestKey));
}

/**
 * Closes every ACTIVE reservation of an order (RELEASED or SHIPPED) and returns the ones it closed. The rows
 * are locked in id order first, so of two concurrent calls the second waits, then finds them closed and
 * closes nothing.
 */
export async function closeActiveReservations(tx: Tx, orderId: string, status: 'RELEASED' | 'SHIPPED'): Promise<ReservationRow[]> {
  const active = tx
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.orderId, orderId), eq(reservations.status, 'ACTIVE')))
    .orderBy(asc(reservations.id))
    .for('update');
  const closed = await tx
    .update(reservations)
    .set({ status, closedAt: sql`now()` })
    .where(and(inArray(reservations.id, active), eq(reservations.status, 'ACTIVE')))
    .returning();
  return closed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The network's stock by state, and how many products it tracks and how many have nothing available anywhere. */
export type NetworkStockRow = StockTotals & { products: number; productsOutOfStock: number };

/**
 * The operations overview's stock: every position summed, the products inventory tracks, and those with no
 * available unit (on hand minus reserved) at any location. One statement, whatever the number of positions.
 */
export async function networkStock(db: Executor): Promise<NetworkStockRow> {
  const [row] = await executeRows<NetworkStockRow>(
    db,
    sql`with totals as (
        select coalesce(sum(on_hand), 0)::int as "onHand", coalesce(sum(reserved), 0)::int as reserved,
          coalesce(sum(on_hand - reserved), 0)::int as available, coalesce(sum(in_transit), 0)::int as "inTransit",
          coalesce(sum(quality_hold), 0)::int as "qualityHold", coalesce(sum(damaged), 0)::int as damaged,
          coalesce(sum(return_pending), 0)::int as "returnPending"
        from ${positions}
      ),
      per_product as (
        select i.product_id, coalesce(sum(p.on_hand - p.reserved), 0) as available
        from ${items} i left join ${positions} p on p.product_id = i.product_id
        group by i.product_id
      ),
      products as (
        select count(*)::int as products, (count(*) filter (where available <= 0))::int as "productsOutOfStock" from per_product
      )
      select * from totals, products`,
  );
  return row!;
}
