import { movementDeltas } from '../../../subgraphs/inventory/src/ledger';
import * as words from '../words';
import type { Catalog } from './catalog';
import type { Fulfilment } from './fulfilment';
import type { Stock } from './inventory';
import { AMAZON, EAST, L, LOCATIONS, STORE, TPL, WEB, WEST, WHOLESALE } from './masterData';
import type { OrderRecords, SimOrder } from './orders';
import type { Purchasing } from './purchasing';
import { DAY, HOUR, type Sim } from './simulation';

/**
 * Allocation: reserve every line of an order at the preferred locations, net of channel safety stock, or
 * backorder it; backordered orders are retried twice a day and cancelled after two weeks.
 */

export type Allocation = ReturnType<typeof createAllocation>;

export function createAllocation(
  sim: Sim,
  catalog: Catalog,
  stock: Stock,
  purchasing: Purchasing,
  records: OrderRecords,
  fulfilment: Fulfilment,
) {
  const { rng } = sim;
  const { transition, openException, resolveException, cancel } = records;
  const waiting: SimOrder[] = [];

  /** Where to ship from, best first: Amazon via the 3PL, NYC web orders from the store, else the nearer warehouse. */
  function locationPreference(o: SimOrder): number[] {
    const home = o.region === 'EAST' ? EAST : WEST;
    const other = home === EAST ? WEST : EAST;
    if (o.channel === AMAZON) return [TPL, home, other];
    if (o.channel === WHOLESALE) return [home, other];
    if (o.channel === WEB && o.nyc) return [STORE, home, other, TPL];
    return [home, other, TPL];
  }

  /** Reserves every line or nothing; false when no combination of nodes can fill the order. */
  function allocate(o: SimOrder, t: number): boolean {
    const prefs = locationPreference(o);
    const plan: { loc: number; qty: number }[][] = [];
    for (const line of o.lines) {
      const hold = catalog.safetyStock(o.channel, line.p);
      const free = (loc: number) => Math.max(0, stock.available(line.p, loc) - hold);
      const single = prefs.find((loc) => free(loc) >= line.quantity);
      if (single !== undefined) {
        plan.push([{ loc: single, qty: line.quantity }]);
        continue;
      }
      const split: { loc: number; qty: number }[] = [];
      let missing = line.quantity;
      for (const loc of prefs) {
        const take = Math.min(missing, free(loc));
        if (take > 0) split.push({ loc, qty: take });
        missing -= take;
        if (missing === 0) break;
      }
      if (missing > 0) return false;
      plan.push(split);
    }
    o.lines.forEach((line, i) => {
      line.allocs = plan[i]!;
      for (const a of line.allocs) {
        stock.move(line.p, a.loc, 'RESERVATION', a.qty, movementDeltas.reservation(a.qty), t, 'system', { reference: o.number });
        records.recordAllocation(o, line, a.loc, a.qty);
      }
    });
    o.reserved = true;
    return true;
  }

  function describeAllocation(o: SimOrder) {
    const codes = [...new Set(o.lines.flatMap((l) => l.allocs.map((a) => LOCATIONS[a.loc]!.code)))];
    return codes.length === 1 ? `from ${codes[0]}` : `split across ${codes.join(', ')}`;
  }

  /** First allocation attempt, from CAPTURED or after a passed review. */
  function tryAllocate(o: SimOrder, t: number, actor: string, reason: string | null) {
    if (allocate(o, t)) {
      transition(o, 'ALLOCATED', t, actor, `${reason ?? 'Allocated'} ${describeAllocation(o)}`);
      fulfilment.afterAllocated(o, t);
      return;
    }
    const short = o.lines.find((l) => {
      let free = 0;
      for (let loc = 0; loc < L; loc++) free += Math.max(0, stock.available(l.p, loc));
      return free < l.quantity;
    });
    const why = `Not enough stock${short ? ` for ${short.p.sku}` : ''} at any node`;
    transition(o, 'BACKORDERED', t, o.status === 'RISK_REVIEW' ? actor : 'system', why);
    openException(o, 'BACKORDER', t);
    o.waitingSince = t;
    waiting.push(o);
    // Purchasing orders the missing units (plus the channel's safety stock) at the first stocked preference.
    const prefs = locationPreference(o);
    for (const line of o.lines) {
      const loc = prefs.find((l) => stock.isStocked(line.p, l)) ?? EAST;
      const entry = { p: line.p, loc, qty: line.quantity + catalog.safetyStock(o.channel, line.p) };
      purchasing.addBacklog(entry.p, entry.loc, entry.qty);
      o.backlog.push(entry);
    }
  }

  function stopWaiting(o: SimOrder, i: number) {
    waiting.splice(i, 1);
    o.waitingSince = null;
    for (const { p, loc, qty } of o.backlog) purchasing.addBacklog(p, loc, -qty);
    o.backlog = [];
  }

  function retryWaitingOrders(t: number) {
    for (let i = 0; i < waiting.length; ) {
      const o = waiting[i]!;
      if (o.lastAt >= t) {
        i++;
        continue;
      }
      if (allocate(o, t)) {
        stopWaiting(o, i);
        transition(o, 'ALLOCATED', t, 'system', `Stock arrived: allocated ${describeAllocation(o)}`);
        resolveException(o, null);
        fulfilment.afterAllocated(o, t);
      } else if (t - o.waitingSince! > 14 * DAY) {
        stopWaiting(o, i);
        cancel(o, t, rng.pick(words.opsStaff), 'Backorder not filled within 14 days; customer notified');
      } else {
        if (o.exception && o.exception.status === 'OPEN' && t - o.exception.openedAt > 12 * HOUR) {
          o.exception.status = 'IN_PROGRESS';
          o.exception.assignee = rng.pick(words.opsStaff);
        }
        i++;
      }
    }
  }

  return { tryAllocate, retryWaitingOrders };
}
