import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import {
  channelRules,
  inventoryEvents,
  inventoryIdempotencyKeys,
  movements,
  positions,
  transfers,
  type Database,
} from '@opsgraph/db';
import { createTestDb } from '@opsgraph/db/testing';
import { postGraphQL, startTestSubgraph } from '@opsgraph/kit/testing';
import { createCatalogProjection } from '../src/catalogProjection';
import { inventorySubgraph } from '../src/server';
import { insertInventoryFixtures, setSafetyStock } from './fixtures';

let database: Database;
let server: Awaited<ReturnType<typeof startTestSubgraph>>;
let keySeq = 0;
const key = () => `test-key-${++keySeq}`;

beforeAll(async () => {
  database = await createTestDb();
  server = await startTestSubgraph(inventorySubgraph, database);
  await insertInventoryFixtures(database.db);
});
afterAll(async () => {
  await server.stop();
  await database.close();
});

const RECEIVE = `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) {
  movements { id type quantity onHandDelta reference location { code } }
  levels { id onHand reserved available inTransit location { code } }
  userErrors { field code message } } }`;
const ADJUST = `mutation($input: AdjustStockInput!) { adjustStock(input: $input) {
  movements { id type reason onHandDelta } levels { onHand available } userErrors { field code message } } }`;
const TRANSFER = `mutation($input: TransferStockInput!) { transferStock(input: $input) {
  transfer { id status quantity from { code } to { code } } levels { location { code } onHand inTransit }
  userErrors { field code message } } }`;
const RECEIVE_TRANSFER = `mutation($input: ReceiveTransferInput!) { receiveTransfer(input: $input) {
  transfer { status receivedAt } levels { location { code } onHand inTransit } userErrors { field code message } } }`;

