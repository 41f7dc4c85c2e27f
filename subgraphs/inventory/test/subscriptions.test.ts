import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@opsgraph/db';
import { createTestDb } from '@opsgraph/db/testing';
import { outboxReaders, postGraphQL, record, startTestSubgraph, wsClient } from '@opsgraph/kit/testing';
import { createCatalogProjection } from '../src/catalogProjection';
import { inventorySubgraph } from '../src/server';
import { insertInventoryFixtures } from './fixtures';

// stockChanged over real WebSockets (graphql-ws), on the subgraph alone.
let database: Database;
let server: Awaited<ReturnType<typeof startTestSubgraph>>;
let keySeq = 0;
/** Every statement sent to the database, in order. */
const statements: string[] = [];

beforeAll(async () => {
  database = await createTestDb({ onQuery: (sql) => statements.push(sql) });
  await insertInventoryFixtures(database.db);
  await createCatalogProjection(database.db).catchUp();
  server = await startTestSubgraph(inventorySubgraph, database);
});
// Every test lets go of its subscriptions (no listener or timer left behind).
afterEach(() => outboxReaders('inventory', 0));
afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const STOCK_CHANGED = `subscription($skus: [String!], $locationCodes: [String!], $after: String) {
  stockChanged(skus: $skus, locationCodes: $locationCodes, after: $after) {
    cursor reason occurredAt
    level { id onHand available location { code } }
    movement { type quantity }
  } }`;

async function receive(sku: string, locationCode: string, quantity: number) {
  const data = await server.query(
    `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { userErrors { code } } }`,
    { input: { idempotencyKey: `sub-${++keySeq}`, sku, locationCode, quantity } },
  );
  expect(data.receiveStock.userErrors).toEqual([]);
}

async function adjust(sku: string, locationCode: string, delta: number, reason: string) {
  const data = await server.query(
    `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { userErrors { code } } }`,
    { input: { idempotencyKey: `sub-${++keySeq}`, sku, locationCode, delta, reason } },
  );
  expect(data.adjustStock.userErrors).toEqual([]);
}

const changes = (results: { data?: any }[]) => results.map((r) => r.data.stockChanged);

