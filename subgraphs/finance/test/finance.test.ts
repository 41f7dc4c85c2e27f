import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '@opsgraph/db/testing';
import { encodeCursor } from '@opsgraph/kit';
import { postGraphQL, startTestSubgraph } from '@opsgraph/kit/testing';
import { financeSubgraph } from '../src/server';
import { entriesNewestFirst, insertFinanceFixtures } from './fixtures';

const statements: string[] = [];
const database = await createTestDb({ onQuery: (sql) => statements.push(sql) });
const server = await startTestSubgraph(financeSubgraph, database);

beforeAll(() => insertFinanceFixtures(database.db));
afterAll(async () => {
  await server.stop();
  await database.close();
});

type Page = {
  journalEntries: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
};

async function collectEntries(pageSize: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Page = await server.query(
      `query($first: Int, $after: String) { journalEntries(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
      { first: pageSize, after },
    );
    seen.push(...data.journalEntries.nodes.map((n) => n.id));
    if (!data.journalEntries.pageInfo.hasNextPage) return seen;
    after = data.journalEntries.pageInfo.endCursor;
  }
}

const usd = (amount: string) => ({ amount, currencyCode: 'USD' });

describe('finance subgraph', () => {
  it('lists the chart of accounts by code', async () => {
    const data = await server.query(`{ accounts { code name type } }`);
    expect(data.accounts).toHaveLength(12);
    expect(data.accounts[0]).toEqual({ code: '1000', name: 'Cash', type: 'ASSET' });
    expect(data.accounts.map((a: { code: string }) => a.code)).toEqual(
      ['1000', '1100', '1200', '2000', '2100', '3000', '4000', '4100', '5000', '5100', '5200', '5300'],
    );
  });

  it('reports a balanced trial balance with one line per posted account, by code', async () => {
    const data = await server.query(`{ trialBalance {
      lines { account { code name type } debit { amount currencyCode } credit { amount currencyCode } balance { amount currencyCode } }
      totalDebit { amount currencyCode } totalCredit { amount currencyCode } balanced } }`);
    const line = (code: string, name: string, type: string, debit: string, credit: string, balance: string) => ({
      account: { code, name, type },
      debit: usd(debit),
      credit: usd(credit),
      balance: usd(balance),
    });
    expect(data.trialBalance).toEqual({
      lines: [
        line('1000', 'Cash', 'ASSET', '10120.00', '20.00', '10100.00'),
        line('1100', 'Accounts receivable', 'ASSET', '120.00', '120.00', '0.00'),
        line('1200', 'Inventory', 'ASSET', '5000.00', '45.50', '4954.50'),
        line('2100', 'Refunds payable', 'LIABILITY', '0.00', '20.00', '-20.00'),
        line('3000', "Owner's equity", 'EQUITY', '0.00', '15000.00', '-15000.00'),
        line('4000', 'Sales revenue', 'REVENUE', '0.00', '120.00', '-120.00'),
        line('4100', 'Sales returns', 'REVENUE', '20.00', '0.00', '20.00'),
        line('5000', 'Cost of goods sold', 'EXPENSE', '45.50', '0.00', '45.50'),
        line('5200', 'Marketplace fees', 'EXPENSE', '20.00', '0.00', '20.00'),
      ],
      totalDebit: usd('15325.50'),
      totalCredit: usd('15325.50'),
      balanced: true,
    });
  });

  it('reports in another currency only when asked, and refuses a malformed one', async () => {
    const eur = await server.query(`{ trialBalance(currency: "EUR") { lines { debit { amount } } totalDebit { amount currencyCode } balanced } }`);
    expect(eur.trialBalance).toEqual({ lines: [], totalDebit: { amount: '0.00', currencyCode: 'EUR' }, balanced: true });
    const bad = await postGraphQL(server.url, `{ trialBalance(currency: "usd") { balanced } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('shows an entry with its lines in the order they were posted', async () => {
    const data = await server.query(`{ journalEntries(first: 100) { nodes { id description sourceType sourceId postedAt
      lines { account { code } debit { amount currencyCode } credit { amount } } } } }`);
    const opening = data.journalEntries.nodes.find((e: { id: string }) => e.id === 'je_opening');
    expect(opening).toEqual({
      id: 'je_opening',
      description: 'Opening balances',
      sourceType: 'OPENING_BALANCE',
      sourceId: null,
      postedAt: '2024-03-01T00:00:00.000Z',
      lines: [
        { account: { code: '1000' }, debit: usd('10000.00'), credit: { amount: '0.00' } },
        { account: { code: '1200' }, debit: usd('5000.00'), credit: { amount: '0.00' } },
        { account: { code: '3000' }, debit: usd('0.00'), credit: { amount: '15000.00' } },
      ],
    });
  });

  it('pages entries newest first without gaps or repeats, even within one millisecond', async () => {
    expect(entriesNewestFirst.slice(0, 3)).toEqual(['je_fee_19', 'je_fee_18', 'je_fee_17']);
    expect(entriesNewestFirst.slice(-1)).toEqual(['je_opening']);
    for (const size of [1, 7, 25, 100]) expect(await collectEntries(size)).toEqual(entriesNewestFirst);
  });

  it('loads lines and accounts for a whole page in a fixed number of statements', async () => {
    statements.length = 0;
    const data = await server.query(`{ journalEntries(first: 25) { nodes { lines { account { name } } } } }`);
    expect(data.journalEntries.nodes).toHaveLength(25);
    // The page, then all its lines, then all their accounts.
    expect(statements).toHaveLength(3);
  });

  it('rejects a page size over the limit and forged cursors with typed errors', async () => {
    const big = await postGraphQL(server.url, `{ journalEntries(first: 101) { nodes { id } } }`);
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const after of ['%%%', encodeCursor('je_fee_03'), encodeCursor('2024-13-01T00:00:00.000000Z|je_x')]) {
      const forged = await postGraphQL(server.url, `query($after: String) { journalEntries(after: $after) { nodes { id } } }`, { after });
      expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    }
  });
});
