import { sql } from 'drizzle-orm';
import { inventoryEvents, movements, positions, type Executor, type Tx } from '@opsgraph/db';
import { appendEvents, UserErrors, type TableRows } from '@opsgraph/kit';
import { inventoryEvent, levelId, type Deltas, type MovementType } from './events';
import * as repo from './repo';

export type NewMovement = {
  productId: string;
  locationId: string;
  type: MovementType;
  quantity: number;
  deltas: Deltas;
  reason?: string | null;
  reference?: string | null;
  transferId?: string | null;
  /** The reservation a RESERVATION, RELEASE or SHIPMENT movement belongs to. */
  reservationId?: string | null;
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
    reservationId: m.reservationId ?? null,
    actor: m.actor,
    occurredAt: m.occurredAt,
  };
}

/** Postgres refused a row because it broke a CHECK constraint (both drivers, wrapped or not). */
function isCheckViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23514' || e?.cause?.code === '23514';
}

/** The net change per position of a batch (one UPDATE cannot change a row twice). */
function netChanges(rows: (typeof movements.$inferInsert)[]): repo.PositionChange[] {
  const byPosition = new Map<string, repo.PositionChange>();
  for (const row of rows) {
    const key = `${row.productId}\u0000${row.locationId}`;
    let change = byPosition.get(key);
    if (!change) {
      change = { productId: row.productId, locationId: row.locationId, onHand: 0, reserved: 0, inTransit: 0, qualityHold: 0, damaged: 0, returnPending: 0 };
      byPosition.set(key, change);
    }
    change.onHand += row.onHandDelta ?? 0;
    change.reserved += row.reservedDelta ?? 0;
    change.inTransit += row.inTransitDelta ?? 0;
    change.qualityHold += row.qualityHoldDelta ?? 0;
    change.damaged += row.damagedDelta ?? 0;
    change.returnPending += row.returnPendingDelta ?? 0;
  }
  // A fixed order for the rows ensurePositions may create (two writers creating the same rows queue, never cross).
  return [...byPosition.values()].sort(
    (a, b) => compare(a.productId, b.productId) || compare(a.locationId, b.locationId),
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Records movements in the ledger and applies them to positions in the same transaction, with a statement
 * count that does not grow with the batch: one update of all the positions it touches, one insert of the
 * ledger lines, one of their outbox events. Positions are locked in (product, location) order (`order by`
 * in repo.ts), the order every writer uses, so two writers never wait on each other in a cycle. The positions' CHECK
 * constraints refuse any result that would oversell or go negative; that refusal becomes an
 * INSUFFICIENT_STOCK userError and the whole transaction rolls back.
 *
 * `positionsLocked`: the caller already holds the row locks of every position the batch touches (and so
 * knows they exist), which saves two statements while the locks are held.
 */
export async function recordMovements(
  tx: Tx,
  batch: NewMovement[],
  describe: { field: string[]; what: string },
  options: { positionsLocked?: boolean } = {},
) {
  if (batch.length === 0) return [];
  const rows = batch.map(toMovementRow);
  const changes = netChanges(rows);
  try {
    if (!options.positionsLocked) {
      // Rows of zeros pass every check; then take the row locks in the one order before changing anything.
      await repo.ensurePositions(tx, changes);
      if (changes.length > 1) await repo.lockPositionKeys(tx, changes);
    }
    await repo.applyPositionChanges(tx, changes);
  } catch (error) {
    if (isCheckViolation(error)) {
      throw UserErrors.of(describe.field, 'INSUFFICIENT_STOCK', `Not enough stock: ${describe.what}.`);
    }
    throw error;
  }
  const recorded = await repo.insertMovements(tx, rows);
  await appendEvents(tx, 'inventory', inventoryEvents, recorded.map((m) => stockMovedEvent(m)));
  return recorded;
}

/**
 * recordMovements for a caller that holds the locks of every position the batch touches and has ids for its
 * movements: the position changes, the ledger lines, their events and `before` (rows the movements reference)
 * in one statement. Same checks and errors as recordMovements.
 */
export async function recordLockedMovements(
  tx: Tx,
  batch: (NewMovement & { id: number })[],
  describe: { field: string[]; what: string },
  before: TableRows<any>[] = [],
): Promise<void> {
  if (batch.length === 0) return;
  const rows = batch.map((m) => ({ ...toMovementRow(m), id: m.id }));
  // toMovementRow fills every field the event reads (occurredAt is not one).
  const events = rows.map((row) => stockMovedEvent(row as typeof movements.$inferSelect));
  try {
    await repo.writeLockedMovements(tx, { before, changes: netChanges(rows), movements: rows, events });
  } catch (error) {
    if (isCheckViolation(error)) throw UserErrors.of(describe.field, 'INSUFFICIENT_STOCK', `Not enough stock: ${describe.what}.`);
    throw error;
  }
}

/** The outbox event every movement writes; subscriptions and other domains read it. */
export function stockMovedEvent(m: typeof movements.$inferSelect) {
  return inventoryEvent.of('StockMoved', levelId(m.productId, m.locationId), {
    movementId: m.id,
    productId: m.productId,
    locationId: m.locationId,
    movementType: m.type,
    quantity: m.quantity,
    deltas: {
      onHand: m.onHandDelta,
      reserved: m.reservedDelta,
      inTransit: m.inTransitDelta,
      qualityHold: m.qualityHoldDelta,
      damaged: m.damagedDelta,
      returnPending: m.returnPendingDelta,
    },
    reason: m.reason,
    reference: m.reference,
    reservationId: m.reservationId,
  });
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

/** Positions as stored, in positionsFromLedger's shape and order, so the two compare directly. */
export function storedPositions(db: Executor) {
  return db
    .select({
      productId: positions.productId,
      locationId: positions.locationId,
      onHand: positions.onHand,
      reserved: positions.reserved,
      inTransit: positions.inTransit,
      qualityHold: positions.qualityHold,
      damaged: positions.damaged,
      returnPending: positions.returnPending,
    })
    .from(positions)
    .orderBy(positions.productId, positions.locationId);
}

/** Replaces every position with what the ledger says (after bulk loads, or to repair). */
export async function rebuildPositions(tx: Tx): Promise<number> {
  await tx.delete(positions);
  const rows = await positionsFromLedger(tx);
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(positions).values(rows.slice(i, i + 1000));
  return rows.length;
}
