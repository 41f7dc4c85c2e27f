import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { executeRows, orderExceptions, orderHeaders, ordersEvents, reservations, stockRequests } from '@opsgraph/db';
import { createTestDb } from '@opsgraph/db/testing';
import { UserErrors } from '@opsgraph/kit';
import { postGraphQL } from '@opsgraph/kit/testing';
import { createOrdersSubgraph } from '@opsgraph/orders';
import { approveOrder, cancelOrder } from '../subgraphs/orders/src/actions';
import { createOrdersDeps, type OrdersDeps } from '../subgraphs/orders/src/deps';
import { raiseSlaBreaches } from '../subgraphs/orders/src/exceptions';
import { createInventoryClient } from '../subgraphs/orders/src/inventoryClient';
import { placeOrder } from '../subgraphs/orders/src/placement';
import { reconcileStockRequests } from '../subgraphs/orders/src/reconciler';
import { startOrdersWorkers } from '../subgraphs/orders/src/workers';
import { startStack, type Stack } from '../scripts/stack';
import { buildWorld, gatewayClient, receive } from './support/world';

// Orders through the gateway, on a small world of its own: the five subgraphs and the gateway over real HTTP.
// Orders runs with a movable clock (SLA) and a fault hook that acts out a crash after inventory reserved.
const database = await createTestDb();
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
const crashAfterReserving = new Set<string>();
const orders = createOrdersSubgraph({
  clock,
  hooks: {
    afterReserve(request) {
      if (crashAfterReserving.has(request.key)) throw new Error(`simulated crash after reserving ${request.key}`);
    },
  },
  // The tests drive the SLA watch and the reconciler themselves; backorder fills run on their own.
  workers: { slaEveryMs: 3_600_000, reconcileEveryMs: 3_600_000, pollMs: 200 },
});
let stack: Stack;
let gql: ReturnType<typeof gatewayClient>;
let deps: OrdersDeps;
/** Orders with an inventory that does not answer. */
let cutOff: OrdersDeps;

beforeAll(async () => {
  await buildWorld(database, [
    { sku: 'TEE', priceMinor: 2000 },
    { sku: 'MUG', priceMinor: 1250, channelPrices: { AMAZON: 1300 } },
    { sku: 'CAP', priceMinor: 1500 },
    { sku: 'BAG', priceMinor: 4500 },
    { sku: 'HAT', priceMinor: 1800 },
    { sku: 'LAMP', priceMinor: 30_000 },
    { sku: 'SOCK', priceMinor: 500 },
    { sku: 'BOX', priceMinor: 900 },
  ]);
  stack = await startStack(database, {
    gatewayPort: 0,
    host: '127.0.0.1',
    subgraphPorts: { catalog: 0, inventory: 0, orders: 0, returns: 0, finance: 0 },
    definitions: { orders },
  });
  gql = gatewayClient(stack.gateway.url);
  deps = orders.depsFor(database, { inventory: stack.subgraphs.inventory.url });
  cutOff = createOrdersDeps(database.db, createInventoryClient('http://127.0.0.1:9/graphql', { timeoutMs: 2_000 }), { clock });
  for (const [sku, location, quantity] of [
    ['TEE', 'WH-EAST', 10],
    ['MUG', 'WH-EAST', 20],
    ['LAMP', 'WH-EAST', 5],
    ['SOCK', 'WH-WEST', 50],
    ['BOX', 'WH-EAST', 6],
  ] as const) {
    await receive(gql, sku, location, quantity);
  }
});
afterAll(async () => {
  await stack?.stop();
  await database?.close();
});

const ORDER = `id number status total { amount currencyCode } channel { code }
  lines { sku quantity unitPrice { amount currencyCode } allocations { quantity location { code } } }
  history { from to actor reason rule }
  exceptions { id cause status resolvedBy resolution breached }
  shipments { carrier trackingNumber }`;

type UserError = { field: string[] | null; code: string; message: string };
type OrderView = {
  id: string;
  number: string;
  status: string;
  total: { amount: string; currencyCode: string };
  lines: { sku: string; quantity: number; unitPrice: { amount: string }; allocations: { quantity: number; location: { code: string } }[] }[];
  history: { from: string | null; to: string; actor: string; reason: string | null; rule: string | null }[];
  exceptions: { id: string; cause: string; status: string; resolvedBy: string | null; resolution: string | null; breached: boolean }[];
  shipments: { carrier: string; trackingNumber: string }[];
};
type Payload = { order: OrderView | null; userErrors: UserError[] };

let keys = 0;
const address = { line1: '1 Main St', city: 'Springfield', postalCode: '01101', country: 'US' };

