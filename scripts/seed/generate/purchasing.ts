import { movementDeltas } from '../../../subgraphs/inventory/src/ledger';
import * as words from '../words';
import type { Catalog, SimProduct } from './catalog';
import { acct, type Books } from './finance';
import type { Stock } from './inventory';
import { L, STORE, TPL } from './masterData';
import { DAY, MINUTE, roundUpTo, type Sim } from './simulation';

/**
 * Replenishment: a daily reorder-point run per location, purchase orders grouped by supplier, receipts when
 * they arrive, and the supplier paid 30 days later. Reorder points and targets come from each product's
 * expected demand at each location.
 */

export type Purchasing = ReturnType<typeof createPurchasing>;

export function createPurchasing(sim: Sim, catalog: Catalog, stock: Stock, books: Books) {
  const { opts, rng, agenda } = sim;
  const products = catalog.products;
  // Indexed like stock positions: p.index * L + loc.
  const onOrder = new Int32Array(opts.products * L);
  /** Units waiting orders need, so purchasing orders them too. */
  const backlog = new Int32Array(opts.products * L);
  const reorderPoint = new Int32Array(opts.products * L);
  const orderUpTo = new Int32Array(opts.products * L);

  const totalPopularity = catalog.popularity.reduce((a, b) => a + b, 0);
  // Expected units sold over the period: lines per order x units per line, wholesale buys more.
  const expectedUnits = opts.orders * 1.8 * 1.9;
  for (const p of products) {
    const base = p.index * L;
    const daily = (expectedUnits * catalog.popularity[p.index]!) / totalPopularity / opts.days;
    const tplShare = stock.isStocked(p, TPL) ? 0.32 : 0;
    const storeShare = stock.isStocked(p, STORE) ? 0.07 : 0;
    const rest = 1 - tplShare - storeShare;
    const shares = [rest * 0.57, rest * 0.43, storeShare, tplShare];
    for (let l = 0; l < L; l++) {
      if (!stock.isStocked(p, l)) continue;
      const d = daily * shares[l]!;
      const rop = Math.ceil(d * (p.leadDays + 4)) + 2;
      reorderPoint[base + l] = rop;
      orderUpTo[base + l] = rop + Math.max(p.casePack, Math.ceil(d * 18));
    }
  }

  let poSeq = 200_000;
  function receivePurchaseOrder(t: number, loc: number, lines: { p: SimProduct; qty: number }[]) {
    const reference = `PO-${++poSeq}`;
    const actor = loc === TPL ? 'partner:flexship' : rng.pick(words.warehouseStaff);
    let cost = 0;
    for (const { p, qty } of lines) {
      stock.move(p, loc, 'RECEIPT', qty, movementDeltas.receipt(qty), t, actor, { reference });
      onOrder[p.index * L + loc]! -= qty;
      cost += qty * p.unitCostMinor;
    }
    books.book(t, 'RECEIPT', acct.inventory, acct.ap, cost, lines.length);
    // Suppliers are paid on 30-day terms.
    agenda.at(t + 30 * DAY, (tp) => books.book(tp, 'AP_PAYMENT', acct.ap, acct.cash, cost));
  }

  /** Orders up to target wherever the position is below the reorder point; `initial` fills every location. */
  function placePurchaseOrders(t: number, initial: boolean) {
    const groups = new Map<string, { loc: number; supplier: number; lead: number; lines: { p: SimProduct; qty: number }[] }>();
    for (const p of products) {
      for (let loc = 0; loc < L; loc++) {
        const k = p.index * L + loc;
        if (!stock.isStocked(p, loc)) continue;
        const position = stock.available(p, loc) + stock.inTransit(p, loc) + onOrder[k]! - backlog[k]!;
        if (!initial && position >= reorderPoint[k]!) continue;
        const qty = roundUpTo(orderUpTo[k]! - position, p.casePack);
        if (qty <= 0) continue;
        onOrder[k]! += qty;
        const key = `${loc}|${p.supplier}`;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { loc, supplier: p.supplier, lead: p.leadDays, lines: [] }));
        group.lines.push({ p, qty });
      }
    }
    for (const group of groups.values()) {
      let arrival: number;
      if (initial) arrival = t + rng.int(0, 8 * 60) * MINUTE;
      else {
        const late = rng.chance(0.1) ? rng.int(2, 9) * DAY : 0;
        arrival = t + group.lead * DAY + late + rng.int(2 * 60, 10 * 60) * MINUTE;
      }
      // Arrivals after the end of history are simply still on order.
      agenda.at(arrival, (ta) => receivePurchaseOrder(ta, group.loc, group.lines));
    }
  }

  /** Counts units backordered at a location (negative when the backorder ends), so reorder runs buy them too. */
  function addBacklog(p: SimProduct, loc: number, qty: number) {
    backlog[p.index * L + loc]! += qty;
  }

  return { placePurchaseOrders, addBacklog };
}
