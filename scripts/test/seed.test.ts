import { createHash } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accounts,
  allocations,
  catalogEvents,
  channelPrices,
  channelProductSafetyStock,
  channelRules,
  channels,
  financeEvents,
  inventoryEvents,
  items,
  journalEntries,
  journalLines,
  locations,
  movements,
  orderExceptions,
  orderHeaders,
  orderLines,
  orderTransitions,
  ordersEvents,
  positions,
  products,
  refunds,
  returnHeaders,
  returnLines,
  returnsEvents,
  shipments,
  transfers,
  type Database,
  executeRows,
  type Db,
} from '@opsgraph/db';
import { createTestDb } from '@opsgraph/db/testing';
import { positionsFromLedger, storedPositions } from '../../subgraphs/inventory/src/ledger';
import { canTransition } from '../../subgraphs/orders/src/lifecycle';
import { generateSeedData, isEmpty, loadOrdersWorld, resolveSeedOptions, seedDemo, type SeedSummary } from '../seed/index';

/** An explicit end, so the data does not depend on when the test runs. */
const SMALL = { products: 40, orders: 150, days: 45, seed: 7, end: new Date('2026-11-01T00:00:00Z') } as const;


/** A digest per table of everything the seed wrote, minus the columns the database stamps with now(). */
async function digest(db: Db): Promise<Record<string, string>> {
  const tables: Record<string, Promise<unknown[]>> = {
    products: db.select().from(products).orderBy(asc(products.id)),
    channels: db.select().from(channels).orderBy(asc(channels.id)),
    channelPrices: db.select().from(channelPrices).orderBy(asc(channelPrices.channelId), asc(channelPrices.productId)),
    catalogEvents: db.select().from(catalogEvents).orderBy(asc(catalogEvents.seq)),
    locations: db.select().from(locations).orderBy(asc(locations.id)),
    items: db.select().from(items).orderBy(asc(items.productId)),
    channelRules: db.select().from(channelRules).orderBy(asc(channelRules.channelCode)),
    productSafety: db
      .select()
      .from(channelProductSafetyStock)
      .orderBy(asc(channelProductSafetyStock.channelCode), asc(channelProductSafetyStock.productId)),
    movements: db.select().from(movements).orderBy(asc(movements.id)),
    positions: storedPositions(db),
    transfers: db.select().from(transfers).orderBy(asc(transfers.id)),
    inventoryEvents: db.select().from(inventoryEvents).orderBy(asc(inventoryEvents.seq)),
    orders: db.select().from(orderHeaders).orderBy(asc(orderHeaders.id)),
    orderLines: db.select().from(orderLines).orderBy(asc(orderLines.id)),
    allocations: db.select().from(allocations).orderBy(asc(allocations.id)),
    transitions: db.select().from(orderTransitions).orderBy(asc(orderTransitions.id)),
    exceptions: db.select().from(orderExceptions).orderBy(asc(orderExceptions.id)),
    shipments: db.select().from(shipments).orderBy(asc(shipments.id)),
    ordersEvents: db.select().from(ordersEvents).orderBy(asc(ordersEvents.seq)),
    returns: db.select().from(returnHeaders).orderBy(asc(returnHeaders.id)),
    returnLines: db.select().from(returnLines).orderBy(asc(returnLines.returnId), asc(returnLines.orderLineId)),
    refunds: db.select().from(refunds).orderBy(asc(refunds.id)),
    returnsEvents: db.select().from(returnsEvents).orderBy(asc(returnsEvents.seq)),
    accounts: db.select().from(accounts).orderBy(asc(accounts.code)),
    journalEntries: db.select().from(journalEntries).orderBy(asc(journalEntries.id)),
    journalLines: db.select().from(journalLines).orderBy(asc(journalLines.id)),
    financeEvents: db.select().from(financeEvents).orderBy(asc(financeEvents.seq)),
  };
  const out: Record<string, string> = {};
  for (const [name, query] of Object.entries(tables)) {
    const result = await query;
    out[name] = `${result.length}:${createHash('sha256').update(JSON.stringify(result)).digest('hex').slice(0, 16)}`;
  }
  return out;
}