async function inventoryOf(productId: string) {
  const data = await server.query(
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product {
      inventory { onHand reserved available inTransit qualityHold damaged returnPending levels { location { code } onHand inTransit } } } } }`,
    { reps: [{ __typename: 'Product', id: productId }] },
  );
  return data._entities[0].inventory;
}

/** Row counts of everything a stock mutation writes: a refused one must leave them all unchanged. */
async function writtenState() {
  const [m] = await database.db.select({ n: count() }).from(movements);
  const [e] = await database.db.select({ n: count() }).from(inventoryEvents);
  const [k] = await database.db.select({ n: count() }).from(inventoryIdempotencyKeys);
  const [t] = await database.db.select({ n: count() }).from(transfers);
  const levels = await database.db.select().from(positions).orderBy(positions.productId, positions.locationId);
  return { movements: m!.n, events: e!.n, keys: k!.n, transfers: t!.n, levels: levels.map(({ updatedAt: _, ...rest }) => rest) };
}

describe('receiveStock', () => {
  it('adds units on hand, writes one ledger line and one outbox event in the same transaction', async () => {
    const before = await writtenState();
    const result = await server.query(RECEIVE, {
      input: { idempotencyKey: key(), sku: 'TEE-001', locationCode: 'WH-EAST', quantity: 40, reference: 'PO-1001' },
    });
    expect(result.receiveStock.userErrors).toEqual([]);
    expect(result.receiveStock.movements).toMatchObject([{ type: 'RECEIPT', quantity: 40, onHandDelta: 40, reference: 'PO-1001', location: { code: 'WH-EAST' } }]);
    expect(result.receiveStock.levels).toEqual([
      { id: 'lvl_prd_tee@loc_east', onHand: 40, reserved: 0, available: 40, inTransit: 0, location: { code: 'WH-EAST' } },
    ]);
    const after = await writtenState();
    expect(after.movements - before.movements).toBe(1);
    expect(after.events - before.events).toBe(1);
    const [event] = await database.db.select().from(inventoryEvents).orderBy(inventoryEvents.seq);
    expect(event).toMatchObject({ entityType: 'InventoryLevel', entityId: 'lvl_prd_tee@loc_east', type: 'StockMoved' });
  });

  it('learns a SKU the catalog has just published', async () => {
    const result = await server.query(RECEIVE, { input: { idempotencyKey: key(), sku: 'CAP-001', locationCode: 'WH-WEST', quantity: 5 } });
    expect(result.receiveStock.userErrors).toEqual([]);
    expect((await inventoryOf('prd_cap')).onHand).toBe(5);
  });
});

describe('idempotency', () => {
  it('replays a retried receipt with the same key: same movement, stock added once', async () => {
    const input = { idempotencyKey: key(), sku: 'MUG-001', locationCode: 'WH-EAST', quantity: 12 };
    const first = await server.query(RECEIVE, { input });
    const retry = await server.query(RECEIVE, { input: { ...input } });
    expect(retry.receiveStock.userErrors).toEqual([]);
    expect(retry.receiveStock.movements.map((m: { id: string }) => m.id)).toEqual(first.receiveStock.movements.map((m: { id: string }) => m.id));
    expect((await inventoryOf('prd_mug')).onHand).toBe(12);
  });

  it('refuses the same key with a different request and changes nothing', async () => {
    const idempotencyKey = key();
    await server.query(RECEIVE, { input: { idempotencyKey, sku: 'MUG-001', locationCode: 'WH-EAST', quantity: 3 } });
    const before = await writtenState();
    const reused = await server.query(RECEIVE, { input: { idempotencyKey, sku: 'MUG-001', locationCode: 'WH-EAST', quantity: 300 } });
    expect(reused.receiveStock.movements).toBeNull();
    expect(reused.receiveStock.userErrors).toEqual([
      { field: ['input', 'idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String) },
    ]);
    expect(await writtenState()).toEqual(before);
  });

  it('applies concurrent retries of one request exactly once', async () => {
    const input = { idempotencyKey: key(), sku: 'MUG-001', locationCode: 'WH-WEST', quantity: 7 };
    const results = await Promise.all(Array.from({ length: 8 }, () => server.query(RECEIVE, { input })));
    const ids = new Set(results.map((r) => r.receiveStock.movements[0].id));
    expect(ids.size).toBe(1);
    const west = (await inventoryOf('prd_mug')).levels.find((l: { location: { code: string } }) => l.location.code === 'WH-WEST');
    expect(west.onHand).toBe(7);
  });
});

describe('bad input gets a userError with field and code, and writes nothing', () => {
  const cases: [string, string, Record<string, unknown>, { field: string[]; code: string }[]][] = [
    ['unknown SKU', RECEIVE, { sku: 'NOPE-404', locationCode: 'WH-EAST', quantity: 1 }, [{ field: ['input', 'sku'], code: 'UNKNOWN_SKU' }]],
    ['unknown location', RECEIVE, { sku: 'TEE-001', locationCode: 'MOON-1', quantity: 1 }, [{ field: ['input', 'locationCode'], code: 'UNKNOWN_LOCATION' }]],
    ['zero quantity', RECEIVE, { sku: 'TEE-001', locationCode: 'WH-EAST', quantity: 0 }, [{ field: ['input', 'quantity'], code: 'INVALID_QUANTITY' }]],
    ['negative quantity', RECEIVE, { sku: 'TEE-001', locationCode: 'WH-EAST', quantity: -5 }, [{ field: ['input', 'quantity'], code: 'INVALID_QUANTITY' }]],
    ['absurd quantity', RECEIVE, { sku: 'TEE-001', locationCode: 'WH-EAST', quantity: 2_000_000_000 }, [{ field: ['input', 'quantity'], code: 'QUANTITY_TOO_LARGE' }]],
    [
      'several faults at once',
      RECEIVE,
      { sku: 'NOPE', locationCode: 'NOWHERE', quantity: -1 },
      [
        { field: ['input', 'quantity'], code: 'INVALID_QUANTITY' },
        { field: ['input', 'sku'], code: 'UNKNOWN_SKU' },
        { field: ['input', 'locationCode'], code: 'UNKNOWN_LOCATION' },
      ],
    ],
    ['adjustment without a reason', ADJUST, { sku: 'TEE-001', locationCode: 'WH-EAST', delta: -1 }, [{ field: ['input', 'reason'], code: 'REASON_REQUIRED' }]],
    ['adjustment with a blank reason', ADJUST, { sku: 'TEE-001', locationCode: 'WH-EAST', delta: 2, reason: '  ' }, [{ field: ['input', 'reason'], code: 'REASON_REQUIRED' }]],
    ['adjustment with an unknown reason', ADJUST, { sku: 'TEE-001', locationCode: 'WH-EAST', delta: 2, reason: 'BECAUSE' }, [{ field: ['input', 'reason'], code: 'UNKNOWN_REASON' }]],
    ['zero adjustment', ADJUST, { sku: 'TEE-001', locationCode: 'WH-EAST', delta: 0, reason: 'CYCLE_COUNT' }, [{ field: ['input', 'delta'], code: 'INVALID_QUANTITY' }]],
    ['adjustment below zero on hand', ADJUST, { sku: 'TEE-001', locationCode: 'WH-EAST', delta: -10_000, reason: 'SHRINKAGE' }, [{ field: ['input', 'delta'], code: 'INSUFFICIENT_STOCK' }]],
    ['transfer to the same location', TRANSFER, { sku: 'TEE-001', fromLocationCode: 'WH-EAST', toLocationCode: 'WH-EAST', quantity: 1 }, [{ field: ['input', 'toLocationCode'], code: 'SAME_LOCATION' }]],
    ['transfer of more than is there', TRANSFER, { sku: 'TEE-001', fromLocationCode: 'WH-EAST', toLocationCode: 'WH-WEST', quantity: 5000 }, [{ field: ['input', 'quantity'], code: 'INSUFFICIENT_STOCK' }]],
    ['empty idempotency key', RECEIVE, { sku: 'TEE-001', locationCode: 'WH-EAST', quantity: 1, idempotencyKey: ' ' }, [{ field: ['input', 'idempotencyKey'], code: 'INVALID_IDEMPOTENCY_KEY' }]],
  ];

  it.each(cases)('%s', async (_name, mutation, input, expected) => {
    const before = await writtenState();
    const data = await server.query(mutation, { input: { idempotencyKey: key(), ...input } });
    const payload = Object.values(data)[0] as { userErrors: { field: string[]; code: string; message: string }[]; levels: unknown };
    expect(payload.levels).toBeNull();
    expect(payload.userErrors.map(({ field, code }) => ({ field, code }))).toEqual(expected);
    for (const error of payload.userErrors) expect(error.message.length).toBeGreaterThan(10);
    expect(await writtenState()).toEqual(before);
  });

  it('a non-integer quantity is a typed GraphQL error before anything runs', async () => {
    const before = await writtenState();
    const result = await postGraphQL(server.url, RECEIVE, {
      input: { idempotencyKey: key(), sku: 'TEE-001', locationCode: 'WH-EAST', quantity: 1.5 },
    });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/Int cannot represent non-integer value/);
    expect(await writtenState()).toEqual(before);
  });

  it('a receiveTransfer for an unknown transfer is refused', async () => {
    const data = await server.query(RECEIVE_TRANSFER, { input: { idempotencyKey: key(), transferId: 'trf_nope' } });
    expect(data.receiveTransfer.userErrors[0]).toMatchObject({ field: ['input', 'transferId'], code: 'UNKNOWN_TRANSFER' });
  });
});

describe('adjustStock and transferStock', () => {
  beforeEach(async () => {
    await server.query(RECEIVE, { input: { idempotencyKey: key(), sku: 'TEE-001', locationCode: 'WH-WEST', quantity: 20 } });
  });

  it('adjusts on hand with a reason code kept on the ledger line', async () => {
    const before = (await inventoryOf('prd_tee')).onHand;
    const data = await server.query(ADJUST, {
      input: { idempotencyKey: key(), sku: 'TEE-001', locationCode: 'WH-WEST', delta: -3, reason: 'DAMAGED' },
    });
    expect(data.adjustStock.userErrors).toEqual([]);
    expect(data.adjustStock.movements).toMatchObject([{ type: 'ADJUSTMENT', reason: 'DAMAGED', onHandDelta: -3 }]);
    expect((await inventoryOf('prd_tee')).onHand).toBe(before - 3);
  });

  it('keeps transferred units in transit at the destination until received, then on hand there', async () => {
    const start = await inventoryOf('prd_tee');
    const sent = await server.query(TRANSFER, {
      input: { idempotencyKey: key(), sku: 'TEE-001', fromLocationCode: 'WH-WEST', toLocationCode: '3PL-FLEX', quantity: 8 },
    });
    expect(sent.transferStock.userErrors).toEqual([]);
    expect(sent.transferStock.transfer).toMatchObject({ status: 'IN_TRANSIT', quantity: 8, from: { code: 'WH-WEST' }, to: { code: '3PL-FLEX' } });
    const moving = await inventoryOf('prd_tee');
    expect(moving.onHand).toBe(start.onHand - 8);
    expect(moving.inTransit).toBe(start.inTransit + 8);
    expect(moving.levels.find((l: { location: { code: string } }) => l.location.code === '3PL-FLEX')).toMatchObject({ onHand: 0, inTransit: 8 });

    const transferId = sent.transferStock.transfer.id;
    const received = await server.query(RECEIVE_TRANSFER, { input: { idempotencyKey: key(), transferId } });
    expect(received.receiveTransfer.userErrors).toEqual([]);
    expect(received.receiveTransfer.transfer.status).toBe('RECEIVED');
    expect(received.receiveTransfer.levels).toEqual([{ location: { code: '3PL-FLEX' }, onHand: 8, inTransit: 0 }]);
    const done = await inventoryOf('prd_tee');
    expect(done.onHand).toBe(start.onHand);
    expect(done.inTransit).toBe(start.inTransit);

    const again = await server.query(RECEIVE_TRANSFER, { input: { idempotencyKey: key(), transferId } });
    expect(again.receiveTransfer.userErrors[0].code).toBe('TRANSFER_ALREADY_RECEIVED');
  });
});

describe('available to promise', () => {
  it('holds back each channel its safety stock, a product override winning over the channel default', async () => {
    await createCatalogProjection(database.db).catchUp();
    await database.db.update(channelRules).set({ safetyStock: 4 }).where(eq(channelRules.channelCode, 'AMAZON'));
    await setSafetyStock(database.db, 'AMAZON', 'prd_cap', 1);
    await server.query(RECEIVE, { input: { idempotencyKey: key(), sku: 'CAP-001', locationCode: 'WH-EAST', quantity: 10 } });
    const data = await server.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product {
        inventory { available } web: availableToPromise(channel: "WEB") amazon: availableToPromise(channel: "AMAZON")
        explainAvailability(channel: "AMAZON") { channel { code } available steps { label quantity } } } } }`,
      { reps: [{ __typename: 'Product', id: 'prd_cap' }, { __typename: 'Product', id: 'prd_tee' }] },
    );
    const [cap, tee] = data._entities;
    expect(cap.web).toBe(cap.inventory.available);
    expect(cap.amazon).toBe(cap.inventory.available - 1);
    expect(tee.amazon).toBe(Math.max(tee.inventory.available - 4, 0));
    expect(cap.explainAvailability.channel).toEqual({ code: 'AMAZON' });
    expect(cap.explainAvailability.steps.at(-1)).toEqual({ label: 'Available to promise on AMAZON', quantity: cap.amazon });
    const signed = cap.explainAvailability.steps.slice(0, -1).reduce((sum: number, s: { quantity: number }) => sum + s.quantity, 0);
    expect(signed).toBe(cap.amazon);
  });

  it('answers an unknown channel with a typed error', async () => {
    const result = await postGraphQL(
      server.url,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { availableToPromise(channel: "MYSPACE") } } }`,
      { reps: [{ __typename: 'Product', id: 'prd_cap' }] },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('UNKNOWN_CHANNEL');
  });
});
