import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { executeRows, type Database } from '@opsgraph/db';
import { createTestDb, onPostgres } from '@opsgraph/db/testing';
import { postGraphQL } from '@opsgraph/kit/testing';
import { createOrdersSubgraph } from '@opsgraph/orders';
import { startStack, type Stack } from '../scripts/stack';
import { buildWorld, gatewayClient, receive } from './support/world';

// Many channels ordering the same scarce SKUs at once, through the gateway. PGlite runs one transaction at a
// time, so only real Postgres can show what happens under contention.
describe.skipIf(!onPostgres)('orders under concurrency (needs real Postgres: skipped because DATABASE_URL is unset)', () => {
  let database: Database;
  let stack: Stack;
  let gql: ReturnType<typeof gatewayClient>;

  beforeAll(async () => {
    database = await createTestDb({ poolSize: 10 });
    await buildWorld(database, [
      { sku: 'HOT-1', priceMinor: 2000 },
      { sku: 'HOT-2', priceMinor: 3500, channelPrices: { AMAZON: 3600 } },
      { sku: 'HOT-3', priceMinor: 900 },
      { sku: 'RETRY', priceMinor: 1000 },
    ]);
    // Background work stays off, so what is checked afterwards is exactly what the calls did.
    stack = await startStack(database, {
      gatewayPort: 0,
      host: '127.0.0.1',
      subgraphPorts: { catalog: 0, inventory: 0, orders: 0, returns: 0, finance: 0 },
      definitions: { orders: createOrdersSubgraph({ workers: false }) },
    });
    gql = gatewayClient(stack.gateway.url);
    for (const [sku, location, quantity] of [
      ['HOT-1', 'WH-EAST', 15],
      ['HOT-1', 'WH-WEST', 10],
      ['HOT-1', '3PL-FLEX', 5],
      ['HOT-2', 'WH-EAST', 8],
      ['HOT-2', 'WH-WEST', 4],
      ['HOT-3', '3PL-FLEX', 6],
      ['HOT-3', 'WH-WEST', 3],
      ['RETRY', 'WH-EAST', 100],
    ] as const) {
      await receive(gql, sku, location, quantity);
    }
  });
  afterAll(async () => {
    await stack?.stop();
    await database?.close();
  });

  const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) {
    order { id status lines { id quantity allocations { quantity } } } userErrors { field code } } }`;
  const address = { line1: '1 Main St', city: 'Springfield', postalCode: '01101', country: 'US' };

  /** Deterministic pseudo-random numbers, so a failure can be replayed. */
  function random(seed: number) {
    let state = seed;
    return (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
  }

  type Row = Record<string, unknown>;
  const rows = <T extends Row>(query: ReturnType<typeof sql>) => executeRows<T>(database.db, query);
  /** Multiset of "line@location:quantity" strings. */
  const held = (list: { orderLineId: string; locationId: string; quantity: number }[]) =>
    list.map((r) => `${r.orderLineId}@${r.locationId}:${Number(r.quantity)}`).sort();

  it('200 orders from 4 channels on scarce SKUs: reserved equals the allocations, never above on hand, no unit held twice', async () => {
    const next = random(42);
    const channels = ['WEB', 'AMAZON', 'EBAY', 'B2B'];
    const skus = ['HOT-1', 'HOT-2', 'HOT-3'];
    const inputs = Array.from({ length: 200 }, (_, i) => {
      const first = next(3);
      const lines = [{ sku: skus[first]!, quantity: 1 + next(3) }];
      if (next(3) === 0) lines.push({ sku: skus[(first + 1 + next(2)) % 3]!, quantity: 1 + next(2) });
      return {
        idempotencyKey: `burst-${i}`,
        channel: channels[i % 4]!,
        customer: { email: `burst${i % 37}@example.com`, name: `Burst ${i}` },
        shipTo: address,
        lines,
        ...(i % 10 === 0 ? { riskSignals: ['AVS_MISMATCH'] } : {}),
      };
    });
    const answers = await Promise.all(inputs.map((input) => postGraphQL(stack.gateway.url, PLACE, { input })));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const payloads = answers.map((a) => a.data!.placeOrder);
    const refused = payloads.filter((p) => p.userErrors.length > 0);
    for (const p of refused) expect(p.userErrors.every((e: { code: string }) => e.code === 'INSUFFICIENT_STOCK')).toBe(true);
    const statuses = payloads.filter((p) => p.order).map((p) => p.order.status as string);
    // Demand is well above supply: some orders got stock, others wait or were refused.
    expect(statuses.filter((s) => s === 'BACKORDERED').length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 'BACKORDERED').length).toBeGreaterThan(10);
    expect(refused.length + statuses.length).toBe(200);

    // Every position: reserved never above on hand, available never negative, reserved = its active reservations.
    const positions = await rows<{ productId: string; locationId: string; onHand: number; reserved: number; active: number }>(sql`
      select p.product_id as "productId", p.location_id as "locationId", p.on_hand as "onHand", p.reserved,
             coalesce((select sum(r.quantity) from inventory.reservations r
                       where r.product_id = p.product_id and r.location_id = p.location_id and r.status = 'ACTIVE'), 0)::int as active
      from inventory.positions p`);
    for (const p of positions) {
      expect(p.reserved, `${p.productId}@${p.locationId}`).toBeLessThanOrEqual(p.onHand);
      expect(p.onHand - p.reserved).toBeGreaterThanOrEqual(0);
      expect(p.reserved).toBe(Number(p.active));
    }
    // Scarce stock went out: the hot SKUs are (nearly) all reserved.
    const totalReserved = positions.reduce((n, p) => n + p.reserved, 0);
    expect(totalReserved).toBeGreaterThan(40);

    // Orders' allocations and inventory's active reservations are the same units, one for one.
    const allocations = await rows<{ orderLineId: string; locationId: string; quantity: number }>(sql`
      select a.order_line_id as "orderLineId", a.location_id as "locationId", a.quantity from orders.allocations a`);
    const reservations = await rows<{ orderLineId: string; locationId: string; quantity: number }>(sql`
      select r.order_line_id as "orderLineId", r.location_id as "locationId", r.quantity from inventory.reservations r where r.status = 'ACTIVE'`);
    expect(held(allocations)).toEqual(held(reservations));
    expect(allocations.reduce((n, a) => n + Number(a.quantity), 0)).toBe(totalReserved);

    // Each line holds exactly its quantity or nothing: all of it once allocated, none while backordered (an order
    // stopped for review may hold either); an order that was refused holds nothing.
    const lines = await rows<{ status: string; quantity: number; allocated: number }>(sql`
      select o.status, l.quantity, coalesce((select sum(a.quantity) from orders.allocations a where a.order_line_id = l.id), 0)::int as allocated
      from orders.order_lines l join orders.orders o on o.id = l.order_id`);
    for (const line of lines) {
      if (line.status === 'BACKORDERED') expect(line.allocated).toBe(0);
      else if (line.status === 'ALLOCATED' || line.status === 'RELEASED') expect(line.allocated).toBe(line.quantity);
      else expect([0, line.quantity]).toContain(line.allocated);
    }
    const [orphans] = await rows<{ n: number }>(sql`
      select count(*)::int as n from inventory.reservations r where r.status = 'ACTIVE'
      and not exists (select 1 from orders.orders o where o.id = r.order_id)`);
    expect(orphans!.n).toBe(0);
    const [pending] = await rows<{ n: number }>(sql`select count(*)::int as n from orders.stock_requests where status = 'PENDING'`);
    expect(pending!.n).toBe(0);

    // The gateway shows the same: reserved per product equals what orders allocated of it.
    for (const sku of skus) {
      const { product } = await gql(`query($sku: String!) { product(sku: $sku) { id inventory { onHand reserved available } } }`, { sku });
      const [allocated] = await rows<{ n: number }>(sql`
        select coalesce(sum(a.quantity), 0)::int as n from orders.allocations a join orders.order_lines l on l.id = a.order_line_id
        where l.product_id = ${product.id}`);
      expect(product.inventory.reserved).toBe(allocated!.n);
      expect(product.inventory.available).toBeGreaterThanOrEqual(0);
    }
  });

  it('retries with the same key, all at once, make one order each and reserve once', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `retry-${i}`);
    const calls = keys.flatMap((key, i) =>
      Array.from({ length: 5 }, () => ({
        idempotencyKey: key,
        channel: ['WEB', 'AMAZON', 'EBAY'][i % 3]!,
        customer: { email: `retry${i}@example.com`, name: `Retry ${i}` },
        shipTo: address,
        lines: [{ sku: 'RETRY', quantity: 1 + (i % 4) }],
      })),
    );
    const answers = await Promise.all(calls.map((input) => postGraphQL(stack.gateway.url, PLACE, { input })));
    const byKey = new Map<string, Set<string>>();
    for (const [i, answer] of answers.entries()) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.placeOrder.userErrors).toEqual([]);
      const key = calls[i]!.idempotencyKey;
      byKey.set(key, (byKey.get(key) ?? new Set()).add(answer.data!.placeOrder.order.id));
    }
    for (const [key, ids] of byKey) expect(ids.size, key).toBe(1);

    const [orders] = await rows<{ n: number }>(sql`select count(*)::int as n from orders.orders where idempotency_key like '%:retry-%'`);
    expect(orders!.n).toBe(20);
    const expected = keys.reduce((n, _, i) => n + 1 + (i % 4), 0);
    const [reserved] = await rows<{ n: number }>(sql`
      select coalesce(sum(r.quantity), 0)::int as n from inventory.reservations r
      join orders.orders o on o.id = r.order_id where o.idempotency_key like '%:retry-%' and r.status = 'ACTIVE'`);
    expect(reserved!.n).toBe(expected);
    const { product } = await gql(`{ product(sku: "RETRY") { inventory { reserved } } }`);
    expect(product.inventory.reserved).toBe(expected);
  });
});
