import type { reservations, transfers } from '@opsgraph/db';
import type { Deltas, MovementType } from '../../../subgraphs/inventory/src/events';
import { movementDeltas, toMovementRow } from '../../../subgraphs/inventory/src/ledger';
import type { NodeStock } from '../../../subgraphs/inventory/src/sourcing';
import * as words from '../words';
import type { Catalog, SimProduct } from './catalog';
import { acct, type Books } from './finance';
import { EAST, L, LOCATIONS, STORE, TPL, WEST } from './masterData';
import { DAY, isoDate, MINUTE, pad, roundUpTo, type Sim } from './simulation';

/**
 * Stock: which locations carry which products, the position of every (product, location), and `move`, the
 * one way positions change. `move` writes the same movement row the live ledger would, and refuses any
 * position the database's CHECK constraints would refuse, so a generator bug fails here, not at insert.
 */

export type Stock = ReturnType<typeof createStock>;

export function createStock(sim: Sim, catalog: Catalog) {
  const { rng, out } = sim;
  // One slot per (product, location), at p.index * L + loc: flat typed arrays keep large catalogs fast.
  const size = sim.opts.products * L;
  const onHand = new Int32Array(size);
  const reserved = new Int32Array(size);
  const inTransit = new Int32Array(size);
  const damaged = new Int32Array(size);
  const returnPending = new Int32Array(size);
  const stocked = new Uint8Array(size);

  // Both warehouses carry everything; the store carries some non-outdoor lines, the 3PL a third of the range.
  for (const p of catalog.products) {
    const base = p.index * L;
    stocked[base + EAST] = 1;
    stocked[base + WEST] = 1;
    if (p.category !== 'OUT' && rng.chance(0.4)) stocked[base + STORE] = 1;
    if (rng.chance(0.35)) stocked[base + TPL] = 1;
  }

  function move(
    p: SimProduct,
    loc: number,
    type: MovementType,
    quantity: number,
    deltas: Deltas,
    t: number,
    actor: string,
    extra: { reason?: string | null; reference?: string | null; transferId?: string | null; reservationId?: string | null } = {},
  ) {
    const k = p.index * L + loc;
    onHand[k]! += deltas.onHand ?? 0;
    reserved[k]! += deltas.reserved ?? 0;
    inTransit[k]! += deltas.inTransit ?? 0;
    damaged[k]! += deltas.damaged ?? 0;
    returnPending[k]! += deltas.returnPending ?? 0;
    if (reserved[k]! < 0 || reserved[k]! > onHand[k]! || inTransit[k]! < 0 || damaged[k]! < 0 || returnPending[k]! < 0) {
      throw new Error(`seed generator bug: ${type} of ${quantity} ${p.sku} at ${LOCATIONS[loc]!.code} breaks a position invariant`);
    }
    out.movements.push(
      toMovementRow({ productId: p.id, locationId: LOCATIONS[loc]!.id, type, quantity, deltas, actor, occurredAt: new Date(t), ...extra }),
    );
  }

  // Reservations as inventory records them: one per order line and node, closed by a release or a shipment.
  type Reservation = typeof reservations.$inferInsert & { p: SimProduct; loc: number };
  const byOrder = new Map<string, Reservation[]>();
  let reservationSeq = 0;

  /** Reserves planned units for an order (RESERVATION movements referencing the order); returns the reservations. */
  function reserve(
    order: { id: string; channelCode: string },
    requestKey: string,
    planned: { orderLineId: string; p: SimProduct; loc: number; quantity: number }[],
    t: number,
    actor: string,
  ) {
    const made = planned.map((a) => {
      const reservation: Reservation = {
        id: `rsv_${pad(++reservationSeq, 7)}`,
        orderId: order.id,
        orderLineId: a.orderLineId,
        productId: a.p.id,
        locationId: LOCATIONS[a.loc]!.id,
        channelCode: order.channelCode,
        quantity: a.quantity,
        status: 'ACTIVE',
        requestKey,
        createdAt: new Date(t),
        closedAt: null,
        p: a.p,
        loc: a.loc,
      };
      move(a.p, a.loc, 'RESERVATION', a.quantity, movementDeltas.reservation(a.quantity), t, actor, { reference: order.id, reservationId: reservation.id });
      return reservation;
    });
    byOrder.set(order.id, [...(byOrder.get(order.id) ?? []), ...made]);
    return made;
  }

  /** Closes the order's active reservations: released back to available, or shipped (on hand drops too). */
  function settle(orderId: string, how: 'RELEASED' | 'SHIPPED', t: number, actor: string) {
    for (const r of byOrder.get(orderId) ?? []) {
      if (r.status !== 'ACTIVE') continue;
      const q = r.quantity;
      if (how === 'RELEASED') move(r.p, r.loc, 'RELEASE', q, movementDeltas.release(q), t, actor, { reference: orderId, reservationId: r.id });
      else move(r.p, r.loc, 'SHIPMENT', q, movementDeltas.shipment(q), t, actor, { reference: orderId, reservationId: r.id });
      r.status = how;
      r.closedAt = new Date(t);
    }
  }

  /** The reservation rows, in the order they were made. */
  function reservationRows(): (typeof reservations.$inferInsert)[] {
    return [...byOrder.values()].flat().sort((a, b) => (a.id < b.id ? -1 : 1)).map(({ p: _p, loc: _loc, ...row }) => row);
  }

  return {
    move,
    reserve,
    release: (orderId: string, t: number, actor: string) => settle(orderId, 'RELEASED', t, actor),
    ship: (orderId: string, t: number, actor: string) => settle(orderId, 'SHIPPED', t, actor),
    reservationRows,
    /** The product's stock at every location, as sourcing sees it. */
    levels: (p: SimProduct): NodeStock[] =>
      LOCATIONS.map((l, loc) => ({ locationId: l.id, onHand: onHand[p.index * L + loc]!, reserved: reserved[p.index * L + loc]! })),
    isStocked: (p: SimProduct, loc: number) => stocked[p.index * L + loc] === 1,
    /** On hand and not reserved: what can still be promised or moved. */
    available: (p: SimProduct, loc: number) => onHand[p.index * L + loc]! - reserved[p.index * L + loc]!,
    inTransit: (p: SimProduct, loc: number) => inTransit[p.index * L + loc]!,
  };
}