let first: Database;
let second: Database;
let summary: SeedSummary;

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDb(), createTestDb()]);
  summary = await seedDemo(first.db, SMALL);
});
afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
});

describe('seed options', () => {
  it('has the documented defaults, with a history that ends now, and refuses nonsense', () => {
    const { end, ...numbers } = resolveSeedOptions();
    expect(numbers).toEqual({ products: 300, orders: 1500, days: 90, seed: 42 });
    expect(Date.now() - end.getTime()).toBeGreaterThanOrEqual(0);
    expect(Date.now() - end.getTime()).toBeLessThan(60_000);
    expect(() => resolveSeedOptions({ end: new Date('nonsense') })).toThrow(/end/);
    expect(() => resolveSeedOptions({ products: -1 })).toThrow(/products/);
    expect(() => resolveSeedOptions({ orders: 1.5 })).toThrow(/orders/);
    expect(() => resolveSeedOptions({ days: 0 })).toThrow(/days/);
    expect(() => resolveSeedOptions({ products: Number.NaN })).toThrow(/products/);
  });

  it('generates the same data for the same options, without touching a database', async () => {
    const world = await loadOrdersWorld(first.db);
    const a = generateSeedData(SMALL, world);
    const b = generateSeedData(SMALL, world);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = generateSeedData({ ...SMALL, seed: 8 }, world);
    expect(JSON.stringify(c.orders)).not.toBe(JSON.stringify(a.orders));
  });
});

