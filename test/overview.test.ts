import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnHeaders, returnLines, type Database } from '@opsgraph/db';
import { createTestDb } from '@opsgraph/db/testing';
import { postGraphQL } from '@opsgraph/kit/testing';
import { createOrdersSubgraph } from '@opsgraph/orders';
import { seedDemo } from '../scripts/seed/index';
import { startStack, type Stack } from '../scripts/stack';
import { buildWorld, gatewayClient, receive } from './support/world';

// The operations overview through the gateway: orders' figures, inventory's stock and returns' rate, on a small
// world whose every figure can be worked out by hand, then on the demo seed. Orders runs with a movable clock,
// so orders are placed and shipped hours apart.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const OVERVIEW = `query($days: Int) { opsOverview(days: $days) {
  windowStart windowEnd ordersPlaced unitsOrdered fillRate perfectOrderRate onTimeShipWithinHours orderCycleTimeHoursP50
  ordersShipped unitsShipped backorderedUnits backorderedOrders openExceptions openExceptionsPastDue
  weeks { weekStart ordersPlaced unitsOrdered fillRate ordersShipped unitsShipped perfectOrderRate orderCycleTimeHoursP50 exceptionsOpened }
  byChannel { channel { code name } ordersPlaced unitsOrdered fillRate ordersShipped unitsShipped perfectOrderRate orderCycleTimeHoursP50
              backorderedUnits backorderedOrders openExceptions }
  stock { onHand reserved available inTransit qualityHold damaged returnPending products productsOutOfStock }
  returnRate unitsReturned returnsRequested returnedUnitsByReason { reason units }
} }`;

/** Statements a request runs: background work can only add some, so the fewest of a few runs is the request's own. */
async function statementsFor(run: () => Promise<unknown>, counter: () => number): Promise<number> {
  await run();
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const before = counter();
    await run();
    counts.push(counter() - before);
  }
  return Math.min(...counts);
}

/** Monday 00:00 UTC of the week `at` falls in. */
function weekOf(at: string): string {
  const day = new Date(at);
  const monday = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - ((day.getUTCDay() + 6) % 7) * DAY;
  return new Date(monday).toISOString();
}

describe('on a small world of its own', () => {
  let statements = 0;
  let database: Database;
  let stack: Stack;
  let gql: ReturnType<typeof gatewayClient>;
  let offsetMs = 0;
  /** Orders' clock stands `hours` before now. */
  const hoursAgo = (hours: number) => (offsetMs = -hours * HOUR);
  const orders = createOrdersSubgraph({
    clock: () => new Date(Date.now() + offsetMs),
    // No SLA watch while the test runs (it would open SLA_BREACH exceptions); backorder fills run on their own.
    workers: { slaEveryMs: 3_600_000, reconcileEveryMs: 3_600_000, pollMs: 200 },
  });

  type Placed = { id: string; status: string; createdAt: string; lines: { id: string }[] };
  let customers = 0;
  async function place(channel: string, lines: [string, number][], riskSignals: string[] = []): Promise<Placed> {
    const n = ++customers;
    const data = await gql(
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id status createdAt lines { id } } userErrors { code message } } }`,
      {
        input: {
          idempotencyKey: `overview-${n}`,
          channel,
          riskSignals,
          customer: { email: `overview${n}@example.com`, name: `Customer ${n}` },
          shipTo: { line1: '1 Main St', city: 'Springfield', postalCode: '01101', country: 'US' },
          lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
        },
      },
    );
    expect(data.placeOrder.userErrors).toEqual([]);
    return data.placeOrder.order;
  }
  async function act(mutation: string, input: Record<string, unknown>, status: string) {
    const type = `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
    const data = await gql(`mutation($input: ${type}!) { ${mutation}(input: $input) { order { status } userErrors { code message } } }`, { input });
    expect(data[mutation].userErrors, mutation).toEqual([]);
    expect(data[mutation].order.status, mutation).toBe(status);
  }
  const ship = (order: Placed) => act('confirmShipment', { orderId: order.id, carrier: 'UPS', trackingNumber: `1Z${order.id}` }, 'SHIPPED');
  const statusOf = async (id: string): Promise<string> => (await gql(`query($id: ID!) { order(id: $id) { status } }`, { id })).order.status;

  /** Every order of the world, with when it was placed and shipped (as the API reports them). */
  let all: Placed[] = [];

  beforeAll(async () => {
    database = await createTestDb({ onQuery: () => statements++ });
    await buildWorld(database, [
      { sku: 'TEE', priceMinor: 2000 },
      { sku: 'CAP', priceMinor: 1500 },
      { sku: 'MUG', priceMinor: 1250 },
      { sku: 'SOCK', priceMinor: 500 },
    ]);
    stack = await startStack(database, {
      gatewayPort: 0,
      host: '127.0.0.1',
      subgraphPorts: { catalog: 0, inventory: 0, orders: 0, returns: 0, finance: 0 },
      definitions: { orders },
    });
    gql = gatewayClient(stack.gateway.url);
    await receive(gql, 'TEE', 'WH-EAST', 10);
    await receive(gql, 'CAP', 'WH-EAST', 5);

    // H: placed and shipped 40 and 39 days ago: outside a 30-day window, inside the 12-week trend.
    hoursAgo(40 * 24);
    const h = await place('WEB', [['CAP', 1]]);
    await act('releaseOrder', { orderId: h.id }, 'RELEASED');
    hoursAgo(39 * 24);
    await ship(h);

    // A ships 10 h after placement, untouched: the one perfect order. B ships after 60 h: late.
    hoursAgo(100);
    const a = await place('WEB', [['TEE', 2]]);
    const b = await place('WEB', [['TEE', 1], ['CAP', 1]]);
    await act('releaseOrder', { orderId: a.id }, 'RELEASED');
    await act('releaseOrder', { orderId: b.id }, 'RELEASED');
    hoursAgo(90);
    await ship(a);

    // C (AMAZON) is reviewed (a risk signal on a first order), approved and shipped after 20 h.
    hoursAgo(80);
    const c = await place('AMAZON', [['TEE', 3]], ['AVS_MISMATCH']);
    expect(c.status).toBe('RISK_REVIEW');
    await act('approveOrder', { orderId: c.id }, 'ALLOCATED');
    await act('releaseOrder', { orderId: c.id }, 'RELEASED');
    hoursAgo(60);
    await ship(c);

    // D (WEB) and E (AMAZON) find no MUG: backordered. One MUG arrives at the 3PL, which only AMAZON ships from.
    hoursAgo(50);
    const d = await place('WEB', [['MUG', 4]]);
    const e = await place('AMAZON', [['MUG', 1]]);
    expect([d.status, e.status]).toEqual(['BACKORDERED', 'BACKORDERED']);
    hoursAgo(45);
    await receive(gql, 'MUG', '3PL-FLEX', 1);
    for (let waited = 0; (await statusOf(e.id)) === 'BACKORDERED'; waited += 100) {
      if (waited > 10_000) throw new Error('E was not filled');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await act('releaseOrder', { orderId: e.id }, 'RELEASED');
    hoursAgo(40);
    await ship(b);

    // G is allocated, then cancelled; E ships 40 h after placement (it waited as a backorder).
    hoursAgo(20);
    const g = await place('WEB', [['CAP', 1]]);
    await act('cancelOrder', { orderId: g.id, reason: 'Customer changed their mind' }, 'CANCELLED');
    hoursAgo(10);
    await ship(e);

    // F (WEB) waits for review, holding its TEE: not sourced yet. Its exception is not due before 4 h.
    hoursAgo(2);
    const f = await place('WEB', [['TEE', 1]], ['NEW_DEVICE']);
    expect(f.status).toBe('RISK_REVIEW');
    hoursAgo(0);
    all = [h, a, b, c, d, e, f, g];

    // Returns has no API to request returns yet: rows as the returns subgraph would write them.
    const now = Date.now();
    await database.db.insert(returnHeaders).values([
      { id: 'ret_a', number: 'RMA-1', orderId: a.id, status: 'REQUESTED', createdAt: new Date(now - HOUR) },
      { id: 'ret_c', number: 'RMA-2', orderId: c.id, status: 'RECEIVED', createdAt: new Date(now - 2 * HOUR) },
      { id: 'ret_e', number: 'RMA-3', orderId: e.id, status: 'REJECTED', createdAt: new Date(now - HOUR) },
      { id: 'ret_h', number: 'RMA-4', orderId: h.id, status: 'REFUNDED', createdAt: new Date(now - 35 * DAY) },
    ]);
    await database.db.insert(returnLines).values([
      { returnId: 'ret_a', orderLineId: a.lines[0]!.id, quantity: 1, reason: 'WRONG_SIZE' },
      { returnId: 'ret_c', orderLineId: c.lines[0]!.id, quantity: 2, reason: 'DAMAGED' },
      { returnId: 'ret_e', orderLineId: e.lines[0]!.id, quantity: 1, reason: 'CHANGED_MIND' },
      { returnId: 'ret_h', orderLineId: h.lines[0]!.id, quantity: 1, reason: 'CHANGED_MIND' },
    ]);
  });
  afterAll(async () => {
    await stack?.stop();
    await database?.close();
  });

  it('counts the last 30 days as a person would: fill rate, perfect orders, cycle time, backorders, exceptions', async () => {
    const { opsOverview: o } = await gql(OVERVIEW);
    expect(new Date(o.windowEnd).getTime() - new Date(o.windowStart).getTime()).toBe(30 * DAY);
    expect(Math.abs(new Date(o.windowEnd).getTime() - Date.now())).toBeLessThan(60_000);
    expect(o).toMatchObject({
      // A, B, C, D, E, F, G (H is older): 2 + 2 + 3 + 4 + 1 + 1 + 1 units.
      ordersPlaced: 7,
      unitsOrdered: 14,
      // Sourced: all but F (in review) = 13 units; D (4) and E (1) waited as backorders: 8 of 13 filled from stock.
      fillRate: 8 / 13,
      // Shipped: A (10 h, perfect), B (60 h, late), C (20 h, reviewed), E (40 h, backordered).
      ordersShipped: 4,
      unitsShipped: 8,
      perfectOrderRate: 1 / 4,
      onTimeShipWithinHours: 48,
      // Now: D still waits for 4 MUGs; D's backorder (due after 24 h) and F's review (due in 2 h) are open.
      backorderedUnits: 4,
      backorderedOrders: 1,
      openExceptions: 2,
      openExceptionsPastDue: 1,
    });
    // Median of 10, 20, 40 and 60 hours (clock readings a few milliseconds apart).
    expect(o.orderCycleTimeHoursP50).toBeCloseTo(30, 3);
  });

  it('narrows to the window asked for: the last day', async () => {
    const { opsOverview: o } = await gql(OVERVIEW, { days: 1 });
    // F and G placed; only G sourced (and filled); only E shipped.
    expect(o).toMatchObject({ ordersPlaced: 2, unitsOrdered: 2, fillRate: 1, ordersShipped: 1, unitsShipped: 1, perfectOrderRate: 0, backorderedUnits: 4 });
    expect(o.orderCycleTimeHoursP50).toBeCloseTo(40, 3);
    // Returns counted in the same window: A's and C's, requested in the last hours.
    expect(o).toMatchObject({ unitsReturned: 3, returnRate: 3 / 1 });
  });

  it('gives each channel its own figures, every channel listed in priority order', async () => {
    const { opsOverview: o } = await gql(OVERVIEW);
    const channel = (code: string) => o.byChannel.find((c: { channel: { code: string } }) => c.channel.code === code);
    expect(o.byChannel.map((c: { channel: { code: string; name: string } }) => c.channel.code)).toEqual(['WEB', 'AMAZON', 'EBAY', 'B2B']);
    // The channel's name comes from catalog, through the gateway.
    expect(channel('WEB').channel.name).toBe('WEB channel');
    // WEB: A, B, D, F, G placed (10 units); sourced A, B, D, G (9), D short; A and B shipped.
    expect(channel('WEB')).toMatchObject({
      ordersPlaced: 5, unitsOrdered: 10, fillRate: 5 / 9, ordersShipped: 2, unitsShipped: 4, perfectOrderRate: 1 / 2,
      backorderedUnits: 4, backorderedOrders: 1, openExceptions: 2,
    });
    expect(channel('WEB').orderCycleTimeHoursP50).toBeCloseTo(35, 3);
    // AMAZON: C and E (4 units), E short; both shipped, neither perfect.
    expect(channel('AMAZON')).toMatchObject({
      ordersPlaced: 2, unitsOrdered: 4, fillRate: 3 / 4, ordersShipped: 2, unitsShipped: 4, perfectOrderRate: 0,
      backorderedUnits: 0, backorderedOrders: 0, openExceptions: 0,
    });
    expect(channel('AMAZON').orderCycleTimeHoursP50).toBeCloseTo(30, 3);
    // Nothing to measure on EBAY: counts are 0 and rates null, not a made-up 0% or 100%.
    expect(channel('EBAY')).toMatchObject({ ordersPlaced: 0, fillRate: null, perfectOrderRate: null, orderCycleTimeHoursP50: null, openExceptions: 0 });
  });

  it('trends the last 12 weeks, Monday to Monday, oldest first, each order in the week it was placed and shipped', async () => {
    const { opsOverview: o } = await gql(OVERVIEW);
    expect(o.weeks).toHaveLength(12);
    const starts = o.weeks.map((w: { weekStart: string }) => w.weekStart);
    expect(starts.at(-1)).toBe(weekOf(new Date().toISOString()));
    starts.forEach((start: string, i: number) => {
      expect(new Date(start).getUTCDay()).toBe(1);
      if (i > 0) expect(new Date(start).getTime() - new Date(starts[i - 1]).getTime()).toBe(7 * DAY);
    });

    const { orders } = await gql(`{ orders(first: 50) { nodes { id createdAt shipments { shippedAt } } } }`);
    const expected = new Map<string, { placed: number; shipped: number }>(starts.map((s: string) => [s, { placed: 0, shipped: 0 }]));
    for (const order of orders.nodes as { createdAt: string; shipments: { shippedAt: string }[] }[]) {
      expected.get(weekOf(order.createdAt))!.placed++;
      for (const s of order.shipments) expected.get(weekOf(s.shippedAt))!.shipped++;
    }
    expect(orders.nodes).toHaveLength(all.length);
    expect(o.weeks.map((w: { ordersPlaced: number; ordersShipped: number }) => [w.ordersPlaced, w.ordersShipped])).toEqual(
      [...expected.values()].map((e) => [e.placed, e.shipped]),
    );
    // Every exception opened: C's and F's reviews, D's and E's backorders.
    expect(o.weeks.reduce((sum: number, w: { exceptionsOpened: number }) => sum + w.exceptionsOpened, 0)).toBe(4);
    const quiet = o.weeks.find((w: { ordersPlaced: number; ordersShipped: number }) => w.ordersPlaced === 0 && w.ordersShipped === 0);
    expect(quiet).toMatchObject({ fillRate: null, perfectOrderRate: null, orderCycleTimeHoursP50: null });
  });

  it("takes stock from inventory and returns from returns, each from its own subgraph", async () => {
    const { opsOverview: o } = await gql(OVERVIEW);
    // TEE 10 - 6 shipped, 1 held for F; CAP 5 - 2 shipped (G's came back); MUG 1 - 1 shipped; SOCK never stocked.
    expect(o.stock).toEqual({ onHand: 7, reserved: 1, available: 6, inTransit: 0, qualityHold: 0, damaged: 0, returnPending: 0, products: 4, productsOutOfStock: 2 });
    // A's 1 and C's 2 units (E's return was rejected, H's is older) over the 8 units shipped in the window.
    expect(o).toMatchObject({
      unitsReturned: 3,
      returnsRequested: 2,
      returnRate: 3 / 8,
      returnedUnitsByReason: [{ reason: 'DAMAGED', units: 2 }, { reason: 'WRONG_SIZE', units: 1 }],
    });
  });

  it('runs six SQL statements for the whole overview: three in orders, one each in inventory, returns and catalog', async () => {
    // Catalog's is the channels' names.
    expect(await statementsFor(() => gql(OVERVIEW), () => statements)).toBe(6);
  });

  it('refuses a window outside 1 to 365 days with BAD_USER_INPUT', async () => {
    for (const days of [0, -1, 366]) {
      const result = await postGraphQL(stack.gateway.url, OVERVIEW, { days });
      expect(result.data ?? null).toBeNull();
      expect(result.errors).toMatchObject([{ message: expect.stringMatching(/days/), extensions: { code: 'BAD_USER_INPUT' } }]);
    }
  });
});

/** A moment at which this small demo's history (deterministic for a given end) leaves exceptions open. */
const SEED_END = new Date('2026-11-25T03:00:00Z');

describe('on the demo seed', () => {
  let statements = 0;
  let database: Database;
  let stack: Stack;

  beforeAll(async () => {
    database = await createTestDb({ onQuery: () => statements++ });
    // A history that ends at a fixed moment, read as of that moment: a small demo has few exceptions open, and
    // whether any is depends on when its history ends, so "now" is pinned.
    await seedDemo(database.db, { products: 60, orders: 400, days: 90, end: SEED_END });
    stack = await startStack(database, {
      gatewayPort: 0,
      host: '127.0.0.1',
      subgraphPorts: { catalog: 0, inventory: 0, orders: 0, returns: 0, finance: 0 },
      definitions: { orders: createOrdersSubgraph({ clock: () => SEED_END }) },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await database?.close();
  });

  it('gives sensible figures that add up across channels, with the same six statements', async () => {
    const gql = gatewayClient(stack.gateway.url);
    const { opsOverview: o } = await gql(OVERVIEW);
    expect(o.ordersPlaced).toBeGreaterThan(0);
    for (const rate of [o.fillRate, o.perfectOrderRate]) {
      expect(rate).toBeGreaterThan(0);
      expect(rate).toBeLessThanOrEqual(1);
    }
    expect(o.orderCycleTimeHoursP50).toBeGreaterThan(0);
    expect(o.openExceptions).toBeGreaterThan(0);
    expect(o.returnRate).toBeGreaterThan(0);
    expect(o.returnRate).toBeLessThan(1);
    expect(o.stock.onHand).toBeGreaterThan(0);
    expect(o.stock.available).toBe(o.stock.onHand - o.stock.reserved);
    const sum = (key: string) => o.byChannel.reduce((total: number, c: Record<string, number>) => total + c[key]!, 0);
    for (const key of ['ordersPlaced', 'unitsOrdered', 'ordersShipped', 'unitsShipped', 'backorderedUnits', 'backorderedOrders', 'openExceptions']) {
      expect(sum(key), key).toBe(o[key]);
    }
    expect(o.weeks.filter((w: { ordersPlaced: number }) => w.ordersPlaced > 0).length).toBeGreaterThanOrEqual(10);
    expect(await statementsFor(() => gql(OVERVIEW), () => statements)).toBe(6);
  });
});