function orderInput(patch: Record<string, unknown> = {}) {
  return {
    idempotencyKey: `key-${++keys}`,
    channel: 'WEB',
    customer: { email: `buyer${keys}@example.com`, name: `Buyer ${keys}` },
    shipTo: address,
    lines: [{ sku: 'TEE', quantity: 1 }],
    ...patch,
  };
}

async function place(input: Record<string, unknown>): Promise<Payload> {
  const data = await gql(`mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { ${ORDER} } userErrors { field code message } } }`, {
    input,
  });
  return data.placeOrder;
}

/** Places an order that must be accepted. */
async function placed(input: Record<string, unknown>): Promise<OrderView> {
  const payload = await place(input);
  expect(payload.userErrors).toEqual([]);
  return payload.order!;
}

async function act(mutation: string, input: Record<string, unknown>): Promise<Payload> {
  const data = await gql(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) {
    ${mutation}(input: $input) { order { ${ORDER} } userErrors { field code message } } }`, { input });
  return data[mutation];
}

/** Runs a workflow mutation that must succeed and expects the order's new status. */
async function step(mutation: string, input: Record<string, unknown>, status: string): Promise<OrderView> {
  const payload = await act(mutation, input);
  expect(payload.userErrors, mutation).toEqual([]);
  expect(payload.order!.status, mutation).toBe(status);
  return payload.order!;
}

async function readOrder(id: string): Promise<OrderView> {
  return (await gql(`query($id: ID!) { order(id: $id) { ${ORDER} } }`, { id })).order;
}

/** Stock of a product through the gateway: totals and per location. */
async function stockOf(sku: string) {
  const data = await gql(`query($sku: String!) { product(sku: $sku) { inventory { onHand reserved available levels { location { code } onHand reserved } } } }`, {
    sku,
  });
  const { onHand, reserved, available, levels } = data.product.inventory;
  return {
    onHand,
    reserved,
    available,
    at: Object.fromEntries(levels.map((l: { location: { code: string }; onHand: number; reserved: number }) => [l.location.code, [l.onHand, l.reserved]])),
  };
}

const transitions = (order: OrderView) => order.history.map((h) => `${h.from ?? '-'}>${h.to} ${h.actor}${h.rule ? ` ${h.rule}` : ''}`);

/** Runs `run` with console.error silenced: for faults the test injects on purpose (they are logged as unexpected). */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const error = console.error;
  console.error = () => {};
  try {
    return await run();
  } finally {
    console.error = error;
  }
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('an order through its whole life', () => {
  it('is placed, reviewed, approved, released, picked, packed, shipped and delivered, with stock and history at each step', async () => {
    const email = 'first.timer@example.com';
    const input = orderInput({ customer: { email, name: 'First Timer' }, riskSignals: ['AVS_MISMATCH'], lines: [{ sku: 'TEE', quantity: 2 }] });
    const order = await placed(input);
    // A risk signal on a first order: a person reviews it; its stock is held meanwhile.
    expect(order).toMatchObject({
      status: 'RISK_REVIEW',
      number: expect.stringMatching(/^SO-\d+$/),
      total: { amount: '40.00', currencyCode: 'USD' },
      channel: { code: 'WEB' },
      lines: [{ sku: 'TEE', quantity: 2, unitPrice: { amount: '20.00' }, allocations: [{ quantity: 2, location: { code: 'WH-EAST' } }] }],
    });
    expect(transitions(order)).toEqual(['->CAPTURED api', 'CAPTURED>RISK_REVIEW system NEW_CUSTOMER_RISK']);
    expect(order.exceptions).toMatchObject([{ cause: 'RISK_REVIEW', status: 'OPEN', breached: false }]);
    expect(await stockOf('TEE')).toMatchObject({ onHand: 10, reserved: 2, available: 8, at: { 'WH-EAST': [10, 2] } });

    const approved = await step('approveOrder', { orderId: order.id, reason: 'Verified by phone' }, 'ALLOCATED');
    expect(approved.history.at(-1)).toEqual({ from: 'RISK_REVIEW', to: 'ALLOCATED', actor: 'api', reason: 'Verified by phone; allocated from WH-EAST', rule: null });
    expect(approved.exceptions).toMatchObject([{ cause: 'RISK_REVIEW', status: 'RESOLVED', resolvedBy: 'api', resolution: 'Verified by phone' }]);
    expect((await stockOf('TEE')).reserved).toBe(2);

    await step('releaseOrder', { orderId: order.id }, 'RELEASED');
    await step('pickOrder', { orderId: order.id }, 'PICKED');
    await step('packOrder', { orderId: order.id }, 'PACKED');
    expect(await stockOf('TEE')).toMatchObject({ onHand: 10, reserved: 2 });

    const shipped = await step('confirmShipment', { orderId: order.id, carrier: 'UPS', trackingNumber: '1Z999' }, 'SHIPPED');
    expect(shipped.shipments).toEqual([{ carrier: 'UPS', trackingNumber: '1Z999' }]);
    // The reservation is consumed: the units left on hand.
    expect(await stockOf('TEE')).toMatchObject({ onHand: 8, reserved: 0, available: 8, at: { 'WH-EAST': [8, 0] } });

    const delivered = await step('deliverOrder', { orderId: order.id }, 'DELIVERED');
    expect(transitions(delivered)).toEqual([
      '->CAPTURED api',
      'CAPTURED>RISK_REVIEW system NEW_CUSTOMER_RISK',
      'RISK_REVIEW>ALLOCATED api',
      'ALLOCATED>RELEASED api',
      'RELEASED>PICKED api',
      'PICKED>PACKED api',
      'PACKED>SHIPPED api',
      'SHIPPED>DELIVERED api',
    ]);
    expect(delivered.history.find((h) => h.to === 'SHIPPED')!.reason).toBe('UPS 1Z999');
    // Closed: nothing more happens to it.
    expect((await act('cancelOrder', { orderId: order.id })).userErrors).toMatchObject([{ code: 'ILLEGAL_TRANSITION', field: ['input', 'orderId'] }]);

    // The same customer again, without risk signals: a repeat low-risk customer is released automatically.
    const again = await placed(orderInput({ customer: { email, name: 'First Timer' } }));
    expect(again.status).toBe('RELEASED');
    expect(transitions(again)).toEqual(['->CAPTURED api', 'CAPTURED>ALLOCATED system', 'ALLOCATED>RELEASED system REPEAT_LOW_RISK']);
    expect(again.history.at(-1)!.reason).toMatch(/Repeat customer/);
  });

  it('records every change in the outbox, in order', async () => {
    const order = await placed(orderInput({ lines: [{ sku: 'TEE', quantity: 1 }] }));
    await step('cancelOrder', { orderId: order.id, reason: 'Customer asked' }, 'CANCELLED');
    const events = await database.db
      .select({ type: ordersEvents.type, payload: ordersEvents.payload })
      .from(ordersEvents)
      .where(eq(ordersEvents.entityId, order.id))
      .orderBy(ordersEvents.seq);
    expect(events.map((e) => `${e.type}${e.payload.to ? ` ${e.payload.to}` : ''}`)).toEqual([
      'OrderCaptured',
      'OrderAllocated',
      'OrderStatusChanged CAPTURED',
      'OrderStatusChanged ALLOCATED',
      'OrderStatusChanged CANCELLED',
    ]);
  });

  it('prices at the channel price captured with the order', async () => {
    const order = await placed(orderInput({ channel: 'AMAZON', lines: [{ sku: 'MUG', quantity: 2 }] }));
    expect(order.lines[0]!.unitPrice.amount).toBe('13.00');
    expect(order.total.amount).toBe('26.00');
    await step('cancelOrder', { orderId: order.id }, 'CANCELLED');
  });
});

describe('review, holds and cancellation', () => {
  it('reserves stock when a review that holds none is approved, or backorders it', async () => {
    const review = await placed(orderInput({ riskSignals: ['NEW_DEVICE'], lines: [{ sku: 'BAG', quantity: 2 }] }));
    expect(review.status).toBe('RISK_REVIEW');
    expect(review.lines[0]!.allocations).toEqual([]);
    const short = await placed(orderInput({ riskSignals: ['NEW_DEVICE'], lines: [{ sku: 'BAG', quantity: 5 }] }));

    await receive(gql, 'BAG', 'WH-WEST', 3);
    const approved = await step('approveOrder', { orderId: review.id }, 'ALLOCATED');
    expect(approved.lines[0]!.allocations).toEqual([{ quantity: 2, location: { code: 'WH-WEST' } }]);
    expect(await stockOf('BAG')).toMatchObject({ onHand: 3, reserved: 2 });

    const backordered = await step('approveOrder', { orderId: short.id, reason: 'Looks fine' }, 'BACKORDERED');
    expect(backordered.exceptions.map((e) => `${e.cause} ${e.status}`)).toEqual(['RISK_REVIEW RESOLVED', 'BACKORDER OPEN']);
    expect(await stockOf('BAG')).toMatchObject({ onHand: 3, reserved: 2 });
  });

  it('releases what it just reserved when the order moved on while inventory answered', async () => {
    const review = await placed(orderInput({ riskSignals: ['NEW_DEVICE'], lines: [{ sku: 'HAT', quantity: 1 }] }));
    expect(review.lines[0]!.allocations).toEqual([]);
    await receive(gql, 'HAT', 'WH-EAST', 1);
    const before = await stockOf('HAT');
    // Someone cancels the order after inventory reserved for the approval, before the approval is recorded.
    const racing: OrdersDeps = {
      ...deps,
      inventory: {
        ...deps.inventory,
        async reserveOrderStock(input) {
          const answer = await deps.inventory.reserveOrderStock(input);
          await cancelOrder(deps, { orderId: review.id, reason: 'Cancelled meanwhile' }, 'ops:bo');
          return answer;
        },
      },
    };
    const error = await approveOrder(racing, { orderId: review.id }, 'ops:ana').catch((e: unknown) => e);
    expect((error as UserErrors).userErrors).toMatchObject([{ code: 'ILLEGAL_TRANSITION', field: ['input', 'orderId'] }]);
    expect((await readOrder(review.id)).status).toBe('CANCELLED');
    expect(await stockOf('HAT')).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
    const [undo] = await database.db.select().from(stockRequests).where(eq(stockRequests.key, `undo:approve:${review.id}`));
    expect(undo).toMatchObject({ kind: 'RELEASE', status: 'DONE' });
  });

  it('answers ORDER_BUSY while another reservation for the order is in flight', async () => {
    const review = await placed(orderInput({ riskSignals: ['NEW_DEVICE'], lines: [{ sku: 'CAP', quantity: 99 }] }));
    const at = new Date();
    await database.db.insert(stockRequests).values({
      key: `fill:${review.id}:in-flight`,
      orderId: review.id,
      kind: 'RESERVE',
      requestHash: 'x',
      payload: {},
      createdAt: at,
      updatedAt: at,
    });
    try {
      expect((await act('approveOrder', { orderId: review.id })).userErrors).toMatchObject([{ code: 'ORDER_BUSY', field: ['input', 'orderId'] }]);
      expect((await readOrder(review.id)).status).toBe('RISK_REVIEW');
    } finally {
      await database.db.delete(stockRequests).where(eq(stockRequests.key, `fill:${review.id}:in-flight`));
    }
  });

  it('holds an address the rules cannot accept; lifting the hold releases it and resolves the exception', async () => {
    const held = await placed(orderInput({ shipTo: { ...address, country: 'DE', postalCode: '10115' }, lines: [{ sku: 'MUG', quantity: 1 }] }));
    expect(held.status).toBe('ON_HOLD');
    expect(transitions(held)).toEqual(['->CAPTURED api', 'CAPTURED>ON_HOLD system UNSERVED_COUNTRY']);
    expect(held.exceptions).toMatchObject([{ cause: 'ADDRESS_INVALID', status: 'OPEN' }]);
    expect(held.lines[0]!.allocations).toEqual([{ quantity: 1, location: { code: 'WH-EAST' } }]);

    const released = await step('releaseOrder', { orderId: held.id, reason: 'Address corrected' }, 'RELEASED');
    expect(released.exceptions).toMatchObject([{ cause: 'ADDRESS_INVALID', status: 'RESOLVED', resolution: 'Address corrected' }]);
  });

  it('puts an order on hold by hand and back: to the warehouse with stock, to the stock queue without', async () => {
    const order = await placed(orderInput({ lines: [{ sku: 'MUG', quantity: 1 }] }));
    const held = await step('holdOrder', { orderId: order.id, reason: 'Customer called' }, 'ON_HOLD');
    expect(held.exceptions).toMatchObject([{ cause: 'MANUAL_HOLD', status: 'OPEN' }]);
    const released = await step('releaseOrder', { orderId: order.id }, 'RELEASED');
    expect(released.exceptions).toMatchObject([{ cause: 'MANUAL_HOLD', status: 'RESOLVED' }]);

    const review = await placed(orderInput({ riskSignals: ['NEW_DEVICE'], lines: [{ sku: 'CAP', quantity: 50 }] }));
    await step('holdOrder', { orderId: review.id }, 'ON_HOLD');
    const waiting = await step('releaseOrder', { orderId: review.id }, 'BACKORDERED');
    expect(waiting.exceptions.find((e) => e.cause === 'BACKORDER')?.status).toBe('OPEN');
    await step('cancelOrder', { orderId: review.id }, 'CANCELLED');
  });

  it('cancels before shipping: the stock goes back and open exceptions are resolved', async () => {
    const before = await stockOf('MUG');
    const order = await placed(orderInput({ riskSignals: ['AVS_MISMATCH'], lines: [{ sku: 'MUG', quantity: 3 }] }));
    expect(order.status).toBe('RISK_REVIEW');
    expect((await stockOf('MUG')).reserved).toBe(before.reserved + 3);
    const cancelled = await step('cancelOrder', { orderId: order.id, reason: 'Fraud suspected' }, 'CANCELLED');
    expect(cancelled.exceptions).toMatchObject([{ cause: 'RISK_REVIEW', status: 'RESOLVED', resolution: 'Order cancelled: Fraud suspected' }]);
    expect(cancelled.lines[0]!.allocations).toEqual([]);
    expect(await stockOf('MUG')).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
  });
});

describe('backorders', () => {
  it('fill when stock arrives: the channel that wins scarce stock first, then the oldest', async () => {
    // AMAZON (priority 2) waits longest; WEB (priority 1) comes later but wins; EBAY (3) waits for a second receipt.
    const amazon = await placed(orderInput({ channel: 'AMAZON', lines: [{ sku: 'CAP', quantity: 2 }] }));
    const web = await placed(orderInput({ channel: 'WEB', lines: [{ sku: 'CAP', quantity: 2 }] }));
    const webLater = await placed(orderInput({ channel: 'WEB', lines: [{ sku: 'CAP', quantity: 1 }] }));
    for (const order of [amazon, web, webLater]) {
      expect(order.status).toBe('BACKORDERED');
      expect(order.exceptions).toMatchObject([{ cause: 'BACKORDER', status: 'OPEN' }]);
    }

    await receive(gql, 'CAP', 'WH-EAST', 3);
    const filled = await until(() => readOrder(webLater.id), (o) => o.status !== 'BACKORDERED', 'the later WEB backorder to fill');
    expect(filled.status).toBe('ALLOCATED');
    expect((await readOrder(web.id)).status).toBe('ALLOCATED');
    expect((await readOrder(amazon.id)).status).toBe('BACKORDERED');
    expect(filled.history.at(-1)).toMatchObject({ from: 'BACKORDERED', to: 'ALLOCATED', actor: 'system', reason: 'Stock arrived: allocated from WH-EAST' });
    expect(filled.exceptions).toMatchObject([{ cause: 'BACKORDER', status: 'RESOLVED', resolution: 'Stock arrived' }]);
    expect(await stockOf('CAP')).toMatchObject({ onHand: 3, reserved: 3 });

    await receive(gql, 'CAP', '3PL-FLEX', 2);
    const amazonFilled = await until(() => readOrder(amazon.id), (o) => o.status !== 'BACKORDERED', 'the AMAZON backorder to fill');
    expect(amazonFilled.lines[0]!.allocations).toEqual([{ quantity: 2, location: { code: '3PL-FLEX' } }]);
  });

  it('are refused outright on a channel whose policy is to refuse: INSUFFICIENT_STOCK per line, nothing written', async () => {
    await receive(gql, 'HAT', 'WH-WEST', 1);
    const before = await totals();
    const payload = await place(orderInput({ channel: 'B2B', lines: [{ sku: 'SOCK', quantity: 1 }, { sku: 'HAT', quantity: 2 }] }));
    expect(payload.order).toBeNull();
    expect(payload.userErrors).toEqual([{ field: ['input', 'lines', '1', 'quantity'], code: 'INSUFFICIENT_STOCK', message: expect.stringMatching(/Only 1 of HAT/) }]);
    expect(await totals()).toEqual(before);
  });
});

/** Everything placeOrder could write, in orders and inventory. */
async function totals() {
  const [ordersCount] = await database.db.select({ n: count() }).from(orderHeaders);
  const [requests] = await database.db.select({ n: count() }).from(stockRequests);
  const [held] = await database.db.select({ n: count() }).from(reservations);
  const [events] = await database.db.select({ n: count() }).from(ordersEvents);
  const [positions] = await executeRows<{ reserved: number }>(database.db, sql`select coalesce(sum(reserved), 0)::int as reserved from inventory.positions`);
  return { orders: ordersCount!.n, requests: requests!.n, reservations: held!.n, events: events!.n, reserved: Number(positions!.reserved) };
}

describe('bad input changes nothing', () => {
  const cases: [string, Record<string, unknown>, string[], string][] = [
    ['an unknown channel', { channel: 'NOWHERE' }, ['input', 'channel'], 'UNKNOWN_CHANNEL'],
    ['an unknown SKU', { lines: [{ sku: 'NOPE-404', quantity: 1 }] }, ['input', 'lines', '0', 'sku'], 'UNKNOWN_SKU'],
    ['a zero quantity', { lines: [{ sku: 'SOCK', quantity: 0 }] }, ['input', 'lines', '0', 'quantity'], 'INVALID_QUANTITY'],
    ['a negative quantity', { lines: [{ sku: 'SOCK', quantity: -2 }] }, ['input', 'lines', '0', 'quantity'], 'INVALID_QUANTITY'],
    ['an absurd quantity', { lines: [{ sku: 'SOCK', quantity: 2_000_000 }] }, ['input', 'lines', '0', 'quantity'], 'QUANTITY_TOO_LARGE'],
    ['no lines', { lines: [] }, ['input', 'lines'], 'NO_LINES'],
    ['a SKU twice', { lines: [{ sku: 'SOCK', quantity: 1 }, { sku: 'SOCK', quantity: 1 }] }, ['input', 'lines', '1', 'sku'], 'DUPLICATE_SKU'],
    ['a missing address field', { shipTo: { line1: '1 Main St', city: 'Springfield', country: 'US' } }, ['input', 'shipTo', 'postalCode'], 'REQUIRED'],
    ['a blank customer name', { customer: { email: 'x@example.com', name: '' } }, ['input', 'customer', 'name'], 'REQUIRED'],
    ['a country that does not exist', { shipTo: { ...address, country: 'XX' } }, ['input', 'shipTo', 'country'], 'INVALID_COUNTRY'],
  ];

  it.each(cases)('%s: a userError with field and code, nothing reserved or written', async (_, patch, field, code) => {
    const before = await totals();
    const payload = await place(orderInput(patch));
    expect(payload).toEqual({ order: null, userErrors: [expect.objectContaining({ field, code })] });
    expect(await totals()).toEqual(before);
  });

  it('answers a retry with the first order, and the same key with other input with IDEMPOTENCY_KEY_REUSED', async () => {
    const input = orderInput({ lines: [{ sku: 'SOCK', quantity: 2 }] });
    const first = await placed(input);
    const before = await totals();
    const retry = await placed({ ...input, customer: { ...input.customer, email: input.customer.email.toUpperCase() } });
    expect(retry.id).toBe(first.id);
    const reused = await place({ ...input, lines: [{ sku: 'SOCK', quantity: 3 }] });
    expect(reused).toEqual({ order: null, userErrors: [expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' })] });
    // Keys belong to a channel: the same key on another channel is another order.
    const elsewhere = await placed({ ...input, channel: 'EBAY' });
    expect(elsewhere.id).not.toBe(first.id);
    expect((await totals()).orders).toBe(before.orders + 1);
  });

  it('refuses an action in the wrong state or on an unknown id, changing nothing', async () => {
    const order = await placed(orderInput({ lines: [{ sku: 'SOCK', quantity: 1 }] }));
    expect(order.status).toBe('ALLOCATED');
    const before = await totals();
    const refusals: [string, Record<string, unknown>, string, string[]][] = [
      ['pickOrder', { orderId: order.id }, 'ILLEGAL_TRANSITION', ['input', 'orderId']],
      ['approveOrder', { orderId: order.id }, 'ILLEGAL_TRANSITION', ['input', 'orderId']],
      ['deliverOrder', { orderId: order.id }, 'ILLEGAL_TRANSITION', ['input', 'orderId']],
      ['confirmShipment', { orderId: order.id, carrier: 'UPS', trackingNumber: '1Z1' }, 'ILLEGAL_TRANSITION', ['input', 'orderId']],
      ['confirmShipment', { orderId: order.id, carrier: ' ', trackingNumber: '1Z1' }, 'REQUIRED', ['input', 'carrier']],
      ['packOrder', { orderId: 'ord_missing' }, 'NOT_FOUND', ['input', 'orderId']],
      ['cancelOrder', { orderId: 'ord_missing' }, 'NOT_FOUND', ['input', 'orderId']],
    ];
    for (const [mutation, input, code, field] of refusals) {
      const payload = await act(mutation, input);
      expect(payload, `${mutation} ${JSON.stringify(input)}`).toEqual({ order: null, userErrors: [expect.objectContaining({ code, field })] });
    }
    expect(await totals()).toEqual(before);
    expect((await readOrder(order.id)).status).toBe('ALLOCATED');
  });
});

describe('when inventory does not answer or orders crashes', () => {
  it('answers STOCK_SERVICE_UNAVAILABLE and keeps the request, which a retry with the same key completes', async () => {
    const input = orderInput({ lines: [{ sku: 'BOX', quantity: 1 }] });
    const error = await placeOrder(cutOff, input, 'api').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserErrors);
    expect((error as UserErrors).userErrors).toMatchObject([{ code: 'STOCK_SERVICE_UNAVAILABLE', field: ['input', 'idempotencyKey'] }]);
    const [request] = await database.db.select().from(stockRequests).where(eq(stockRequests.key, `place:WEB:${input.idempotencyKey}`));
    expect(request).toMatchObject({ status: 'PENDING', kind: 'RESERVE', lastError: expect.stringMatching(/unreachable/) });

    const order = await placed(input);
    expect(order.status).toBe('ALLOCATED');
    const [done] = await database.db.select().from(stockRequests).where(eq(stockRequests.key, `place:WEB:${input.idempotencyKey}`));
    expect(done).toMatchObject({ status: 'DONE', orderId: order.id });
  });

  it('completes an order whose recording a crash interrupted after inventory reserved, once', async () => {
    const input = orderInput({ lines: [{ sku: 'BOX', quantity: 2 }] });
    const key = `place:WEB:${input.idempotencyKey}`;
    crashAfterReserving.add(key);
    const before = await stockOf('BOX');
    const crashed = await quietly(() =>
      postGraphQL(stack.gateway.url, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`, { input }),
    );
    expect(crashed.errors?.[0]?.message).toBe('Internal server error');
    crashAfterReserving.delete(key);
    // Reserved in inventory, not recorded in orders: exactly what the request row is there for.
    expect((await stockOf('BOX')).reserved).toBe(before.reserved + 2);
    expect(await database.db.select().from(orderHeaders).where(eq(orderHeaders.idempotencyKey, `WEB:${input.idempotencyKey}`))).toEqual([]);

    // Too young for the reconciler's grace period: left to a retry in flight.
    expect(await reconcileStockRequests(deps)).toEqual({ finished: 0, compensated: 0, failed: 0 });
    expect(await reconcileStockRequests(deps, { graceMs: 0 })).toEqual({ finished: 1, compensated: 0, failed: 0 });
    const [recorded] = await database.db.select().from(orderHeaders).where(eq(orderHeaders.idempotencyKey, `WEB:${input.idempotencyKey}`));
    const order = await readOrder(recorded!.id);
    expect(order.status).toBe('ALLOCATED');
    expect(order.lines[0]!.allocations).toEqual([{ quantity: 2, location: { code: 'WH-EAST' } }]);
    expect((await stockOf('BOX')).reserved).toBe(before.reserved + 2);

    // The caller's retry finds it; nothing is reserved twice.
    expect((await placed(input)).id).toBe(order.id);
    expect((await stockOf('BOX')).reserved).toBe(before.reserved + 2);
    expect(await reconcileStockRequests(deps, { graceMs: 0 })).toEqual({ finished: 0, compensated: 0, failed: 0 });
  });

  it('releases the stock of an interrupted order that can no longer be recorded', async () => {
    const input = orderInput({ lines: [{ sku: 'BOX', quantity: 1 }] });
    const key = `place:WEB:${input.idempotencyKey}`;
    crashAfterReserving.add(key);
    const before = await stockOf('BOX');
    const crashed = await quietly(() =>
      postGraphQL(stack.gateway.url, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }`, { input }),
    );
    expect(crashed.errors).toHaveLength(1);
    crashAfterReserving.delete(key);
    expect((await stockOf('BOX')).reserved).toBe(before.reserved + 1);
    // Meanwhile another order took the key (an import, say): this one cannot be recorded any more.
    await database.db.insert(orderHeaders).values({
      id: 'ord_imported',
      number: 'IMP-1',
      channelCode: 'WEB',
      status: 'CANCELLED',
      customerEmail: 'import@example.com',
      customerName: 'Import',
      shipTo: address,
      currency: 'USD',
      totalMinor: 0,
      idempotencyKey: `WEB:${input.idempotencyKey}`,
    });
    expect(await quietly(() => reconcileStockRequests(deps, { graceMs: 0 }))).toEqual({ finished: 0, compensated: 1, failed: 0 });
    expect((await stockOf('BOX')).reserved).toBe(before.reserved);
    expect(await database.db.select().from(stockRequests).where(eq(stockRequests.key, key))).toEqual([]);
    const [undo] = await database.db.select().from(stockRequests).where(eq(stockRequests.key, `undo:${key}`));
    expect(undo).toMatchObject({ kind: 'RELEASE', status: 'DONE' });
  });

  it('cancels while inventory is away and releases the stock once the reconciler reaches it', async () => {
    const order = await placed(orderInput({ lines: [{ sku: 'BOX', quantity: 1 }] }));
    const before = await stockOf('BOX');
    const cancelled = await cancelOrder(cutOff, { orderId: order.id, reason: 'Changed mind' }, 'api');
    expect(cancelled.status).toBe('CANCELLED');
    expect((await stockOf('BOX')).reserved).toBe(before.reserved);
    const [pending] = await database.db.select().from(stockRequests).where(eq(stockRequests.key, `cancel:${order.id}`));
    expect(pending).toMatchObject({ kind: 'RELEASE', status: 'PENDING' });

    expect(await quietly(() => reconcileStockRequests(cutOff, { graceMs: 0 }))).toMatchObject({ failed: 1 });
    expect(await reconcileStockRequests(deps, { graceMs: 0 })).toEqual({ finished: 1, compensated: 0, failed: 0 });
    expect((await stockOf('BOX')).reserved).toBe(before.reserved - 1);
  });
});

describe('exception SLAs', () => {
  it('raises a breach once the due time passes, once however many watchers run, and again after a restart', async () => {
    const order = await placed(orderInput({ riskSignals: ['AVS_MISMATCH'], lines: [{ sku: 'SOCK', quantity: 1 }] }));
    const review = order.exceptions[0]!;
    const exceptionView = async (id: string) =>
      (
        await gql(`{ exceptions(first: 100) { nodes { id cause breached breachedAt ageMinutes assignee assignedAt sourceException { id } order { id } } } }`)
      ).exceptions.nodes.filter((e: { order: { id: string } }) => e.order.id === id);

    offsetMs = 239 * 60_000;
    expect(await raiseSlaBreaches(deps)).toBeGreaterThanOrEqual(0);
    expect((await exceptionView(order.id)).map((e: { cause: string }) => e.cause)).toEqual(['RISK_REVIEW']);

    offsetMs = 241 * 60_000;
    // Two watchers at once (replicas): each due exception is raised by exactly one of them.
    await Promise.all([raiseSlaBreaches(deps), raiseSlaBreaches(deps)]);
    expect(await raiseSlaBreaches(deps)).toBe(0);
    const [breached, escalation] = await exceptionView(order.id);
    expect(breached).toMatchObject({ id: review.id, cause: 'RISK_REVIEW', breached: true, breachedAt: expect.any(String), ageMinutes: 241 });
    expect(escalation).toMatchObject({ cause: 'SLA_BREACH', breached: false, sourceException: { id: review.id } });
    const [escalations] = await executeRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${orderExceptions} where cause = 'SLA_BREACH' and source_exception_id = ${review.id}`,
    );
    expect(escalations!.n).toBe(1);

    // Assigning and resolving the escalation through the gateway.
    const assigned = await gql(`mutation { assignException(input: { exceptionId: "${escalation.id}", assignee: "ops:ana" }) {
      exception { status assignee } userErrors { code } } }`);
    expect(assigned.assignException).toEqual({ exception: { status: 'IN_PROGRESS', assignee: 'ops:ana' }, userErrors: [] });

    // The escalation's own due time (60 min) passes while nothing runs; a fresh start raises it (no further escalation).
    offsetMs = (241 + 61) * 60_000;
    const stop = startOrdersWorkers(deps, { slaEveryMs: 3_600_000, reconcileEveryMs: 3_600_000 });
    try {
      const after = await until(() => exceptionView(order.id), (list) => list[1]?.breached && list[1]?.breachedAt, 'the escalation to breach');
      expect(after).toHaveLength(2);
    } finally {
      await stop();
      offsetMs = 0;
    }
    const resolved = await gql(`mutation { resolveException(input: { exceptionId: "${escalation.id}", resolution: "Reviewed late" }) {
      exception { status resolvedBy resolution } userErrors { code } } }`);
    expect(resolved.resolveException).toEqual({ exception: { status: 'RESOLVED', resolvedBy: 'api', resolution: 'Reviewed late' }, userErrors: [] });
    const again = await gql(`mutation { resolveException(input: { exceptionId: "${escalation.id}", resolution: "Twice" }) { exception { id } userErrors { field code } } }`);
    expect(again.resolveException).toEqual({ exception: null, userErrors: [{ field: ['input', 'exceptionId'], code: 'EXCEPTION_RESOLVED' }] });
    const missing = await gql(`mutation { assignException(input: { exceptionId: "exc_missing", assignee: "x" }) { exception { id } userErrors { field code } } }`);
    expect(missing.assignException).toEqual({ exception: null, userErrors: [{ field: ['input', 'exceptionId'], code: 'NOT_FOUND' }] });
  });
});
