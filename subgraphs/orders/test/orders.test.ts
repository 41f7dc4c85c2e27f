import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '@opsgraph/db/testing';
import type { Connection } from '@opsgraph/kit';
import { postGraphQL, startTestSubgraph } from '@opsgraph/kit/testing';
import { ordersSubgraph } from '../src/server';
import { allExceptions, detailOrder, insertOrdersFixtures, listOrders, slaDueAt } from './fixtures';

// Every SQL statement the subgraph sends, so tests can prove that lists and references are batched.
const statements: string[] = [];
const database = await createTestDb({ onQuery: (statement) => statements.push(statement) });
// Reads only: inventory is never called, so its address need not answer.
const server = await startTestSubgraph(ordersSubgraph, database, { peers: { inventory: 'http://127.0.0.1:9/graphql' } });

beforeAll(() => insertOrdersFixtures(database.db));
afterAll(async () => {
  await server.stop();
  await database.close();
});

async function countStatements(run: () => Promise<unknown>): Promise<number> {
  statements.length = 0;
  await run();
  return statements.length;
}

/** Follows `endCursor` until the last page and returns every node seen, in order. */
async function pageThrough<Node>(
  field: 'orders' | 'exceptions',
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Node[]> {
  const seen: Node[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, Connection<Node>> = await server.query(query, { ...variables, after });
    const page = data[field]!;
    seen.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return seen;
    expect(page.pageInfo.endCursor).not.toBeNull();
    after = page.pageInfo.endCursor;
  }
}

const allOrders = [...listOrders, detailOrder];
/** Newest first, ties broken by id: what `orders` promises. */
const newestFirst = (orders: typeof allOrders) =>
  [...orders].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : -1)).map((o) => o.number);
/** Oldest first, ties broken by id: the exception queue. */
const oldestFirst = (exceptions: typeof allExceptions) =>
  [...exceptions].sort((a, b) => a.openedAt.localeCompare(b.openedAt) || (a.id < b.id ? -1 : 1)).map((e) => e.id);

type NumberNode = { number: string };
type IdNode = { id: string };

