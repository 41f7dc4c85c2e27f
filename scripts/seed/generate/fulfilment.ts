import { hold, ship as decideShip } from '../../../subgraphs/orders/src/decisions';
import * as words from '../words';
import { acct, type Books } from './finance';
import type { Stock } from './inventory';
import { CARRIERS, CHANNELS, CURRENCY, LOCATIONS, STORE, TPL, WEB, WHOLESALE } from './masterData';
import type { OrderRecords, SimOrder } from './orders';
import type { Returns } from './returns';
import { DAY, HOUR, localHour, localMidnight, MINUTE, pad, withinHours, type Sim } from './simulation';

/**
 * From allocated to delivered: an occasional cancellation or hold, release to the warehouse by a person
 * (unless a rule released it), pick in waves, pack, the carrier's daily pickup (confirmShipment consumes the
 * order's reservations), delivery, settlement, and now and then a return.
 */

export type Fulfilment = ReturnType<typeof createFulfilment>;

export function createFulfilment(sim: Sim, stock: Stock, books: Books, records: OrderRecords, returns: Returns) {
  const { rng, agenda, out } = sim;
  const { transition, cancel } = records;
  let shipmentSeq = 0;

  /** An allocated order no rule released: a person cancels it for the customer, holds it, or releases it. */
  function afterAllocated(o: SimOrder, t: number) {
    const roll = rng.next();
    const person = rng.pick(words.opsStaff);
    if (roll < 0.02) {
      agenda.at(t + rng.int(10, 6 * 60) * MINUTE, (tc) => {
        if (o.status === 'ALLOCATED') cancel(o, tc, person, 'Customer requested cancellation');
      });
      return;
    }
    if (roll < 0.04) {
      agenda.at(t + rng.int(2, 30) * MINUTE, (th) => {
        if (o.status !== 'ALLOCATED') return;
        records.apply(o, hold(records.changesFor(o, th), { actor: person, reason: 'Customer asked us to hold the shipment' }));
        agenda.at(withinHours(rng, th + Math.max(20 * MINUTE, rng.exponential(8 * HOUR)), 8, 20), (tr) => {
          if (o.status !== 'ON_HOLD') return;
          if (!rng.chance(0.85)) return cancel(o, tr, person, 'Customer cancelled while on hold');
          records.liftHold(o, tr, person, 'Customer confirmed shipment');
          afterReleased(o, tr);
        });
      });
      return;
    }
    // Orders waiting for release are reviewed and released within office hours.
    agenda.at(withinHours(rng, t + rng.int(5, 120) * MINUTE, 7, 21), (tr) => {
      if (o.status !== 'ALLOCATED') return;
      transition(o, 'RELEASED', tr, person, 'Released to the warehouse');
      afterReleased(o, tr);
    });
  }

  /** Released: picked in the next wave, packed, handed to the carrier at its daily pickup. */
  function afterReleased(o: SimOrder, t: number) {
    const picker = LOCATIONS[o.lines[0]!.allocs[0]!.loc]!.code === '3PL-FLEX' ? 'partner:flexship' : rng.pick(words.warehouseStaff);
    agenda.at(nextPickWave(t + 15 * MINUTE) + rng.int(5, 100) * MINUTE, (tp) => {
      if (o.status !== 'RELEASED') return;
      if (rng.chance(0.005)) return cancel(o, tp, rng.pick(words.opsStaff), 'Customer requested cancellation');
      transition(o, 'PICKED', tp, picker, null);
      agenda.at(withinHours(rng, tp + rng.int(20, 240) * MINUTE, 6, 22), (tk) => {
        transition(o, 'PACKED', tk, picker, null);
        // Carriers collect once a day, late afternoon; parcels packed after the cut-off go the next day.
        const pickup = localMidnight(tk) + (localHour(tk) < 16.5 ? 0 : DAY) + 17 * HOUR + rng.int(0, 90) * MINUTE;
        agenda.at(pickup, (ts) => ship(o, ts));
      });
    });
  }

  /** Warehouses pick in waves at 08:00, 11:00, 14:00 and 17:00 local time. */
  function nextPickWave(t: number): number {
    const midnight = localMidnight(t);
    for (const hour of [8, 11, 14, 17]) if (midnight + hour * HOUR >= t) return midnight + hour * HOUR;
    return midnight + DAY + 8 * HOUR;
  }

  /** confirmShipment: one shipment, the order's reservations consumed; books revenue, cost, 3PL and marketplace fees. */
  function ship(o: SimOrder, t: number) {
    const firstLoc = o.lines[0]!.allocs[0]!.loc;
    const carrier = firstLoc === STORE ? rng.weighted([['USPS', 3], ['UPS', 2]] as const) : rng.weighted(CARRIERS);
    const trackingNumber =
      carrier === 'UPS'
        ? `1Z${rng.alnum(6)}${rng.digits(10)}`
        : carrier === 'FedEx'
          ? rng.digits(12)
          : carrier === 'USPS'
            ? `9400${rng.digits(18)}`
            : rng.digits(10);
    const shipmentId = `shp_${pad(++shipmentSeq, 6)}`;
    out.shipments.push({ id: shipmentId, orderId: o.id, carrier, trackingNumber, shippedAt: new Date(t) });
    stock.ship(o.id, t, 'system');
    o.reserved = false;
    let revenue = 0;
    let cost = 0;
    let tplUnits = 0;
    const shipped = o.lines.flatMap((line) =>
      line.allocs.map((a) => {
        revenue += a.qty * line.unitPriceMinor;
        cost += a.qty * line.p.unitCostMinor;
        if (a.loc === TPL) tplUnits += a.qty;
        return { orderLineId: line.id, productId: line.p.id, sku: line.p.sku, quantity: a.qty, unitPriceMinor: line.unitPriceMinor, locationId: LOCATIONS[a.loc]!.id };
      }),
    );
    if (tplUnits > 0) books.book(t, 'SHIPMENT', acct.fulfillment, acct.ap, 350 + 75 * tplUnits, 0);
    o.carrier = carrier;
    o.feeMinor = Math.round(revenue * CHANNELS[o.channel]!.feeRate);
    books.book(t, 'SHIPMENT', acct.ar, acct.revenue, revenue);
    books.book(t, 'SHIPMENT', acct.cogs, acct.inventory, cost, 0);
    books.book(t, 'SHIPMENT', acct.fees, acct.ar, o.feeMinor, 0);
    records.apply(o, decideShip(records.changesFor(o, t), { actor: 'system', currency: CURRENCY, shipment: { id: shipmentId, carrier, trackingNumber }, lines: shipped }));
    agenda.at(t + rng.int(1, 5) * DAY + rng.int(0, 10 * 60) * MINUTE, (td) => deliver(o, td));
  }

  function deliver(o: SimOrder, t: number) {
    transition(o, 'DELIVERED', t, `carrier:${o.carrier!.toLowerCase()}`, 'Delivered');
    // Card payments settle in days, marketplaces pay out weekly, wholesale customers on 30-day terms.
    const settleAfter = o.channel === WHOLESALE ? 30 * DAY : o.channel === WEB ? 2 * DAY : 7 * DAY;
    agenda.at(t + settleAfter, (ts) => books.book(ts, 'SETTLEMENT', acct.cash, acct.ar, o.totalMinor - o.feeMinor));
    if (rng.chance(0.1)) agenda.at(t + rng.int(2, 25) * DAY + rng.int(0, 12 * 60) * MINUTE, (tr) => returns.requestReturn(o, tr));
  }

  return { afterAllocated, afterReleased };
}