/** Cycle counts, damage and shrinkage found on the floor, and transfers between locations. */
export function createStockControl(sim: Sim, catalog: Catalog, stock: Stock, books: Books) {
  const { rng, agenda, out } = sim;
  const products = catalog.products;
  const P = products.length;
  let transferSeq = 0;

  function adjustStock(t: number) {
    const p = products[rng.int(0, P - 1)]!;
    const stockedAt = [EAST, WEST, STORE, TPL].filter((loc) => stock.isStocked(p, loc));
    const loc = rng.pick(stockedAt);
    const reason = rng.weighted([['CYCLE_COUNT', 45], ['DAMAGED', 20], ['SHRINKAGE', 20], ['FOUND', 15]] as const);
    let delta: number;
    if (reason === 'CYCLE_COUNT') delta = rng.int(1, 3) * (rng.chance(0.55) ? -1 : 1);
    else if (reason === 'FOUND') delta = rng.int(1, 2);
    else delta = -rng.int(1, reason === 'DAMAGED' ? 2 : 3);
    if (delta < 0 && stock.available(p, loc) < -delta) return; // cannot lose what is promised to customers
    const reference = reason === 'CYCLE_COUNT' ? `CC-${isoDate(t)}-${LOCATIONS[loc]!.code}` : null;
    const actor = loc === TPL ? 'partner:flexship' : rng.pick(words.warehouseStaff);
    stock.move(p, loc, 'ADJUSTMENT', Math.abs(delta), movementDeltas.adjustment(delta), t, actor, { reason, reference });
    const value = Math.abs(delta) * p.unitCostMinor;
    if (delta < 0) books.book(t, 'WRITE_OFF', acct.writeOffs, acct.inventory, value);
    else books.book(t, 'WRITE_OFF', acct.inventory, acct.writeOffs, value);
  }

  /** Sends a few cases from the better-stocked warehouse, mostly to the store and the 3PL. */
  function startTransfer(t: number) {
    const to = rng.weighted([[STORE, 4], [TPL, 4], [EAST, 1], [WEST, 1]] as const);
    let p = products[rng.int(0, P - 1)]!;
    for (let tries = 0; tries < 10 && !stock.isStocked(p, to); tries++) p = products[rng.int(0, P - 1)]!;
    if (!stock.isStocked(p, to)) return;
    const sources = [EAST, WEST].filter((loc) => loc !== to);
    const from = sources.reduce((best, loc) => (stock.available(p, loc) > stock.available(p, best) ? loc : best), sources[0]!);
    const qty = Math.min(roundUpTo(rng.int(1, 3) * p.casePack, 1), Math.floor(stock.available(p, from) / 3));
    if (qty < 1) return;
    const id = `trf_${pad(++transferSeq, 6)}`;
    const transfer: typeof transfers.$inferInsert = {
      id,
      productId: p.id,
      fromLocationId: LOCATIONS[from]!.id,
      toLocationId: LOCATIONS[to]!.id,
      quantity: qty,
      status: 'IN_TRANSIT',
      createdAt: new Date(t),
      receivedAt: null,
    };
    out.transfers.push(transfer);
    const actor = rng.pick(words.opsStaff);
    stock.move(p, from, 'TRANSFER_OUT', qty, movementDeltas.transferOut(qty), t, actor, { reference: id, transferId: id });
    stock.move(p, to, 'TRANSFER_IN_TRANSIT', qty, movementDeltas.transferInTransit(qty), t, actor, { reference: id, transferId: id });
    agenda.at(t + rng.int(1, 5) * DAY + rng.int(0, 6 * 60) * MINUTE, (ta) => {
      const receiver = to === TPL ? 'partner:flexship' : rng.pick(words.warehouseStaff);
      stock.move(p, to, 'TRANSFER_IN', qty, movementDeltas.transferIn(qty), ta, receiver, { reference: id, transferId: id });
      transfer.status = 'RECEIVED';
      transfer.receivedAt = new Date(ta);
    });
  }

  return { adjustStock, startTransfer };
}