describe('orders subgraph', () => {
  it('reads one order with its lines, exact money, history in order, exceptions and shipments', async () => {
    const data = await server.query(`{
      order(id: "ord_detail") {
        id number status channel { code } createdAt
        customer { email name } shipTo { line1 city postalCode country }
        total { amount currencyCode }
        lines { id sku quantity product { id } unitPrice { amount currencyCode } allocations { location { id } quantity } }
        history { from to at actor reason }
        exceptions { id cause status openedAt slaDueAt assignee order { number } }
        shipments { carrier trackingNumber shippedAt }
      }
    }`);
    expect(data.order).toEqual({
      id: 'ord_detail',
      number: 'SO-200001',
      status: 'SHIPPED',
      channel: { code: 'WEB' },
      createdAt: '2026-01-12T08:00:00.000Z',
      customer: { email: 'ana@example.com', name: 'Ana Lima' },
      shipTo: { line1: '1 Main St', city: 'Springfield', postalCode: '01101', country: 'US' },
      total: { amount: '57.99', currencyCode: 'USD' },
      lines: [
        {
          id: 'oln_d1',
          sku: 'SKU-001',
          quantity: 2,
          product: { id: 'prd_1' },
          unitPrice: { amount: '12.99', currencyCode: 'USD' },
          allocations: [{ location: { id: 'loc_east' }, quantity: 2 }],
        },
        {
          id: 'oln_d2',
          sku: 'SKU-002',
          quantity: 3,
          product: { id: 'prd_2' },
          unitPrice: { amount: '10.67', currencyCode: 'USD' },
          allocations: [
            { location: { id: 'loc_west' }, quantity: 2 },
            { location: { id: 'loc_east' }, quantity: 1 },
          ],
        },
      ],
      history: [
        { from: null, to: 'CAPTURED', at: '2026-01-12T08:00:00.000Z', actor: 'partner:web', reason: null },
        { from: 'CAPTURED', to: 'RISK_REVIEW', at: '2026-01-12T09:00:00.000Z', actor: 'system', reason: 'high value and new customer' },
        { from: 'RISK_REVIEW', to: 'ALLOCATED', at: '2026-01-12T10:00:00.000Z', actor: 'ops:ana', reason: 'verified by phone' },
        { from: 'ALLOCATED', to: 'RELEASED', at: '2026-01-12T11:00:00.000Z', actor: 'system', reason: null },
        { from: 'RELEASED', to: 'PICKED', at: '2026-01-12T12:00:00.000Z', actor: 'wms', reason: null },
        { from: 'PICKED', to: 'PACKED', at: '2026-01-12T13:00:00.000Z', actor: 'wms', reason: null },
        { from: 'PACKED', to: 'SHIPPED', at: '2026-01-12T13:00:00.000Z', actor: 'wms', reason: 'UPS 1Z999' },
      ],
      exceptions: [
        {
          id: 'exc_d1',
          cause: 'HIGH_VALUE_RISK',
          status: 'RESOLVED',
          openedAt: '2026-01-12T08:00:01.000Z',
          slaDueAt: '2026-01-12T12:00:01.000Z',
          assignee: 'ops:ana',
          order: { number: 'SO-200001' },
        },
        {
          id: 'exc_d2',
          cause: 'ADDRESS_INVALID',
          status: 'OPEN',
          openedAt: '2026-01-12T08:30:00.000Z',
          slaDueAt: '2026-01-12T12:30:00.000Z',
          assignee: null,
          order: { number: 'SO-200001' },
        },
      ],
      shipments: [{ carrier: 'UPS', trackingNumber: '1Z999', shippedAt: '2026-01-12T13:00:00.000Z' }],
    });
  });

  it('gives an order without lines or history empty lists, not errors', async () => {
    const data = await server.query(`{ order(id: "ord_l01") { lines { id } history { to } exceptions { id } shipments { carrier } } }`);
    expect(data.order).toEqual({ lines: [], history: [], exceptions: [{ id: 'exc_q01' }], shipments: [] });
  });

  it('finds an order by number and answers null for unknown ids and numbers', async () => {
    const data = await server.query(`{
      byNumber: orderByNumber(number: "SO-200001") { id }
      unknownId: order(id: "ord_missing") { id }
      unknownNumber: orderByNumber(number: "SO-0") { id }
    }`);
    expect(data).toEqual({ byNumber: { id: 'ord_detail' }, unknownId: null, unknownNumber: null });
  });

  it('lists orders newest first, filtered by status, by channel or both', async () => {
    const list = `query($status: OrderStatus, $channel: String) {
      orders(status: $status, channel: $channel, first: 100) { nodes { number status channel { code } } pageInfo { hasNextPage } }
    }`;
    const everything = await server.query<{ orders: Connection<NumberNode> }>(list);
    expect(everything.orders.nodes.map((o) => o.number)).toEqual(newestFirst(allOrders));
    expect(everything.orders.pageInfo.hasNextPage).toBe(false);

    const shipped = await server.query<{ orders: Connection<NumberNode> }>(list, { status: 'SHIPPED' });
    expect(shipped.orders.nodes.map((o) => o.number)).toEqual(newestFirst(allOrders.filter((o) => o.status === 'SHIPPED')));
    expect(shipped.orders.nodes.length).toBeGreaterThan(1);

    const amazon = await server.query<{ orders: Connection<NumberNode> }>(list, { channel: 'AMAZON' });
    expect(amazon.orders.nodes.map((o) => o.number)).toEqual(newestFirst(allOrders.filter((o) => o.channelCode === 'AMAZON')));

    const both = await server.query<{ orders: Connection<NumberNode> }>(list, { status: 'CAPTURED', channel: 'AMAZON' });
    expect(both.orders.nodes.map((o) => o.number)).toEqual(
      newestFirst(allOrders.filter((o) => o.status === 'CAPTURED' && o.channelCode === 'AMAZON')),
    );
    expect(both.orders.nodes.length).toBeGreaterThan(0);

    const none = await server.query<{ orders: Connection<NumberNode> }>(list, { channel: 'NOWHERE' });
    expect(none.orders).toEqual({ nodes: [], pageInfo: { hasNextPage: false } });
  });

  it('pages through orders without gaps or repeats, even across sub-millisecond and identical timestamps', async () => {
    const query = `query($after: String, $status: OrderStatus) {
      orders(first: 3, after: $after, status: $status) { nodes { number } pageInfo { hasNextPage endCursor } }
    }`;
    const seen = await pageThrough<NumberNode>('orders', query);
    expect(seen.map((o) => o.number)).toEqual(newestFirst(allOrders));

    const delivered = await pageThrough<NumberNode>('orders', query, { status: 'DELIVERED' });
    expect(delivered.map((o) => o.number)).toEqual(newestFirst(allOrders.filter((o) => o.status === 'DELIVERED')));
  });

  it('serves the exception queue oldest first, filtered by status and cause, page by page', async () => {
    const query = `query($after: String, $status: ExceptionStatus, $cause: String) {
      exceptions(first: 5, after: $after, status: $status, cause: $cause) {
        nodes { id } pageInfo { hasNextPage endCursor }
      }
    }`;
    const ids = async (variables: Record<string, unknown>) =>
      (await pageThrough<IdNode>('exceptions', query, variables)).map((e) => e.id);

    expect(await ids({})).toEqual(oldestFirst(allExceptions));
    expect(await ids({ status: 'OPEN' })).toEqual(oldestFirst(allExceptions.filter((e) => e.status === 'OPEN')));
    expect(await ids({ cause: 'STOCKOUT' })).toEqual(oldestFirst(allExceptions.filter((e) => e.cause === 'STOCKOUT')));
    const openRisk = await ids({ status: 'OPEN', cause: 'HIGH_VALUE_RISK' });
    expect(openRisk).toEqual(oldestFirst(allExceptions.filter((e) => e.status === 'OPEN' && e.cause === 'HIGH_VALUE_RISK')));
    expect(openRisk.length).toBeGreaterThan(0);
  });

  it('shows exception SLA times and the order they belong to', async () => {
    const data = await server.query(`{ exceptions(first: 1, status: IN_PROGRESS) { nodes { id openedAt slaDueAt order { id } } } }`);
    const expected = oldestFirst(allExceptions.filter((e) => e.status === 'IN_PROGRESS'))[0];
    const exception = allExceptions.find((e) => e.id === expected)!;
    expect(data.exceptions.nodes).toEqual([
      {
        id: exception.id,
        // The API speaks milliseconds; the stored microsecond is dropped, not rounded into the next one.
        openedAt: exception.openedAt.replace(/(\.\d{3})\d{3}Z$/, '$1Z'),
        slaDueAt: slaDueAt(exception.openedAt),
        order: { id: exception.orderId },
      },
    ]);
  });

  it('rejects bad page sizes and forged cursors with typed errors', async () => {
    const big = await postGraphQL(server.url, `{ orders(first: 500) { nodes { id } } }`);
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const negative = await postGraphQL(server.url, `{ exceptions(first: -1) { nodes { id } } }`);
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const forged = await postGraphQL(server.url, `{ orders(after: "not a cursor!") { nodes { id } } }`);
    expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    // Well encoded, but not a position this API hands out.
    for (const key of ['ord_l01', '2026-02-30T00:00:00.000000Z|ord_l01', '2026-01-10T09:00:00Z|ord_l01']) {
      const cursor = Buffer.from(key).toString('base64url');
      const result = await postGraphQL(server.url, `query($c: String) { exceptions(after: $c) { nodes { id } } }`, { c: cursor });
      expect(result.errors?.[0]?.extensions?.code, key).toBe('INVALID_CURSOR');
    }
  });

  it('resolves Order, OrderLine and OrderException references for the gateway, one query per type', async () => {
    let data: { _entities: unknown[] } | undefined;
    const queries = await countStatements(async () => {
      data = await server.query(
        `query($reps: [_Any!]!) { _entities(representations: $reps) {
          ... on Order { number } ... on OrderLine { sku } ... on OrderException { cause }
        } }`,
        {
          reps: [
            { __typename: 'Order', id: 'ord_detail' },
            { __typename: 'OrderLine', id: 'oln_d2' },
            { __typename: 'OrderException', id: 'exc_q02' },
            { __typename: 'Order', id: 'ord_l05' },
            { __typename: 'OrderLine', id: 'oln_d1' },
            { __typename: 'OrderException', id: 'exc_d1' },
            { __typename: 'Order', id: 'ord_missing' },
            { __typename: 'OrderLine', id: 'oln_missing' },
            { __typename: 'OrderException', id: 'exc_missing' },
          ],
        },
      );
    });
    expect(data?._entities).toEqual([
      { number: 'SO-200001' },
      { sku: 'SKU-002' },
      { cause: 'ADDRESS_INVALID' },
      { number: 'SO-100005' },
      { sku: 'SKU-001' },
      { cause: 'HIGH_VALUE_RISK' },
      null,
      null,
      null,
    ]);
    expect(queries).toBe(3);
  });

  it('loads list children in batches: the number of queries does not grow with the page', async () => {
    const query = `query($first: Int) { orders(first: $first) { nodes {
      number total { amount } channel { code }
      lines { unitPrice { amount } product { id } allocations { quantity location { id } } order { id } }
      history { to } exceptions { id order { number } } shipments { carrier }
    } } }`;
    // The newest order is the detail order, so even one node touches every loader.
    const small = await countStatements(() => server.query(query, { first: 1 }));
    const large = await countStatements(() => server.query(query, { first: 31 }));
    // The page, then one query each for lines, allocations, history, exceptions and shipments; the orders that
    // lines and exceptions point back to are the page's own.
    expect(small).toBe(6);
    expect(large).toBe(small);
  });
});
