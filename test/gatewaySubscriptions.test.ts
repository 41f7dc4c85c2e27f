import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '@opsgraph/db/testing';
import { outboxReaders, record, wsClient } from '@opsgraph/kit/testing';
import { readCommittedSupergraph } from '@opsgraph/schema';
import { outboxSignal, startSubgraph } from '@opsgraph/kit';
import { receiveStock } from '../subgraphs/inventory/src/stock';
import { definitions, startStack, type Stack } from '../scripts/stack';
import { buildWorld, gatewayClient, receive } from './support/world';

// Federated subscriptions through the gateway, over real WebSockets with the graphql-ws client: the five
// subgraphs and the gateway over real HTTP on a small world of their own.
const database = await createTestDb();
let stack: Stack;
let gql: ReturnType<typeof gatewayClient>;
let wsUrl: string;
let baseline: number;
/** Waits until the subgraph serves `count` subscriptions (its outbox readers beside the workers'). */
const upstreams = (count: number) => outboxReaders('inventory', baseline + count);

beforeAll(async () => {
  await buildWorld(database, [
    { sku: 'TEE', priceMinor: 2000 },
    { sku: 'MUG', priceMinor: 1250 },
    { sku: 'CAP', priceMinor: 1500 },
  ]);
  stack = await startStack(database, {
    gatewayPort: 0,
    host: '127.0.0.1',
    subgraphPorts: { catalog: 0, inventory: 0, orders: 0, returns: 0, finance: 0 },
  });
  gql = gatewayClient(stack.gateway.url);
  // Orders' backorder filler follows the inventory outbox too.
  baseline = outboxSignal.listenerCount('inventory');
  wsUrl = stack.gateway.url.replace(/^http/, 'ws');
});
// Every subscription a test opened is let go upstream too, before the next test counts its own.
afterEach(async () => {
  await upstreams(0);
  expect(stack.gateway.subscriptionStreams()).toBe(0);
});
afterAll(async () => {
  await stack?.stop();
  await database.close();
});

const STOCK_CHANGED = `subscription($skus: [String!], $locationCodes: [String!], $after: String) {
  stockChanged(skus: $skus, locationCodes: $locationCodes, after: $after) {
    cursor reason
    level { onHand available product { sku name price { amount currencyCode } } location { code name } }
    movement { quantity }
  } }`;

type StockChange = {
  cursor: string;
  reason: string;
  level: { onHand: number; available: number; product: { sku: string; name: string }; location: { code: string } };
  movement: { quantity: number };
};
const changes = (results: { data?: any }[]): StockChange[] => results.map((r) => r.data.stockChanged);
/** Each change as `SKU@LOCATION+quantity` (the level is read as it is now; the movement is the change's own). */
const moves = (results: { data?: any }[]) => changes(results).map((c) => `${c.level.product.sku}@${c.level.location.code}+${c.movement.quantity}`);