describe('stockChanged', () => {
  it('delivers a receipt within a second, with the new level and its cursor', async () => {
    const client = wsClient(server.wsUrl);
    try {
      const events = record(client, STOCK_CHANGED);
      await outboxReaders('inventory', 1);
      const sent = Date.now();
      await receive('TEE-001', 'WH-EAST', 12);
      const [change] = changes(await events.take(1, 1_000));
      expect(Date.now() - sent).toBeLessThan(1_000);
      expect(change).toMatchObject({
        reason: 'RECEIPT',
        level: { id: 'lvl_prd_tee@loc_east', onHand: 12, available: 12, location: { code: 'WH-EAST' } },
        movement: { type: 'RECEIPT', quantity: 12 },
        cursor: expect.any(String),
        occurredAt: expect.any(String),
      });

      await adjust('TEE-001', 'WH-EAST', -2, 'DAMAGED');
      const [, damaged] = changes(await events.take(2));
      expect(damaged).toMatchObject({ reason: 'ADJUSTMENT: DAMAGED', level: { onHand: 10 } });
      expect(damaged.cursor).not.toBe(change.cursor);
    } finally {
      await client.dispose();
    }
  });

  it('filters by SKU and by location on the server', async () => {
    const client = wsClient(server.wsUrl);
    try {
      const mugs = record(client, STOCK_CHANGED, { skus: ['MUG-001'] });
      const west = record(client, STOCK_CHANGED, { locationCodes: ['WH-WEST'] });
      const capsEast = record(client, STOCK_CHANGED, { skus: ['CAP-001', 'MUG-001'], locationCodes: ['WH-EAST'] });
      await outboxReaders('inventory', 3);
      await receive('TEE-001', 'WH-WEST', 1);
      await receive('MUG-001', 'WH-EAST', 2);
      await receive('CAP-001', 'WH-WEST', 3);
      await receive('CAP-001', 'WH-EAST', 4);
      // A last change every subscription hears: nothing it should not have heard can still be on its way.
      await receive('MUG-001', 'WH-WEST', 5);
      const levels = (r: { data?: any }[]) => changes(r).map((c) => `${c.level.id} ${c.movement.quantity}`);
      expect(levels(await mugs.take(2))).toEqual(['lvl_prd_mug@loc_east 2', 'lvl_prd_mug@loc_west 5']);
      expect(levels(await west.take(3))).toEqual(['lvl_prd_tee@loc_west 1', 'lvl_prd_cap@loc_west 3', 'lvl_prd_mug@loc_west 5']);
      expect(levels(await capsEast.take(2))).toEqual(['lvl_prd_mug@loc_east 2', 'lvl_prd_cap@loc_east 4']);
      expect([mugs.results.length, west.results.length, capsEast.results.length]).toEqual([2, 3, 2]);
    } finally {
      await client.dispose();
    }
  });

  it('resumes after a disconnect from the last cursor: exactly the changes missed, in order, once', async () => {
    const first = wsClient(server.wsUrl);
    const before = record(first, STOCK_CHANGED, { skus: ['TEE-001'] });
    await outboxReaders('inventory', 1);
    await receive('TEE-001', 'WH-WEST', 1);
    const [seen] = changes(await before.take(1));
    await first.dispose();
    await outboxReaders('inventory', 0);

    await receive('TEE-001', 'WH-WEST', 2);
    await adjust('TEE-001', 'WH-WEST', -1, 'SHRINKAGE');
    await receive('TEE-001', '3PL-FLEX', 3);

    const second = wsClient(server.wsUrl);
    try {
      statements.length = 0;
      const resumed = record(second, STOCK_CHANGED, { skus: ['TEE-001'], after: seen.cursor });
      const missed = changes(await resumed.take(3));
      // The three replayed together: their levels in one query, their ledger lines in one.
      expect(statements.filter((sql) => sql.includes('from "inventory"."positions"'))).toHaveLength(1);
      expect(statements.filter((sql) => sql.includes('from "inventory"."movements"'))).toHaveLength(1);
      expect(missed.map((c) => `${c.reason} ${c.level.id}`)).toEqual([
        'RECEIPT lvl_prd_tee@loc_west',
        'ADJUSTMENT: SHRINKAGE lvl_prd_tee@loc_west',
        'RECEIPT lvl_prd_tee@loc_3pl',
      ]);
      expect(new Set([seen.cursor, ...missed.map((c) => c.cursor)]).size).toBe(4);
      // Then it follows live changes: the next one is the fourth result, so nothing came twice.
      await receive('TEE-001', 'WH-EAST', 4);
      const all = changes(await resumed.take(4));
      expect(all[3]).toMatchObject({ reason: 'RECEIPT', movement: { quantity: 4 } });
      expect(resumed.results).toHaveLength(4);
    } finally {
      await second.dispose();
    }
  });

  it('refuses a bad cursor, an unknown filter or a bad operation with a typed error, and the socket stays usable', async () => {
    const client = wsClient(server.wsUrl);
    try {
      const errorOf = async (variables: Record<string, unknown>) => {
        const { errors } = await record(client, STOCK_CHANGED, variables).ended;
        return (errors as { message: string; extensions: { code: string } }[]).map((e) => e.extensions.code);
      };
      expect(await errorOf({ after: 'not a cursor!' })).toEqual(['INVALID_CURSOR']);
      expect(await errorOf({ after: Buffer.from('99999999').toString('base64url') })).toEqual(['INVALID_CURSOR']);
      expect(await errorOf({ skus: ['NOPE-1', 'TEE-001', 'NOPE-2'] })).toEqual(['UNKNOWN_SKU']);
      expect(await errorOf({ locationCodes: ['NOWHERE'] })).toEqual(['UNKNOWN_LOCATION']);
      expect(await errorOf({ after: 7 })).toEqual(['BAD_USER_INPUT']);
      const { errors } = await record(client, 'subscription { stockChanged { nope } }').ended;
      expect(errors).toMatchObject([{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
      // Queries and mutations go over HTTP, subscriptions over WebSocket.
      expect((await record(client, '{ adjustmentReasons }').ended).errors).toMatchObject([{ extensions: { code: 'OPERATION_NOT_SUPPORTED' } }]);
      const overHttp = await postGraphQL(server.url, 'subscription { stockChanged { cursor } }');
      expect(overHttp).toMatchObject({ status: 400, errors: [{ extensions: { code: 'OPERATION_NOT_SUPPORTED' } }] });

      const events = record(client, STOCK_CHANGED, { skus: ['CAP-001'] });
      await outboxReaders('inventory', 1);
      await receive('CAP-001', 'WH-EAST', 1);
      expect(changes(await events.take(1))[0].reason).toBe('RECEIPT');
    } finally {
      await client.dispose();
    }
  });

  it('lets go of everything when the client completes, and a server with subscriptions open stops at once', async () => {
    const client = wsClient(server.wsUrl);
    const events = record(client, STOCK_CHANGED);
    await outboxReaders('inventory', 1);
    events.stop();
    expect(await events.ended).toEqual({});
    await outboxReaders('inventory', 0, 500);
    await client.dispose();

    // A subscription still open when its server stops ends with its socket; stopping does not wait for it.
    const own = await startTestSubgraph(inventorySubgraph, database);
    const other = wsClient(own.wsUrl);
    const open = record(other, STOCK_CHANGED);
    await outboxReaders('inventory', 1);
    const started = Date.now();
    await own.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    await outboxReaders('inventory', 0, 100);
    expect(await open.ended).toMatchObject({ errors: { code: 1001 } });
    await other.dispose();
  });
});
