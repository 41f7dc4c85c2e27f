import { inventoryIdempotencyKeys, newId, type Database } from '@opsgraph/db';
import { claimStatement, earlierClaim, signalCommitted, Validator } from '@opsgraph/kit';
import { createCatalogProjection } from './catalogProjection';
import { policiesFrom, type Policies } from './channelPolicy';
import { movementDeltas, recordLockedMovements, recordMovements, type NewMovement } from './ledger';
import * as repo from './repo';
import { planReservation, type LineRequest, type NodeStock, type Shortage } from './sourcing';

/**
 * Reservations: the stock an order holds at the nodes that will ship it. Orders calls these through the
 * service API. They are the only writers of `reserved`, which keeps the invariant the tests check: a
 * position's reserved is the sum of its ACTIVE reservations.
 */

export type ReserveOrderStock = { idempotencyKey: string; orderId: string; channel: string; lines: readonly LineRequest[] };
export type SettleOrderStock = { orderId: string; reference?: string | null };

/** A reservation as the service API shows it. */
export type StockReservation = Pick<repo.ReservationRow, 'id' | 'orderId' | 'orderLineId' | 'productId' | 'locationId' | 'quantity' | 'status'>;

/** Either every line reserved (`shortages` empty) or nothing (`reservations` empty). */
export type ReserveResult = { reservations: StockReservation[]; shortages: Shortage[] };

/** Thrown inside the transaction to roll it back, the idempotency claim included: a shortage is not a result to replay. */
class ShortOfStock extends Error {
  constructor(readonly shortages: Shortage[]) {
    super('Short of stock');
  }
}

/**
 * Reserves every line of an order at the channel's nodes, or nothing. The cheap work (validation, the
 * channel's policy) happens before the transaction; inside it the positions are locked with one ordered
 * `select ... for update`, planned in memory and written with a fixed number of statements, so the hot
 * rows are held for as short a time as the write allows.
 */
export async function reserveOrderStock(database: Database, input: ReserveOrderStock, actor: string): Promise<ReserveResult> {
  const { policies, movementIds } = await checkReserveInput(database, input);
  const productIds = [...new Set(input.lines.map((l) => l.productId))];
  const policyOf = (productId: string) => policies.policyOf(input.channel, productId)!;
  const nodes = policyOf(productIds[0]!).nodes; // one channel: the same nodes for every product
  // The request without its key and with only the fields that define it, so a replay hashes the same.
  const request = {
    orderId: input.orderId,
    channel: input.channel,
    lines: input.lines.map(({ orderLineId, productId, quantity }) => ({ orderLineId, productId, quantity })),
  };

  let made: StockReservation[] | null; // null: a replay
  try {
    made = await database.db.transaction(async (tx) => {
      // The key is claimed (with its result) before any stock is locked, in the statement that locks it: a
      // concurrent retry waits on the key, not on the stock, and a replay locks nothing. A replay finds its
      // reservations by the key they carry. A shortage throws, which unclaims the key.
      const { statement, hash } = claimStatement(inventoryIdempotencyKeys, input.idempotencyKey, 'reserveOrderStock', request, { orderId: input.orderId });
      const { claimed, positions: locked } = await repo.claimAndLockPositions(tx, statement, productIds, nodes);
      if (!claimed) {
        await earlierClaim(tx, inventoryIdempotencyKeys, input.idempotencyKey, hash);
        return null;
      }

      const stock = new Map<string, NodeStock[]>();
      for (const position of locked) stock.set(position.productId, [...(stock.get(position.productId) ?? []), position]);
      const plan = planReservation(input.lines, (productId) => stock.get(productId) ?? [], policyOf);
      if (plan.shortages.length > 0) throw new ShortOfStock(plan.shortages);

      const rows = plan.allocations.map((a) => ({
        id: newId('rsv'),
        orderId: input.orderId,
        orderLineId: a.orderLineId,
        productId: a.productId,
        locationId: a.locationId,
        channelCode: input.channel,
        quantity: a.quantity,
        requestKey: input.idempotencyKey,
      }));
      // A line split over more nodes than the ids taken up front takes the rest here (rare).
      const ids = rows.length > movementIds.length ? [...movementIds, ...(await repo.takeMovementIds(tx, rows.length - movementIds.length))] : movementIds;
      // The reservations, positions, ledger and outbox in one statement while the positions are locked.
      await recordLockedMovements(
        tx,
        rows.map((r, i) => ({ ...movementOf(r, 'RESERVATION', input.orderId, actor), id: ids[i]! })),
        { field: ['input', 'lines'], what: `stock for order ${input.orderId} changed while it was reserved` },
        [repo.newReservationRows(rows)],
      );
      return rows.map((r) => shown({ ...r, status: 'ACTIVE' as const }));
    });
  } catch (error) {
    if (error instanceof ShortOfStock) return { reservations: [], shortages: error.shortages };
    throw error;
  }
  if (made) {
    signalCommitted('inventory'); // wake in-process readers of the outbox
    return { reservations: made, shortages: [] };
  }
  // As they are now (a replay after a release shows them released), in the order the plan made them.
  const lineIndex = new Map(input.lines.map((l, i) => [l.orderLineId, i]));
  const nodeIndex = new Map(nodes.map((n, i) => [n, i]));
  const found = await repo.reservationsByRequestKey(database.db, input.idempotencyKey);
  found.sort((a, b) => lineIndex.get(a.orderLineId)! - lineIndex.get(b.orderLineId)! || (nodeIndex.get(a.locationId) ?? 0) - (nodeIndex.get(b.locationId) ?? 0));
  return { reservations: found.map(shown), shortages: [] };
}

