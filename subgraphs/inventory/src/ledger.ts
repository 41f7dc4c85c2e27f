import { and, eq, sql } from 'drizzle-orm';
import { inventoryEvents, movements, positions, type Executor, type Tx } from '@opsgraph/db';
import { appendEvents, UserErrors, type DomainEvent } from '@opsgraph/kit';

export type MovementType = (typeof movements.$inferInsert)['type'];

/** How much one movement changes each bucket of a position. */
export type Deltas = {
  onHand?: number;
  reserved?: number;
  inTransit?: number;
  qualityHold?: number;
  damaged?: number;
  returnPending?: number;
};

export type NewMovement = {
  productId: string;
  locationId: string;
  type: MovementType;
  quantity: number;
  deltas: Deltas;
  reason?: string | null;
  reference?: string | null;
  transferId?: string | null;
  actor: string;
  occurredAt?: Date;
};

/** The buckets each kind of movement moves, for a positive quantity `q`. */
export const movementDeltas = {
  receipt: (q: number): Deltas => ({ onHand: q }),
  adjustment: (delta: number): Deltas => ({ onHand: delta }),
  transferOut: (q: number): Deltas => ({ onHand: -q }),
  transferInTransit: (q: number): Deltas => ({ inTransit: q }),
  transferIn: (q: number): Deltas => ({ inTransit: -q, onHand: q }),
  reservation: (q: number): Deltas => ({ reserved: q }),
  release: (q: number): Deltas => ({ reserved: -q }),
  /** Shipping consumes reserved units: they leave on hand and the reservation together. */
  shipment: (q: number): Deltas => ({ onHand: -q, reserved: -q }),
  returnReceipt: (q: number): Deltas => ({ returnPending: q }),
} satisfies Record<string, (q: number) => Deltas>;

export function toMovementRow(m: NewMovement): typeof movements.$inferInsert {
  return {
    productId: m.productId,
    locationId: m.locationId,
    type: m.type,
    quantity: m.quantity,
    onHandDelta: m.deltas.onHand ?? 0,
    reservedDelta: m.deltas.reserved ?? 0,
    inTransitDelta: m.deltas.inTransit ?? 0,
    qualityHoldDelta: m.deltas.qualityHold ?? 0,
    damagedDelta: m.deltas.damaged ?? 0,
    returnPendingDelta: m.deltas.returnPending ?? 0,
    reason: m.reason ?? null,
    reference: m.reference ?? null,
    transferId: m.transferId ?? null,
    actor: m.actor,
    occurredAt: m.occurredAt,
  };
}

/** Postgres refused a row because it broke a CHECK constraint (both drivers, wrapped or not). */
function isCheckViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23514' || e?.cause?.code === '23514';
}

/**
 * Records movements in the ledger and applies them to positions in the same transaction, one atomic update
 * per movement. The positions' CHECK constraints refuse any result that would oversell or go negative;
 * that refusal becomes an INSUFFICIENT_STOCK userError and the whole transaction rolls back.
 */
export async function recordMovements(tx: Tx, batch: NewMovement[], describe: { field: string[]; what: string }) {
  const recorded = [];
  for (const movement of batch) {
    const row = toMovementRow(movement);
    try {
      // Make sure the row exists (zeros pass every check), then move it in one conditional update: the
      // CHECK constraints are evaluated on the updated row, under its row lock.
      await tx.insert(positions).values({ productId: row.productId, locationId: row.locationId }).onConflictDoNothing();
      await tx
        .update(positions)
        .set({
          onHand: sql`${positions.onHand} + ${row.onHandDelta}`,
          reserved: sql`${positions.reserved} + ${row.reservedDelta}`,
          inTransit: sql`${positions.inTransit} + ${row.inTransitDelta}`,
          qualityHold: sql`${positions.qualityHold} + ${row.qualityHoldDelta}`,
          damaged: sql`${positions.damaged} + ${row.damagedDelta}`,
          returnPending: sql`${positions.returnPending} + ${row.returnPendingDelta}`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(positions.productId, row.productId), eq(positions.locationId, row.locationId)));
    } catch (error) {
      if (isCheckViolation(error)) {
        throw UserErrors.of(describe.field, 'INSUFFICIENT_STOCK', `Not enough stock: ${describe.what}.`);
      }
      throw error;
    }
    const [inserted] = await tx.insert(movements).values(row).returning();
    recorded.push(inserted!);
  }
  await appendEvents(tx, 'inventory', inventoryEvents, recorded.map(stockMovedEvent));
  return recorded;
}

/** The outbox event every movement writes; subscriptions and other domains read it. */
export function stockMovedEvent(m: typeof movements.$inferSelect): DomainEvent {
  return {
    entityType: 'InventoryLevel',
    entityId: levelId(m.productId, m.locationId),
    type: 'StockMoved',
    payload: {
      movementId: m.id,
      productId: m.productId,
      locationId: m.locationId,
      movementType: m.type,
      quantity: m.quantity,
      reason: m.reason,
    },
  };
}

/** InventoryLevel ids are stable and readable: the product and the location they belong to. */
export function levelId(productId: string, locationId: string): string {
  return `lvl_${productId}@${locationId}`;
}

export function parseLevelId(id: string): { productId: string; locationId: string } | null {
  const match = /^lvl_(.+)@(.+)$/.exec(id);
  return match ? { productId: match[1]!, locationId: match[2]! } : null;
}

/** Positions as the ledger says they should be: the sum of every movement's deltas. */
export function positionsFromLedger(db: Executor) {
  return db
    .select({
      productId: movements.productId,
      locationId: movements.locationId,
      onHand: sql<number>`sum(${movements.onHandDelta})::int`,
      reserved: sql<number>`sum(${movements.reservedDelta})::int`,
      inTransit: sql<number>`sum(${movements.inTransitDelta})::int`,
      qualityHold: sql<number>`sum(${movements.qualityHoldDelta})::int`,
      damaged: sql<number>`sum(${movements.damagedDelta})::int`,
      returnPending: sql<number>`sum(${movements.returnPendingDelta})::int`,
    })
    .from(movements)
    .groupBy(movements.productId, movements.locationId)
    .orderBy(movements.productId, movements.locationId);
}

/** Replaces every position with what the ledger says (after bulk loads, or to repair). */
export async function rebuildPositions(tx: Tx): Promise<number> {
  await tx.delete(positions);
  const rows = await positionsFromLedger(tx);
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(positions).values(rows.slice(i, i + 1000));
  return rows.length;
}