describe('gateway subscriptions', () => {
  it('delivers a stock change within a second, merged with the product from catalog and the location', async () => {
    const client = wsClient(wsUrl);
    try {
      const events = record(client, STOCK_CHANGED);
      await upstreams(1);
      const sent = Date.now();
      await receive(gql, 'TEE', 'WH-EAST', 12);
      const [change] = changes(await events.take(1, 1_000));
      expect(Date.now() - sent).toBeLessThan(1_000);
      expect(change).toEqual({
        cursor: expect.any(String),
        reason: 'RECEIPT',
        movement: { quantity: 12 },
        level: {
          onHand: 12,
          available: 12,
          product: { sku: 'TEE', name: 'Product TEE', price: { amount: '20.00', currencyCode: 'USD' } },
          location: { code: 'WH-EAST', name: 'East warehouse' },
        },
      });
    } finally {
      await client.dispose();
    }
  });

  it('filters by SKU and by location', async () => {
    const client = wsClient(wsUrl);
    try {
      const mugs = record(client, STOCK_CHANGED, { skus: ['MUG'] });
      const west = record(client, STOCK_CHANGED, { locationCodes: ['WH-WEST'] });
      const capsEast = record(client, STOCK_CHANGED, { skus: ['CAP', 'MUG'], locationCodes: ['WH-EAST'] });
      await upstreams(3);
      await receive(gql, 'TEE', 'WH-WEST', 1);
      await receive(gql, 'MUG', 'WH-EAST', 2);
      await receive(gql, 'CAP', 'WH-WEST', 3);
      await receive(gql, 'CAP', 'WH-EAST', 4);
      // A last change every subscription hears: nothing it should not have heard can still be on its way.
      await receive(gql, 'MUG', 'WH-WEST', 5);
      expect(moves(await mugs.take(2))).toEqual(['MUG@WH-EAST+2', 'MUG@WH-WEST+5']);
      expect(moves(await west.take(3))).toEqual(['TEE@WH-WEST+1', 'CAP@WH-WEST+3', 'MUG@WH-WEST+5']);
      expect(moves(await capsEast.take(2))).toEqual(['MUG@WH-EAST+2', 'CAP@WH-EAST+4']);
      await receive(gql, 'MUG', 'WH-EAST', 1);
      await mugs.take(3);
      expect(west.results).toHaveLength(3);
    } finally {
      await client.dispose();
    }
  });

  it('a client that reconnects with its cursor gets exactly the changes it missed, in order', async () => {
    const first = wsClient(wsUrl);
    const before = record(first, STOCK_CHANGED, { skus: ['TEE'] });
    await upstreams(1);
    await receive(gql, 'TEE', 'WH-EAST', 1);
    const [seen] = changes(await before.take(1));
    await first.dispose();
    await upstreams(0);

    await receive(gql, 'TEE', 'WH-EAST', 2);
    await receive(gql, 'MUG', 'WH-EAST', 1); // not this client's SKU
    await receive(gql, 'TEE', 'WH-WEST', 3);
    await receive(gql, 'TEE', 'WH-EAST', 4);

    const second = wsClient(wsUrl);
    try {
      const resumed = record(second, STOCK_CHANGED, { skus: ['TEE'], after: seen!.cursor });
      const missed = await resumed.take(3);
      expect(moves(missed)).toEqual(['TEE@WH-EAST+2', 'TEE@WH-WEST+3', 'TEE@WH-EAST+4']);
      await receive(gql, 'TEE', 'WH-EAST', 1);
      expect(moves(await resumed.take(4))).toEqual(['TEE@WH-EAST+2', 'TEE@WH-WEST+3', 'TEE@WH-EAST+4', 'TEE@WH-EAST+1']);
    } finally {
      await second.dispose();
    }
  });

  it('identical subscriptions share one upstream stream; each client still gets every event', async () => {
    const clients = [wsClient(wsUrl), wsClient(wsUrl), wsClient(wsUrl)];
    try {
      const recordings = clients.map((client) => record(client, STOCK_CHANGED, { skus: ['CAP'] }));
      const other = record(clients[0]!, STOCK_CHANGED, { skus: ['MUG'] });
      await upstreams(2);
      expect(stack.gateway.subscriptionStreams()).toBe(2);
      await receive(gql, 'CAP', 'WH-EAST', 1);
      await receive(gql, 'MUG', 'WH-EAST', 1);
      for (const recording of recordings) expect(moves(await recording.take(1))).toEqual(['CAP@WH-EAST+1']);
      expect(moves(await other.take(1))).toEqual(['MUG@WH-EAST+1']);
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
    await upstreams(0);
    expect(stack.gateway.subscriptionStreams()).toBe(0);
  });

  it('answers a bad subscription with an error frame and keeps the socket usable', async () => {
    const client = wsClient(wsUrl);
    try {
      const unknownField = record(client, `subscription { stockChanged { nope } }`);
      expect(await unknownField.ended).toMatchObject({ errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
      const badVariables = record(client, STOCK_CHANGED, { skus: 'TEE', locationCodes: [1] });
      expect(await badVariables.ended).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
      const badCursor = record(client, STOCK_CHANGED, { after: 'not-a-cursor' });
      expect(await badCursor.ended).toMatchObject({ errors: [{ message: expect.stringContaining('cursor'), extensions: { code: 'INVALID_CURSOR' } }] });
      const overHttp = await fetch(stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: STOCK_CHANGED }),
      });
      const refused = (await overHttp.json()) as { errors: { extensions: { code: string } }[] };
      expect(refused.errors[0]!.extensions.code).toBe('OPERATION_NOT_SUPPORTED');

      const works = record(client, STOCK_CHANGED, { skus: ['MUG'] });
      await upstreams(1);
      await receive(gql, 'MUG', 'WH-WEST', 1);
      expect(moves(await works.take(1))).toEqual(['MUG@WH-WEST+1']);
    } finally {
      await client.dispose();
    }
  });

  it('ends running subscriptions with SUPERGRAPH_RELOADED when the supergraph is reloaded', async () => {
    const client = wsClient(wsUrl);
    try {
      const events = record(client, STOCK_CHANGED);
      await upstreams(1);
      stack.gateway.reloadSupergraph(`${readCommittedSupergraph()}\n# reloaded\n`);
      expect(await events.ended).toMatchObject({ errors: [{ extensions: { code: 'SUPERGRAPH_RELOADED' } }] });
      await upstreams(0);
      const again = record(client, STOCK_CHANGED, { skus: ['TEE'] });
      await upstreams(1);
      await receive(gql, 'TEE', 'WH-WEST', 1);
      expect(moves(await again.take(1))).toEqual(['TEE@WH-WEST+1']);
    } finally {
      await client.dispose();
    }
  });
  it('delivers the exception placeOrder raised, merged with its order, channel and the products of its lines', async () => {
    const client = wsClient(wsUrl);
    const ordersReaders = outboxSignal.listenerCount('orders');
    try {
      const exceptions = record(
        client,
        `subscription { orderExceptionChanged { cursor kind exception { cause status
           order { number status channel { code name } lines { sku quantity product { name inventory { available } } } } } } }`,
      );
      await outboxReaders('orders', ordersReaders + 1);
      const placed = await gql(
        `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { number } userErrors { code } } }`,
        {
          input: {
            idempotencyKey: 'gateway-sub-order-1',
            channel: 'WEB',
            customer: { email: 'first.timer@example.com', name: 'First Timer' },
            shipTo: { line1: '1 Main St', city: 'Springfield', postalCode: '01101', country: 'US' },
            lines: [{ sku: 'MUG', quantity: 2 }],
            riskSignals: ['AVS_MISMATCH'],
          },
        },
      );
      expect(placed.placeOrder.userErrors).toEqual([]);
      const [change] = (await exceptions.take(1)).map((r: any) => r.data.orderExceptionChanged);
      expect(change).toEqual({
        cursor: expect.any(String),
        kind: 'OPENED',
        exception: {
          cause: 'RISK_REVIEW',
          status: 'OPEN',
          order: {
            number: placed.placeOrder.order.number,
            status: 'RISK_REVIEW',
            channel: { code: 'WEB', name: 'WEB channel' },
            lines: [{ sku: 'MUG', quantity: 2, product: { name: 'Product MUG', inventory: { available: expect.any(Number) } } }],
          },
        },
      });
    } finally {
      await client.dispose();
    }
    await outboxReaders('orders', ordersReaders);
  });

  it('resumes after the inventory subgraph restarts: the changes committed meanwhile arrive once, in order', async () => {
    const client = wsClient(wsUrl);
    try {
      const events = record(client, STOCK_CHANGED, { skus: ['TEE'] });
      // Nothing reaches this one before the restart: it resumes from where it started.
      const quiet = record(client, STOCK_CHANGED, { skus: ['CAP'] });
      await upstreams(2);
      await receive(gql, 'TEE', 'WH-EAST', 1);
      await events.take(1);

      const inventory = stack.subgraphs.inventory;
      await inventory.stop();
      // A restart takes a moment, in which the gateway's pooled HTTP connections to the old server see it close
      // (a request on one the moment it closes fails, as with any keep-alive client).
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Committed while no inventory server runs (as another replica would): nobody is following the outbox.
      for (const [sku, quantity] of [['TEE', 2], ['CAP', 7], ['TEE', 3]] as const) {
        await receiveStock(database, { idempotencyKey: `while-down-${quantity}`, sku, locationCode: 'WH-WEST', quantity }, 'test');
      }
      stack.subgraphs.inventory = await startSubgraph(definitions.inventory, { database, port: inventory.port, host: '127.0.0.1' });
      await receive(gql, 'TEE', 'WH-EAST', 4);
      expect(moves(await events.take(4, 10_000))).toEqual(['TEE@WH-EAST+1', 'TEE@WH-WEST+2', 'TEE@WH-WEST+3', 'TEE@WH-EAST+4']);
      expect(moves(await quiet.take(1, 10_000))).toEqual(['CAP@WH-WEST+7']);
      await receive(gql, 'MUG', 'WH-EAST', 1); // neither subscription's: a last change, after which nothing more may come
      await receive(gql, 'TEE', 'WH-EAST', 5);
      expect(moves(await events.take(5))).toHaveLength(5);
      expect(events.results).toHaveLength(5);
      expect(quiet.results).toHaveLength(1);
    } finally {
      await client.dispose();
    }
  });
});