/** Returns the order's ACTIVE reservations to available. Nothing active: nothing to do, and no error. */
export function releaseOrderStock(database: Database, input: SettleOrderStock, actor: string): Promise<StockReservation[]> {
  return settle(database, input, actor, 'RELEASED');
}

/** Ships the order's ACTIVE reservations: the units leave on hand and reserved together. */
export function shipOrderStock(database: Database, input: SettleOrderStock, actor: string): Promise<StockReservation[]> {
  return settle(database, input, actor, 'SHIPPED');
}

async function settle(
  database: Database,
  input: SettleOrderStock,
  actor: string,
  status: 'RELEASED' | 'SHIPPED',
): Promise<StockReservation[]> {
  new Validator().required(input.orderId, ['input', 'orderId'], 'An order id').done();
  const closed = await database.db.transaction(async (tx) => {
    // Closing locks the reservation rows: a concurrent call waits, then finds nothing active to close.
    const rows = await repo.closeActiveReservations(tx, input.orderId, status);
    if (rows.length === 0) return rows;
    await repo.lockPositions(tx, [...new Set(rows.map((r) => r.productId))], [...new Set(rows.map((r) => r.locationId))]);
    await recordMovements(
      tx,
      rows.map((r) => movementOf(r, status === 'SHIPPED' ? 'SHIPMENT' : 'RELEASE', input.reference ?? r.orderId, actor)),
      { field: ['input', 'orderId'], what: `the stock reserved for order ${input.orderId} is no longer there` },
      { positionsLocked: true },
    );
    return rows;
  });
  if (closed.length > 0) signalCommitted('inventory');
  return closed.map(shown);
}

function movementOf(
  reservation: { id: string; productId: string; locationId: string; quantity: number },
  type: 'RESERVATION' | 'RELEASE' | 'SHIPMENT',
  reference: string,
  actor: string,
): NewMovement {
  const deltas = { RESERVATION: movementDeltas.reservation, RELEASE: movementDeltas.release, SHIPMENT: movementDeltas.shipment }[type];
  return {
    productId: reservation.productId,
    locationId: reservation.locationId,
    type,
    quantity: reservation.quantity,
    deltas: deltas(reservation.quantity),
    reference,
    reservationId: reservation.id,
    actor,
  };
}

function shown(r: StockReservation): StockReservation {
  return { id: r.id, orderId: r.orderId, orderLineId: r.orderLineId, productId: r.productId, locationId: r.locationId, quantity: r.quantity, status: r.status };
}

/**
 * Every fault of a reserve request at once, as userErrors; the channel's policies when there is none.
 * Inventory learns products and channels from catalog events: a miss may only mean the projection is
 * behind, so it catches up once before calling anything unknown.
 */
async function checkReserveInput(database: Database, input: ReserveOrderStock): Promise<{ policies: Policies; movementIds: number[] }> {
  const validator = new Validator()
    .required(input.orderId, ['input', 'orderId'], 'An order id')
    .check(input.lines.length > 0, ['input', 'lines'], 'NO_LINES', 'An order needs at least one line to reserve stock for.');
  const seen = new Set<string>();
  input.lines.forEach((line, i) => {
    const at = ['input', 'lines', String(i)];
    validator
      .required(line.orderLineId, [...at, 'orderLineId'], 'An order line id')
      .check(!seen.has(line.orderLineId), [...at, 'orderLineId'], 'DUPLICATE_ORDER_LINE', `Order line "${line.orderLineId}" appears more than once.`)
      .quantity(line.quantity, [...at, 'quantity']);
    seen.add(line.orderLineId);
  });

  const productIds = [...new Set(input.lines.map((l) => l.productId))];
  // One round trip: known products, the channel's policy, and ids for the movements (one per line, usually).
  const lookUp = async () => {
    const found = await repo.reservationLookups(database.db, input.channel, productIds, input.lines.length);
    const policies = await policiesFrom(found.rules, found.overrides, () => repo.allLocations(database.db));
    return { known: new Set(found.known), policies, movementIds: found.movementIds };
  };
  let { known, policies, movementIds } = await lookUp();
  if (!policies.channels.has(input.channel) || known.size < productIds.length) {
    await createCatalogProjection(database.db).catchUp();
    ({ known, policies, movementIds } = await lookUp());
  }
  validator.check(policies.channels.has(input.channel), ['input', 'channel'], 'UNKNOWN_CHANNEL', `No channel has code "${input.channel}".`);
  input.lines.forEach((line, i) =>
    validator.check(known.has(line.productId), ['input', 'lines', String(i), 'productId'], 'UNKNOWN_PRODUCT', `No product has id "${line.productId}".`),
  );
  validator.done();
  return { policies, movementIds };
}
