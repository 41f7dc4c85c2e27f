import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '@opsgraph/db/testing';
import { encodeCursor } from '@opsgraph/kit';
import { postGraphQL, startTestSubgraph } from '@opsgraph/kit/testing';
import { returnsSubgraph } from '../src/server';
import { insertReturnsFixtures, newestFirst, returnFixtures } from './fixtures';

const statements: string[] = [];
const database = await createTestDb({ onQuery: (sql) => statements.push(sql) });
const server = await startTestSubgraph(returnsSubgraph, database);

beforeAll(() => insertReturnsFixtures(database.db));
afterAll(async () => {
  await server.stop();
  await database.close();
});

type Page = { returns: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

async function collectPages(pageSize: number, status?: string): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Page = await server.query(
      `query($first: Int, $after: String, $status: ReturnStatus) {
        returns(first: $first, after: $after, status: $status) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
      { first: pageSize, after, status },
    );
    seen.push(...data.returns.nodes.map((n) => n.id));
    if (!data.returns.pageInfo.hasNextPage) return seen;
    after = data.returns.pageInfo.endCursor;
  }
}

describe('returns subgraph', () => {
  it('reads a return with its lines, refund and order reference', async () => {
    const data = await server.query(`{ return(id: "ret_01") {
      id number status createdAt order { id }
      lines { orderLine { id } quantity reason disposition }
      refund { id amount { amount currencyCode } status createdAt } } }`);
    expect(data.return).toEqual({
      id: 'ret_01',
      number: 'RMA-100001',
      status: 'RECEIVED',
      createdAt: '2024-03-01T10:01:00.000Z',
      order: { id: 'ord_a' },
      lines: [{ orderLine: { id: 'oln_a1' }, quantity: 1, reason: 'Changed mind', disposition: 'RESTOCK' }],
      refund: { id: 'rfd_1', amount: { amount: '12.50', currencyCode: 'USD' }, status: 'APPROVED', createdAt: '2024-03-02T09:00:00.000Z' },
    });
  });

  it('lists lines by order line and leaves uninspected dispositions and missing refunds null', async () => {
    const data = await server.query(`{ return(id: "ret_00") { lines { orderLine { id } disposition } refund { id } } }`);
    expect(data.return).toEqual({
      lines: [
        { orderLine: { id: 'oln_a1' }, disposition: 'SCRAP' },
        { orderLine: { id: 'oln_a2' }, disposition: null },
      ],
      refund: null,
    });
  });

  it('answers null for an unknown id', async () => {
    expect((await server.query(`{ return(id: "ret_missing") { id } }`)).return).toBeNull();
  });

  it('pages newest first without gaps or repeats, even within one millisecond', async () => {
    for (const size of [1, 4, 25, 100]) expect(await collectPages(size)).toEqual(newestFirst);
  });

  it('orders returns created in the same millisecond by their exact time, then id', async () => {
    const all = await collectPages(100);
    const sameMoment = all.filter((id) => ['ret_10', 'ret_11', 'ret_12', 'ret_13', 'ret_14'].includes(id));
    expect(sameMoment).toEqual(['ret_14', 'ret_13', 'ret_11', 'ret_12', 'ret_10']);
  });

  it('filters by status while paging', async () => {
    const expected = newestFirst.filter((id) => returnFixtures.find((r) => r.id === id)!.status === 'INSPECTED');
    expect(expected.length).toBeGreaterThan(2);
    expect(await collectPages(2, 'INSPECTED')).toEqual(expected);
  });

  it('rejects a page size over the limit and forged cursors with typed errors', async () => {
    const big = await postGraphQL(server.url, `{ returns(first: 500) { nodes { id } } }`);
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const negative = await postGraphQL(server.url, `{ returns(first: -1) { nodes { id } } }`);
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const after of ['not a cursor!', encodeCursor('ret_05'), encodeCursor('2024-02-30T10:00:00.000000Z|ret_05')]) {
      const forged = await postGraphQL(server.url, `query($after: String) { returns(after: $after) { nodes { id } } }`, { after });
      expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    }
  });

  it('rejects an unknown status as a GraphQL validation error', async () => {
    const result = await postGraphQL(server.url, `{ returns(status: LOST) { nodes { id } } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('adds returns to Order references in one batch', async () => {
    statements.length = 0;
    const data = await server.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Order { id returns { id lines { quantity } refund { amount { amount } } } } } }`,
      {
        reps: [
          { __typename: 'Order', id: 'ord_a' },
          { __typename: 'Order', id: 'ord_b' },
          { __typename: 'Order', id: 'ord_without_returns' },
        ],
      },
    );
    expect(data._entities).toEqual([
      {
        id: 'ord_a',
        returns: [
          { id: 'ret_00', lines: [{ quantity: 2 }, { quantity: 1 }], refund: null },
          { id: 'ret_01', lines: [{ quantity: 1 }], refund: { amount: { amount: '12.50' } } },
        ],
      },
      { id: 'ord_b', returns: [{ id: 'ret_02', lines: [{ quantity: 1 }], refund: null }] },
      { id: 'ord_without_returns', returns: [] },
    ]);
    // Returns by order, then lines and refunds for all of them: three statements, not one per row.
    expect(statements).toHaveLength(3);
  });

  it('resolves Return references in a batch, with null for a missing one', async () => {
    statements.length = 0;
    const data = await server.query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Return { number status } } }`,
      {
        reps: [
          { __typename: 'Return', id: 'ret_03' },
          { __typename: 'Return', id: 'ret_missing' },
          { __typename: 'Return', id: 'ret_04' },
        ],
      },
    );
    expect(data._entities).toEqual([{ number: 'RMA-100003', status: 'REFUNDED' }, null, { number: 'RMA-100004', status: 'CLOSED' }]);
    expect(statements).toHaveLength(1);
  });
});
