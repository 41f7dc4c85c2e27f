import { planReservation, type SourcingPolicy } from '../../../subgraphs/inventory/src/sourcing';
import { allocationReason } from '../../../subgraphs/orders/src/capture';
import { approve, decideCapture, fillBackorder, type StockState } from '../../../subgraphs/orders/src/decisions';
import * as words from '../words';
import type { Catalog } from './catalog';
import type { Fulfilment } from './fulfilment';
import type { Stock } from './inventory';
import { CHANNELS, EAST, LOCATIONS } from './masterData';
import type { OrderRecords, OrdersWorld, SimOrder } from './orders';
import type { Purchasing } from './purchasing';
import { DAY, HOUR, MINUTE, withinHours, type Sim } from './simulation';

/**
 * Allocation and the capture decision, on the domains' own functions: inventory's sourcing policy plans every
 * reservation (the channel's nodes in order, split where allowed, safety stock netted once), the orders
 * domain's decisions (decideCapture, allocateOrBackorder: its rules gate what needs a person and release what
 * does not), and backordered orders retried in channel priority then age order, as the live filler does.
 */

export type Allocation = ReturnType<typeof createAllocation>;

export function createAllocation(
  sim: Sim,
  catalog: Catalog,
  stock: Stock,
  purchasing: Purchasing,
  records: OrderRecords,
  fulfilment: Fulfilment,
  world: OrdersWorld,
) {
  const { rng, agenda } = sim;
  const { cancel } = records;
  const productById = new Map(catalog.products.map((p) => [p.id, p]));
  const waiting: SimOrder[] = [];
  let attempts = 0;

  function policyOf(o: SimOrder, productId: string): SourcingPolicy {
    const channel = CHANNELS[o.channel]!;
    return {
      channelCode: channel.code,
      nodes: channel.sourcing.map((loc) => LOCATIONS[loc]!.id),
      safetyStock: catalog.safetyStock(o.channel, productById.get(productId)!),
      allowSplit: channel.allowSplit,
    };
  }

  /**
   * Reserves every line or nothing, as inventory's reserveOrderStock does; false when the nodes cannot fill it.
   * `record` false leaves recording the allocation to the caller (capture records the order first).
   */
  function reserve(o: SimOrder, t: number, actor: string, record = true): boolean {
    const plan = planReservation(
      o.lines.map((l) => ({ orderLineId: l.id, productId: l.p.id, quantity: l.quantity })),
      (productId) => stock.levels(productById.get(productId)!),
      (productId) => policyOf(o, productId),
    );
    if (plan.shortages.length > 0) return false;
    const made = stock.reserve(
      { id: o.id, channelCode: CHANNELS[o.channel]!.code },
      `seed:${o.id}:${++attempts}`,
      plan.allocations.map((a) => ({
        orderLineId: a.orderLineId,
        p: productById.get(a.productId)!,
        loc: LOCATIONS.findIndex((l) => l.id === a.locationId),
        quantity: a.quantity,
      })),
      t,
      actor,
    );
    const allocations = made.map((r) => ({ orderLineId: r.orderLineId, productId: r.productId, locationId: r.locationId, quantity: r.quantity }));
    if (record) records.recordAllocations(o, allocations, t);
    else pendingAllocations.set(o, allocations);
    return true;
  }
  const pendingAllocations = new Map<SimOrder, Parameters<OrderRecords['recordAllocations']>[1]>();

  /** What the orders domain is told about the order's stock after a reservation attempt. */
  function stockState(o: SimOrder, reserved: boolean): StockState {
    if (!reserved) return { kind: 'short' };
    const allocations = o.lines.flatMap((l) => l.allocs.map((a) => ({ orderLineId: l.id, location: LOCATIONS[a.loc]!.code })));
    return { kind: 'reserved', reason: allocationReason(allocations) };
  }

  /** Capture: reserve, record, then the domain's capture decision. A refusing channel's short order is never recorded. */
  function capture(o: SimOrder, t: number) {
    const channel = CHANNELS[o.channel]!;
    const reserved = reserve(o, t, 'system', false);
    if (!reserved && channel.onShortage === 'REFUSE') {
      o.refused = true;
      return;
    }
    records.captured(o, t);
    if (reserved) {
      records.recordAllocations(o, pendingAllocations.get(o)!, t);
      pendingAllocations.delete(o);
    }
    const changes = records.changesFor(o, t);
    decideCapture(changes, { actor: `partner:${channel.code.toLowerCase()}`, facts: records.facts(o), rules: world.rules, stock: stockState(o, reserved) });
    records.apply(o, changes);
    next(o, t);
  }

  /** Where the order goes from the status a decision left it in. */
  function next(o: SimOrder, t: number) {
    if (o.status === 'RISK_REVIEW') scheduleReview(o, t);
    else if (o.status === 'ON_HOLD') scheduleAddressFix(o, t);
    else if (o.status === 'BACKORDERED') waitForStock(o, t);
    else if (o.status === 'RELEASED') fulfilment.afterReleased(o, t);
    else if (o.status === 'ALLOCATED') fulfilment.afterAllocated(o, t);
  }

  /** approveOrder: a person reviews the risk; most pass (allocated, or backordered without stock), some are cancelled. */
  function scheduleReview(o: SimOrder, t: number) {
    const reviewer = rng.pick(words.opsStaff);
    agenda.at(withinHours(rng, t + Math.max(10 * MINUTE, rng.exponential(3 * HOUR)), 8, 20), (tv) => {
      if (o.status !== 'RISK_REVIEW') return;
      if (!rng.chance(0.85)) return cancel(o, tv, reviewer, 'Risk review failed: suspected fraud');
      const reserved = o.reserved || reserve(o, tv, reviewer);
      const reason = 'Verified with the customer';
      const decided = approve(records.changesFor(o, tv), {
        actor: reviewer,
        reason,
        resolution: reason,
        facts: records.facts(o),
        rules: world.rules,
        stock: stockState(o, reserved),
        exceptions: records.openOf(o),
      });
      records.apply(o, decided);
      next(o, tv);
    });
  }

  /** releaseOrder: a person confirms the address with the customer and releases the held order. */
  function scheduleAddressFix(o: SimOrder, t: number) {
    const fixer = rng.pick(words.opsStaff);
    agenda.at(withinHours(rng, t + Math.max(15 * MINUTE, rng.exponential(2 * HOUR)), 8, 20), (tf) => {
      if (o.status !== 'ON_HOLD') return;
      records.liftHold(o, tf, fixer, 'Address confirmed with the customer');
      next(o, tf);
    });
  }

  function waitForStock(o: SimOrder, t: number) {
    o.waitingSince = t;
    waiting.push(o);
    // Purchasing orders the missing units (plus the channel's safety stock) at the channel's first stocked node.
    const nodes = CHANNELS[o.channel]!.sourcing;
    for (const line of o.lines) {
      const loc = nodes.find((l) => stock.isStocked(line.p, l)) ?? EAST;
      const entry = { p: line.p, loc, qty: line.quantity + catalog.safetyStock(o.channel, line.p) };
      purchasing.addBacklog(entry.p, entry.loc, entry.qty);
      o.backlog.push(entry);
    }
  }

  function stopWaiting(o: SimOrder) {
    waiting.splice(waiting.indexOf(o), 1);
    o.waitingSince = null;
    for (const { p, loc, qty } of o.backlog) purchasing.addBacklog(p, loc, -qty);
    o.backlog = [];
  }

  /** Stock arrived: backordered orders get it in channel priority, then age, order. */
  function retryWaitingOrders(t: number) {
    const queue = [...waiting].sort((a, b) => CHANNELS[a.channel]!.priority - CHANNELS[b.channel]!.priority || a.createdAt - b.createdAt);
    for (const o of queue) {
      if (o.lastAt >= t || o.status !== 'BACKORDERED') continue;
      if (reserve(o, t, 'system')) {
        stopWaiting(o);
        records.apply(o, fillBackorder(records.changesFor(o, t), { facts: records.facts(o), rules: world.rules, stock: stockState(o, true), exceptions: records.openOf(o) }));
        next(o, t);
      } else if (t - o.waitingSince! > 14 * DAY) {
        stopWaiting(o);
        cancel(o, t, rng.pick(words.opsStaff), 'Backorder not filled within 14 days; customer notified');
      } else {
        const open = records.openOf(o, 'BACKORDER').find((e) => e.cause === 'BACKORDER' && e.status === 'OPEN');
        if (open && t - open.openedAt.getTime() > 12 * HOUR) records.assignException(open, rng.pick(words.opsStaff), t);
      }
    }
  }

  return { capture, retryWaitingOrders };
}
