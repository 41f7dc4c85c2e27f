import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@opsgraph/db';
import { createTestDb } from '@opsgraph/db/testing';
import { postGraphQL } from '@opsgraph/kit/testing';
import { seedDemo } from '../scripts/seed/index';
import { startStack, type Stack } from '../scripts/stack';

// The gateway and the five subgraphs on ephemeral ports, over real HTTP, on one seeded database.
let database: Database;
let stack: Stack;
let statements = 0;
const ephemeral = { catalog: 0, inventory: 0, orders: 0, returns: 0, finance: 0 };

beforeAll(async () => {
  database = await createTestDb({ onQuery: () => statements++ });
  await seedDemo(database.db, { products: 150, orders: 200 });
  stack = await startStack(database, { gatewayPort: 0, subgraphPorts: ephemeral, host: '127.0.0.1', corsOrigins: ['http://localhost:3000'] });
});
afterAll(async () => {
  await stack?.stop();
  await database?.close();
});

async function gql<D = any>(query: string, variables?: Record<string, unknown>): Promise<D> {
  const result = await postGraphQL<D>(stack.gateway.url, query, variables);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data as D;
}

describe('through the gateway', () => {
  it('answers one query that spans catalog, inventory, orders and returns', async () => {
    const data = await gql(`{
      orders(status: DELIVERED, first: 10) { nodes {
        number status total { amount currencyCode }
        channel { code name kind priority }
        lines { quantity unitPrice { amount } product { sku name price { amount } inventory { onHand available } }
                allocations { quantity location { code name kind } } }
        history { from to actor }
        returns { number status }
      } }
    }`);
    const orders = data.orders.nodes;
    expect(orders.length).toBeGreaterThan(0);
    for (const order of orders) {
      expect(order.status).toBe('DELIVERED');
      expect(order.channel.name).toEqual(expect.any(String)); // from catalog
      expect(order.history.at(-1).to).toBe('DELIVERED');
      let total = 0;
      for (const line of order.lines) {
        expect(line.product.sku).toMatch(/\S/); // from catalog
        expect(line.product.inventory.onHand).toEqual(expect.any(Number)); // from inventory
        expect(line.allocations.reduce((n: number, a: { quantity: number }) => n + a.quantity, 0)).toBe(line.quantity);
        for (const a of line.allocations) expect(a.location.name).toEqual(expect.any(String)); // from inventory
        total += Math.round(Number(line.unitPrice.amount) * 100) * line.quantity;
      }
      expect(Math.round(Number(order.total.amount) * 100)).toBe(total);
    }
    expect(orders.some((o: { returns: unknown[] }) => Array.isArray(o.returns))).toBe(true); // from returns
  });

  it('reads a product with stock, availability per channel and its explanation', async () => {
    const first = (await gql(`{ products(first: 1) { nodes { sku } } }`)).products.nodes[0].sku;
    const data = await gql(
      `query($sku: String!) { product(sku: $sku) { sku name
        inventory { onHand reserved available levels { location { code } onHand available } }
        availableToPromise(channel: "AMAZON")
        explainAvailability(channel: "AMAZON") { channel { code name } available steps { label quantity } } } }`,
      { sku: first },
    );
    const product = data.product;
    const levelsAvailable = product.inventory.levels.reduce((n: number, l: { available: number }) => n + l.available, 0);
    expect(product.inventory.available).toBe(levelsAvailable);
    expect(product.availableToPromise).toBeLessThanOrEqual(product.inventory.available);
    expect(product.explainAvailability.channel.name).toEqual(expect.any(String)); // channel details from catalog
    expect(product.explainAvailability.available).toBe(product.availableToPromise);
  });

  it('changes stock with a mutation routed to inventory, visible on the next read', async () => {
    const { sku } = (await gql(`{ products(first: 1) { nodes { sku } } }`)).products.nodes[0];
    const before = (await gql(`query($sku: String!) { product(sku: $sku) { inventory { onHand } } }`, { sku })).product.inventory.onHand;
    const result = await gql(
      `mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { levels { product { sku name } location { code } onHand } userErrors { code } } }`,
      { input: { idempotencyKey: `fed-${Date.now()}`, sku, locationCode: 'WH-EAST', quantity: 11 } },
    );
    expect(result.receiveStock.userErrors).toEqual([]);
    expect(result.receiveStock.levels[0].product.sku).toBe(sku);
    const after = (await gql(`query($sku: String!) { product(sku: $sku) { inventory { onHand } } }`, { sku })).product.inventory.onHand;
    expect(after).toBe(before + 11);
  });

  it('shows a balanced trial balance over the seeded ledger', async () => {
    const data = await gql(`{ trialBalance { totalDebit { amount currencyCode } totalCredit { amount currencyCode } lines { account { code name type } } } }`);
    expect(data.trialBalance.lines.length).toBeGreaterThan(2);
    expect(data.trialBalance.totalDebit).toEqual(data.trialBalance.totalCredit);
    expect(Number(data.trialBalance.totalDebit.amount)).toBeGreaterThan(0);
  });

  it('answers malformed and invalid GraphQL with typed errors, not a 500', async () => {
    const parse = await postGraphQL(stack.gateway.url, `{ products(first: 1) { nodes { sku }`);
    expect(parse.status).toBe(400);
    expect(parse.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = await postGraphQL(stack.gateway.url, `{ products { nodes { colour } } }`);
    expect(invalid.status).toBe(400);
    expect(invalid.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const garbage = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(garbage.status).toBe(400);
  });
});

describe('browser access', () => {
  it('shows a browser a self-contained page about the endpoint, with nothing loaded from elsewhere', async () => {
    const response = await fetch(stack.gateway.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('OpsGraph GraphQL API');
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!localhost)/);
  });

  it('lets the web app origin call the gateway from a browser, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(stack.gateway.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const web = await preflight('http://localhost:3000');
    expect(web.status).toBe(204);
    expect(web.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(web.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('batching', () => {
  const PRODUCTS_WITH_STOCK = `query($first: Int!) { products(first: $first) { nodes { sku name price { amount }
    inventory { onHand available levels { location { code name } onHand available } } availableToPromise(channel: "WEB") } } }`;

  async function statementsFor(first: number) {
    await gql(PRODUCTS_WITH_STOCK, { first }); // warm up: nothing cached across requests, but keep runs alike
    // Background work (event consumers, orders' backorder filler) shares the database and can only add
    // statements while a request runs: the fewest of a few runs is the request's own count.
    const counts: number[] = [];
    for (let run = 0; run < 3; run++) {
      const before = statements;
      const data = await gql(PRODUCTS_WITH_STOCK, { first });
      expect(data.products.nodes).toHaveLength(first);
      counts.push(statements - before);
    }
    return Math.min(...counts);
  }

  it('runs the same number of SQL statements for 100 products with inventory as for 5', async () => {
    const few = await statementsFor(5);
    const many = await statementsFor(100);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(8);
  });
});
