import { movementDeltas } from '../../../subgraphs/inventory/src/ledger';
import * as words from '../words';
import { acct, type Books } from './finance';
import type { Stock } from './inventory';
import { CARRIERS, CHANNELS, LOCATIONS, STORE, TPL, WEB, WHOLESALE } from './masterData';
import type { OrderRecords, SimLine, SimOrder } from './orders';
import type { Returns } from './returns';
import { DAY, HOUR, localHour, localMidnight, MINUTE, pad, withinHours, type Sim } from './simulation';

/**
 * From allocated to delivered: an occasional late cancellation or payment hold, release to the warehouse,
 * pick in waves, pack, the carrier's daily pickup, delivery, settlement, and now and then a return.
 */

export type Fulfilment = ReturnType<typeof createFulfilment>;

export function createFulfilment(sim: Sim, stock: Stock, books: Books, records: OrderRecords, returns: Returns) {
  const { rng, agenda, out } = sim;
  const { transition, openException, resolveException, cancel } = records;
  let shipmentSeq = 0;

  function afterAllocated(o: SimOrder, t: number) {
    const roll = rng.next();
    if (roll < 0.02) {
      agenda.at(t + rng.int(10, 6 * 60) * MINUTE, (tc) => {
        if (o.status === 'ALLOCATED') cancel(o, tc, rng.pick(words.opsStaff), 'Customer requested cancellation');
      });
      return;
    }
    if (roll < 0.05) {
      agenda.at(t + rng.int(2, 30) * MINUTE, (th) => {
        transition(o, 'ON_HOLD', th, 'rules-engine', 'Payment authorization pending');
        openException(o, 'PAYMENT_HOLD', th);
        const reviewer = rng.pick(words.opsStaff);
        agenda.at(withinHours(rng, th + Math.max(20 * MINUTE, rng.exponential(5 * HOUR)), 8, 20), (tr) => {
          if (rng.chance(0.85)) {
            resolveException(o, reviewer);
            scheduleRelease(o, tr);
          } else {
            cancel(o, tr, reviewer, 'Payment declined');
          }
        });
      });
      return;
    }
    scheduleRelease(o, t);
  }

  function scheduleRelease(o: SimOrder, t: number) {
    agenda.at(t + rng.int(5, 120) * MINUTE, (tr) => {
      transition(o, 'RELEASED', tr, 'rules-engine', o.repeatCustomer ? 'Auto-release: repeat low-risk customer' : 'Auto-release: passed rules');
      const picker = LOCATIONS[o.lines[0]!.allocs[0]!.loc]!.code === '3PL-FLEX' ? 'partner:flexship' : rng.pick(words.warehouseStaff);
      agenda.at(nextPickWave(tr + 15 * MINUTE) + rng.int(5, 100) * MINUTE, (tp) => {
        if (rng.chance(0.005)) return cancel(o, tp, rng.pick(words.opsStaff), 'Customer requested cancellation');
        transition(o, 'PICKED', tp, picker, null);
        agenda.at(withinHours(rng, tp + rng.int(20, 240) * MINUTE, 6, 22), (tk) => {
          transition(o, 'PACKED', tk, picker, null);
          // Carriers collect once a day, late afternoon; parcels packed after the cut-off go the next day.
          const pickup = localMidnight(tk) + (localHour(tk) < 16.5 ? 0 : DAY) + 17 * HOUR + rng.int(0, 90) * MINUTE;
          agenda.at(pickup, (ts) => ship(o, ts));
        });
      });
    });
  }

  /** Warehouses pick in waves at 08:00, 11:00, 14:00 and 17:00 local time. */
  function nextPickWave(t: number): number {
    const midnight = localMidnight(t);
    for (const hour of [8, 11, 14, 17]) if (midnight + hour * HOUR >= t) return midnight + hour * HOUR;
    return midnight + DAY + 8 * HOUR;
  }

  /** One shipment per location the order was allocated from; books revenue, cost, 3PL and marketplace fees. */
  function ship(o: SimOrder, t: number) {
    const byLocation = new Map<number, { line: SimLine; qty: number }[]>();
    for (const line of o.lines) {
      for (const a of line.allocs) {
        const list = byLocation.get(a.loc) ?? [];
        list.push({ line, qty: a.qty });
        byLocation.set(a.loc, list);
      }
    }
    let revenue = 0;
    let cost = 0;
    const carriers: string[] = [];
    for (const [loc, items] of byLocation) {
      const carrier = loc === STORE ? rng.weighted([['USPS', 3], ['UPS', 2]] as const) : rng.weighted(CARRIERS);
      carriers.push(carrier);
      const trackingNumber =
        carrier === 'UPS'
          ? `1Z${rng.alnum(6)}${rng.digits(10)}`
          : carrier === 'FedEx'
            ? rng.digits(12)
            : carrier === 'USPS'
              ? `9400${rng.digits(18)}`
              : rng.digits(10);
      out.shipments.push({ id: `shp_${pad(++shipmentSeq, 6)}`, orderId: o.id, carrier, trackingNumber, shippedAt: new Date(t) });
      let units = 0;
      for (const { line, qty } of items) {
        stock.move(line.p, loc, 'SHIPMENT', qty, movementDeltas.shipment(qty), t, 'system', { reference: o.number });
        revenue += qty * line.unitPriceMinor;
        cost += qty * line.p.unitCostMinor;
        units += qty;
      }
      if (loc === TPL) books.book(t, 'SHIPMENT', acct.fulfillment, acct.ap, 350 + 75 * units, 0);
    }
    o.carrier = carriers[0]!;
    o.feeMinor = Math.round(revenue * CHANNELS[o.channel]!.feeRate);
    books.book(t, 'SHIPMENT', acct.ar, acct.revenue, revenue);
    books.book(t, 'SHIPMENT', acct.cogs, acct.inventory, cost, 0);
    books.book(t, 'SHIPMENT', acct.fees, acct.ar, o.feeMinor, 0);
    transition(o, 'SHIPPED', t, 'system', `Shipped via ${[...new Set(carriers)].join(' and ')}`);
    agenda.at(t + rng.int(1, 5) * DAY + rng.int(0, 10 * 60) * MINUTE, (td) => deliver(o, td));
  }

  function deliver(o: SimOrder, t: number) {
    transition(o, 'DELIVERED', t, `carrier:${o.carrier!.toLowerCase()}`, 'Delivered');
    // Card payments settle in days, marketplaces pay out weekly, wholesale customers on 30-day terms.
    const settleAfter = o.channel === WHOLESALE ? 30 * DAY : o.channel === WEB ? 2 * DAY : 7 * DAY;
    agenda.at(t + settleAfter, (ts) => books.book(ts, 'SETTLEMENT', acct.cash, acct.ar, o.totalMinor - o.feeMinor));
    if (rng.chance(0.1)) agenda.at(t + rng.int(2, 25) * DAY + rng.int(0, 12 * 60) * MINUTE, (tr) => returns.requestReturn(o, tr));
  }

  return { afterAllocated };
}
