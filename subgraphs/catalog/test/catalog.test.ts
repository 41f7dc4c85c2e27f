import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '@opsgraph/db/testing';
import { postGraphQL, startTestSubgraph } from '@opsgraph/kit/testing';
import { catalogSubgraph } from '../src/server';
import { insertCatalogFixtures } from './fixtures';

const database = await createTestDb();
const server = await startTestSubgraph(catalogSubgraph, database);

beforeAll(() => insertCatalogFixtures(database.db));
afterAll(async () => {
  await server.stop();
  await database.close();
});

describe('catalog subgraph', () => {
  it('finds a product by SKU with exact decimal money', async () => {
    const data = await server.query(`{ product(sku: "SKU-001") { id name price { amount currencyCode } unitCost { amount }
      channelPrices { channel { code } price { amount } } } }`);
    expect(data.product).toEqual({
      id: 'prd_1',
      name: 'Cotton Tee 1',
      price: { amount: '11.05', currencyCode: 'USD' },
      unitCost: { amount: '4.01' },
      channelPrices: [{ channel: { code: 'AMAZON' }, price: { amount: '12.99' } }],
    });
  });

  it('answers null for an unknown SKU', async () => {
    expect((await server.query(`{ product(sku: "NOPE") { id } }`)).product).toBeNull();
  });

  it('pages through products in SKU order without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await server.query(
        `query($after: String) { products(first: 10, after: $after) { nodes { sku } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...data.products.nodes.map((n: { sku: string }) => n.sku));
      if (!data.products.pageInfo.hasNextPage) break;
      after = data.products.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(25);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(25);
  });

  it('searches by name or SKU, case-insensitively', async () => {
    const data = await server.query(`{ products(search: "trail", first: 50) { nodes { sku } } }`);
    expect(data.products.nodes.map((n: { sku: string }) => n.sku)).toEqual(['SKU-000', 'SKU-005', 'SKU-010', 'SKU-015', 'SKU-020']);
    const bySku = await server.query(`{ products(search: "sku-02") { nodes { sku } } }`);
    expect(bySku.products.nodes).toHaveLength(5);
    const wildcard = await server.query(`{ products(search: "%") { nodes { sku } } }`);
    expect(wildcard.products.nodes).toHaveLength(0);
  });

  it('lists channels by priority', async () => {
    const data = await server.query(`{ channels { code kind priority } }`);
    expect(data.channels).toEqual([
      { code: 'WEB', kind: 'DTC', priority: 1 },
      { code: 'AMAZON', kind: 'MARKETPLACE', priority: 2 },
    ]);
  });

  it('rejects a page size over the limit and a forged cursor with typed errors', async () => {
    const big = await postGraphQL(server.url, `{ products(first: 500) { nodes { sku } } }`);
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await postGraphQL(server.url, `{ products(after: "not a cursor!") { nodes { sku } } }`);
    expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  it('answers malformed GraphQL with a GraphQL error, not a crash', async () => {
    const result = await postGraphQL(server.url, `{ products(first: ) { nodes { sku }`);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('resolves Product and Channel references in batches for the gateway', async () => {
    const data = await server.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { sku } ... on Channel { name } } }`,
      {
        reps: [
          { __typename: 'Product', id: 'prd_2' },
          { __typename: 'Product', sku: 'SKU-003' },
          { __typename: 'Channel', code: 'WEB' },
          { __typename: 'Product', id: 'prd_missing' },
        ],
      },
    );
    expect(data._entities).toEqual([{ sku: 'SKU-002' }, { sku: 'SKU-003' }, { name: 'Web store' }, null]);
  });
});