describe('seedDemo', () => {
  it('writes what the options ask for', async () => {
    const { db } = first;
    const count = async (table: PgTable) => (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
    expect(await count(products)).toBe(SMALL.products);
    expect(await count(items)).toBe(SMALL.products);
    // Every order arrives; the ones a channel refuses at capture (eBay, when its nodes cannot fill them) are not recorded.
    expect(await count(orderHeaders)).toBe(SMALL.orders - summary.refusedOrders);
    expect(summary.refusedOrders).toBeLessThan(SMALL.orders * 0.05);
    expect(await count(channels)).toBe(4);
    expect(await count(locations)).toBe(4);
    expect(summary).toMatchObject({ products: SMALL.products, orders: SMALL.orders - summary.refusedOrders, channels: 4, locations: 4, seed: SMALL.seed });
    expect(Object.values(summary.ordersByStatus).reduce((a, b) => a + b, 0)).toBe(summary.orders);

    const rules = await db.select().from(channelRules).orderBy(asc(channelRules.channelCode));
    expect(rules.map(({ channelCode, safetyStock }) => ({ channelCode, safetyStock }))).toEqual([
      { channelCode: 'AMAZON', safetyStock: 2 },
      { channelCode: 'EBAY', safetyStock: 1 },
      { channelCode: 'WEB', safetyStock: 0 },
      { channelCode: 'WHOLESALE', safetyStock: 5 },
    ]);
    // Orders knows the catalog from its events, with its own shortage policy per channel; the next live order
    // number follows the seeded ones.
    const [projection] = await executeRows<{ products: number; channels: number; refusing: string; prices: number; next: string; highest: string }>(
      db,
      sql`select (select count(*)::int from orders.products) as products, (select count(*)::int from orders.channels) as channels,
                 (select string_agg(code, ',') from orders.channels where on_shortage = 'REFUSE') as refusing,
                 (select count(*)::int from orders.channel_prices) as prices,
                 (select 'SO-' || nextval('orders.order_numbers')) as next,
                 (select max(number) from orders.orders) as highest`,
    );
    expect(projection).toMatchObject({ products: SMALL.products, channels: 4, refusing: 'EBAY', prices: await count(channelPrices) });
    expect(Number(projection!.next.slice(3))).toBe(Number(projection!.highest.slice(3)) + 1);
    const sourcing = await executeRows<{ channel_code: string; nodes: string }>(
      db,
      sql`select s.channel_code, string_agg(l.code, ',' order by s.rank) as nodes from inventory.channel_sourcing s
          join inventory.locations l on l.id = s.location_id group by 1 order by 1`,
    );
    expect(sourcing).toContainEqual({ channel_code: 'AMAZON', nodes: '3PL-FLEX,WH-EAST,WH-WEST' });

    const locs = await db.select({ code: locations.code, kind: locations.kind }).from(locations).orderBy(asc(locations.code));
    expect(locs).toEqual([
      { code: '3PL-FLEX', kind: 'THIRD_PARTY' },
      { code: 'STORE-NYC', kind: 'STORE' },
      { code: 'WH-EAST', kind: 'WAREHOUSE' },
      { code: 'WH-WEST', kind: 'WAREHOUSE' },
    ]);

    const [sample] = await db.select().from(products).orderBy(asc(products.id)).limit(1);
    expect(sample!.id).toBe('prd_000001');
    expect(sample!.sku).toMatch(/^(APP|OUT|HOM)-[A-Z]{3}-\d{4}$/);
    const [priceRange] = await executeRows<{ bad: number }>(
      db,
      sql`select count(*)::int as bad from catalog.products
          where price_minor < 500 or price_minor > 30000
             or unit_cost_minor < floor(price_minor * 0.3) or unit_cost_minor > ceil(price_minor * 0.7)`,
    );
    expect(priceRange!.bad).toBe(0);
    const numbers = await db.select({ id: orderHeaders.id, number: orderHeaders.number }).from(orderHeaders);
    for (const { id, number } of numbers) expect(number).toBe(`SO-${100_000 + Number(id.slice(4))}`);

    // Every event type the seed writes, per outbox.
    const types = async (table: typeof catalogEvents | typeof inventoryEvents | typeof ordersEvents | typeof returnsEvents) =>
      (await executeRows<{ type: string }>(db, sql`select distinct type from ${table} order by 1`)).map((r) => r.type);
    expect(await types(catalogEvents)).toEqual(['ChannelCreated', 'ChannelPriceSet', 'ProductCreated']);
    expect(await types(inventoryEvents)).toEqual(['StockMoved']);
    expect(await types(ordersEvents)).toEqual(
      expect.arrayContaining(['ExceptionOpened', 'ExceptionResolved', 'OrderAllocated', 'OrderCaptured', 'OrderShipped', 'OrderStatusChanged']),
    );
    expect(await types(returnsEvents)).toEqual(['RefundApproved', 'ReturnInspected', 'ReturnReceived', 'ReturnRefunded', 'ReturnRequested']);
    expect(await count(inventoryEvents)).toBe(await count(movements));
    const [statusEvents] = await executeRows<{ n: number }>(db, sql`select count(*)::int as n from orders.events where type = 'OrderStatusChanged'`);
    expect(statusEvents!.n).toBe(await count(orderTransitions));
  });

  it('is deterministic: the same seed gives identical rows, another seed does not', async () => {
    await seedDemo(second.db, SMALL);
    const a = await digest(first.db);
    expect(await digest(second.db)).toEqual(a);

    const third = await createTestDb();
    try {
      await seedDemo(third.db, { ...SMALL, seed: SMALL.seed + 1 });
      const c = await digest(third.db);
      expect(c.orders).not.toBe(a.orders);
      expect(c.movements).not.toBe(a.movements);
    } finally {
      await third.close();
    }
  });

  it('never oversells: at every movement, per product and location, positions stay valid', async () => {
    const broken = await executeRows<Record<string, unknown>>(
      first.db,
      sql`select product_id, location_id, id from (
            select product_id, location_id, id,
              sum(on_hand_delta) over w as on_hand, sum(reserved_delta) over w as reserved,
              sum(in_transit_delta) over w as in_transit, sum(quality_hold_delta) over w as quality_hold,
              sum(damaged_delta) over w as damaged, sum(return_pending_delta) over w as return_pending
            from inventory.movements
            window w as (partition by product_id, location_id order by id)
          ) running
          where on_hand < 0 or reserved < 0 or reserved > on_hand or in_transit < 0 or quality_hold < 0
             or damaged < 0 or return_pending < 0
          limit 5`,
    );
    expect(broken).toEqual([]);

    const oversold = await executeRows<Record<string, unknown>>(
      first.db,
      sql`select product_id, location_id from inventory.movements
          group by product_id, location_id
          having sum(reserved_delta) + coalesce(sum(quantity) filter (where type = 'SHIPMENT'), 0)
               > coalesce(sum(quantity) filter (where type in ('RECEIPT', 'TRANSFER_IN')), 0)
               + coalesce(sum(on_hand_delta) filter (where type in ('ADJUSTMENT', 'DISPOSITION') and on_hand_delta > 0), 0)`,
    );
    expect(oversold).toEqual([]);

    // Ids follow time, so "at every movement" above means "at every moment".
    const [backwards] = await executeRows<{ n: number }>(
      first.db,
      sql`select count(*)::int as n from (
            select occurred_at < lag(occurred_at) over (order by id) as back from inventory.movements) m where back`,
    );
    expect(backwards!.n).toBe(0);

    const types = await executeRows<{ type: string }>(first.db, sql`select distinct type::text as type from inventory.movements order by 1`);
    expect(types.map((t) => t.type)).toEqual(
      expect.arrayContaining(['RECEIPT', 'ADJUSTMENT', 'RESERVATION', 'SHIPMENT', 'RETURN_RECEIPT', 'DISPOSITION']),
    );
  });

  it('derives positions from the ledger, and leaves stock to sell', async () => {
    const stored = await storedPositions(first.db);
    expect(stored).toEqual(await positionsFromLedger(first.db));
    const sellable = stored.filter((p) => p.onHand - p.reserved > 0).map((p) => p.productId);
    expect(new Set(sellable).size).toBeGreaterThan(SMALL.products * 0.9);
  });

  it('keeps allocations equal to inventory\'s reservations, and positions\' reserved equal to the active ones', async () => {
    const mismatched = await executeRows<Record<string, unknown>>(
      first.db,
      sql`with alloc as (
            select a.order_line_id, a.location_id, sum(a.quantity)::int as qty from orders.allocations a group by 1, 2),
          held as (
            select order_line_id, location_id, sum(quantity)::int as qty from inventory.reservations
            where status in ('ACTIVE', 'SHIPPED') group by 1, 2)
          select * from alloc full join held using (order_line_id, location_id)
          where coalesce(alloc.qty, 0) <> coalesce(held.qty, 0)`,
    );
    expect(mismatched).toEqual([]);
    const unbalanced = await executeRows<Record<string, unknown>>(
      first.db,
      sql`select p.product_id, p.location_id from inventory.positions p
          left join (select product_id, location_id, sum(quantity) as qty from inventory.reservations
                     where status = 'ACTIVE' group by 1, 2) r using (product_id, location_id)
          where p.reserved <> coalesce(r.qty, 0)`,
    );
    expect(unbalanced).toEqual([]);
    // Only orders still waiting to ship hold stock.
    const [holding] = await executeRows<{ bad: number }>(
      first.db,
      sql`select count(*)::int as bad from inventory.reservations r join orders.orders o on o.id = r.order_id
          where r.status = 'ACTIVE' and o.status in ('SHIPPED', 'DELIVERED', 'CANCELLED', 'BACKORDERED')`,
    );
    expect(holding!.bad).toBe(0);
  });

  it('decides with the orders domain\'s rules: gates name their rule, exceptions carry their cause\'s SLA, overdue ones are breached', async () => {
    const [gates] = await executeRows<{ bad: number; gated: number; released: number }>(
      first.db,
      sql`select count(*) filter (where t.to_status = 'RISK_REVIEW' and (r.code is null or r.outcome <> 'RISK_REVIEW'))::int as bad,
                 count(*) filter (where t.rule is not null and t.to_status in ('RISK_REVIEW', 'ON_HOLD'))::int as gated,
                 count(*) filter (where t.rule = 'REPEAT_LOW_RISK' and t.to_status = 'RELEASED')::int as released
          from orders.order_transitions t left join orders.decision_rules r on r.code = t.rule`,
    );
    expect(gates!.bad).toBe(0);
    expect(gates!.gated).toBeGreaterThan(0);
    expect(gates!.released).toBeGreaterThan(0);
    const [sla] = await executeRows<{ bad: number }>(
      first.db,
      sql`select count(*)::int as bad from orders.order_exceptions e join orders.exception_causes c using (cause)
          where e.sla_due_at <> e.opened_at + make_interval(mins => c.sla_minutes)`,
    );
    expect(sla!.bad).toBe(0);
    const [overdue] = await executeRows<{ unbreached: number; escalations: number }>(
      first.db,
      sql`select count(*) filter (where status <> 'RESOLVED' and sla_due_at <= ${SMALL.end.toISOString()}::timestamptz and breached_at is null)::int as unbreached,
                 count(*) filter (where cause = 'SLA_BREACH' and source_exception_id is not null)::int as escalations
          from orders.order_exceptions`,
    );
    expect(overdue!.unbreached).toBe(0);
    expect(overdue!.escalations).toBeGreaterThan(0);
    // What is settled leaves nothing open: an order that moved on took its exceptions (and their breaches) along.
    const stale = await executeRows<{ status: string; cause: string }>(
      first.db,
      sql`select o.status::text, e.cause from orders.order_exceptions e join orders.orders o on o.id = e.order_id
          where e.status <> 'RESOLVED' and o.status not in ('RISK_REVIEW', 'ON_HOLD', 'BACKORDERED')`,
    );
    expect(stale).toEqual([]);
  });

  it('balances the ledger, per entry and in total', async () => {
    const unbalanced = await executeRows<Record<string, unknown>>(
      first.db,
      sql`select entry_id from finance.journal_lines group by entry_id
          having sum(debit_minor) <> sum(credit_minor) or count(*) < 2`,
    );
    expect(unbalanced).toEqual([]);
    const [totals] = await executeRows<{ debit: string; credit: string; entries: number }>(
      first.db,
      sql`select sum(debit_minor)::text as debit, sum(credit_minor)::text as credit,
            (select count(*)::int from finance.journal_entries) as entries from finance.journal_lines`,
    );
    expect(totals!.debit).toBe(totals!.credit);
    expect(BigInt(totals!.debit)).toBeGreaterThan(0n);
    // Daily summaries: at most one entry per day and source type.
    const [dupes] = await executeRows<{ n: number }>(
      first.db,
      sql`select count(*)::int as n from (select source_type, source_id from finance.journal_entries
          group by 1, 2 having count(*) > 1) d`,
    );
    expect(dupes!.n).toBe(0);
    const sources = await executeRows<{ source_type: string }>(first.db, sql`select distinct source_type from finance.journal_entries order by 1`);
    expect(sources.map((s) => s.source_type)).toEqual(expect.arrayContaining(['OPENING_BALANCE', 'RECEIPT', 'SHIPMENT', 'REFUND']));
  });

  it('makes every order total the sum of its lines', async () => {
    const wrong = await executeRows<Record<string, unknown>>(
      first.db,
      sql`select o.id from orders.orders o join orders.order_lines l on l.order_id = o.id
          group by o.id, o.total_minor having o.total_minor <> sum(l.quantity * l.unit_price_minor) or count(*) > 4`,
    );
    expect(wrong).toEqual([]);
  });

  it('walks every order through the lifecycle, forwards in time', async () => {
    const orders = await first.db.select({ id: orderHeaders.id, status: orderHeaders.status, createdAt: orderHeaders.createdAt }).from(orderHeaders);
    const history = await first.db.select().from(orderTransitions).orderBy(asc(orderTransitions.orderId), asc(orderTransitions.id));
    const byOrder = new Map<string, typeof history>();
    for (const step of history) byOrder.set(step.orderId, [...(byOrder.get(step.orderId) ?? []), step]);
    for (const order of orders) {
      const steps = byOrder.get(order.id) ?? [];
      expect(steps[0], order.id).toMatchObject({ fromStatus: null, toStatus: 'CAPTURED', at: order.createdAt });
      for (let i = 1; i < steps.length; i++) {
        const [prev, step] = [steps[i - 1]!, steps[i]!];
        expect(step.fromStatus, `${order.id} step ${i}`).toBe(prev.toStatus);
        expect(canTransition(step.fromStatus!, step.toStatus), `${order.id}: ${step.fromStatus} -> ${step.toStatus}`).toBe(true);
        // One decision (capture, an approval) writes several steps at the same moment; the ids keep their order.
        expect(step.at.getTime(), `${order.id} step ${i} time`).toBeGreaterThanOrEqual(prev.at.getTime());
        expect(step.actor).toMatch(/^(system|ops:[a-z]+|partner:[a-z]+|carrier:[a-z]+)$/);
      }
      expect(steps.at(-1)!.toStatus).toBe(order.status);
      expect(steps.at(-1)!.at.getTime()).toBeLessThan(SMALL.end.getTime());
    }

    // Shipments exactly for orders that shipped; open exceptions for every order waiting on stock.
    const [shipping] = await executeRows<{ bad: number }>(
      first.db,
      sql`select count(*)::int as bad from orders.orders o
          where (o.status in ('SHIPPED', 'DELIVERED')) <> exists (select 1 from orders.shipments s where s.order_id = o.id)`,
    );
    expect(shipping!.bad).toBe(0);
    const [waiting] = await executeRows<{ bad: number }>(
      first.db,
      sql`select count(*)::int as bad from orders.orders o where o.status = 'BACKORDERED'
          and not exists (select 1 from orders.order_exceptions e where e.order_id = o.id and e.cause = 'BACKORDER' and e.status <> 'RESOLVED')`,
    );
    expect(waiting!.bad).toBe(0);
  });

  it('refunds only inspected returns, never above what was paid for the returned lines', async () => {
    const [bad] = await executeRows<Record<string, number>>(
      first.db,
      sql`select
            count(*) filter (where f.id is not null and r.status not in ('INSPECTED', 'REFUNDED'))::int as refund_before_inspection,
            count(*) filter (where f.amount_minor > paid.amount)::int as above_paid,
            count(*) filter (where r.status = 'REFUNDED' and (f.id is null or f.status <> 'PAID'))::int as refunded_without_payment,
            count(*) filter (where o.status <> 'DELIVERED')::int as not_delivered,
            count(*) filter (where paid.too_many)::int as more_than_bought
          from returns.returns r
          left join returns.refunds f on f.return_id = r.id
          join orders.orders o on o.id = r.order_id
          join (select rl.return_id, sum(rl.quantity * l.unit_price_minor) as amount, bool_or(rl.quantity > l.quantity) as too_many
                from returns.return_lines rl join orders.order_lines l on l.id = rl.order_line_id group by 1) paid
            on paid.return_id = r.id`,
    );
    expect(bad).toEqual({ refund_before_inspection: 0, above_paid: 0, refunded_without_payment: 0, not_delivered: 0, more_than_bought: 0 });
    const [dispositions] = await executeRows<{ bad: number }>(
      first.db,
      sql`select count(*)::int as bad from returns.return_lines rl join returns.returns r on r.id = rl.return_id
          where (rl.disposition is not null) <> (r.status in ('INSPECTED', 'REFUNDED'))`,
    );
    expect(dispositions!.bad).toBe(0);
    expect(summary.returns).toBeGreaterThan(0);
  });

  it('refuses to seed a database that already has products', async () => {
    expect(await isEmpty(first.db)).toBe(false);
    await expect(seedDemo(first.db, SMALL)).rejects.toThrow(/already has products/);
    expect((await first.db.select({ n: sql<number>`count(*)::int` }).from(orderHeaders))[0]!.n).toBe(summary.orders);
  });
});
