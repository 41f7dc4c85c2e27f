import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts, financeEvents, journalEntries, journalLines } from '@opsgraph/db';
import { createTestDb } from '@opsgraph/db/testing';
import { UserErrors } from '@opsgraph/kit';
import { postGraphQL, startTestSubgraph } from '@opsgraph/kit/testing';
import { chartOfAccounts, ensureChartOfAccounts } from '../src/accounts';
import { assertBalanced, journalEntryErrors, postJournalEntry, type JournalEntryInput } from '../src/posting';
import { financeSubgraph } from '../src/server';

const database = await createTestDb();
const { db } = database;
const server = await startTestSubgraph(financeSubgraph, database);

beforeAll(() => ensureChartOfAccounts(db));
afterAll(async () => {
  await server.stop();
  await database.close();
});

const knownCodes = new Set(chartOfAccounts.map((a) => a.code));

function entry(lines: JournalEntryInput['lines'], extra: Partial<JournalEntryInput> = {}): JournalEntryInput {
  return { description: 'Test posting', sourceType: 'TEST', lines, ...extra };
}

const codesOf = (input: JournalEntryInput, known?: ReadonlySet<string>) => journalEntryErrors(input, known).map((e) => e.code);

async function tableCounts() {
  return {
    entries: await db.$count(journalEntries),
    lines: await db.$count(journalLines),
    events: await db.$count(financeEvents),
  };
}

/** Posts in its own transaction and returns the userErrors it was refused with (none when it posted). */
async function refusal(input: JournalEntryInput) {
  try {
    await db.transaction((tx) => postJournalEntry(tx, input));
    return [];
  } catch (error) {
    if (error instanceof UserErrors) return error.userErrors;
    throw error;
  }
}

describe('journal entry validation (pure)', () => {
  it('accepts an entry whose debits equal its credits in every currency', () => {
    const input = entry([
      { accountCode: '1000', currency: 'USD', debitMinor: 500 },
      { accountCode: '4000', currency: 'USD', creditMinor: 300 },
      { accountCode: '2100', currency: 'USD', creditMinor: 200 },
      { accountCode: '1000', currency: 'EUR', debitMinor: 90 },
      { accountCode: '4000', currency: 'EUR', creditMinor: 90 },
    ]);
    expect(journalEntryErrors(input, knownCodes)).toEqual([]);
    expect(() => assertBalanced(input, knownCodes)).not.toThrow();
  });

  it('refuses an unbalanced entry, and does not net one currency against another', () => {
    expect(
      codesOf(entry([{ accountCode: '1000', currency: 'USD', debitMinor: 500 }, { accountCode: '4000', currency: 'USD', creditMinor: 499 }])),
    ).toEqual(['UNBALANCED_ENTRY']);
    const crossCurrency = entry([
      { accountCode: '1000', currency: 'USD', debitMinor: 500 },
      { accountCode: '4000', currency: 'EUR', creditMinor: 500 },
    ]);
    expect(codesOf(crossCurrency)).toEqual(['UNBALANCED_ENTRY', 'UNBALANCED_ENTRY']);
    expect(journalEntryErrors(crossCurrency)[0]?.message).toBe('Debits (5.00) and credits (0.00) differ in USD.');
  });

  it('needs at least two lines', () => {
    expect(codesOf(entry([]))).toEqual(['UNBALANCED_ENTRY']);
    expect(codesOf(entry([{ accountCode: '1000', currency: 'USD', debitMinor: 500 }]))).toEqual(['UNBALANCED_ENTRY']);
  });

  it('refuses lines that are not exactly one positive whole amount', () => {
    const credit = { accountCode: '4000', currency: 'USD', creditMinor: 100 };
    const bad: JournalEntryInput['lines'][number][] = [
      { accountCode: '1000', currency: 'USD' },
      { accountCode: '1000', currency: 'USD', debitMinor: 100, creditMinor: 100 },
      { accountCode: '1000', currency: 'USD', debitMinor: -100 },
      { accountCode: '1000', currency: 'USD', debitMinor: 99.5 },
      { accountCode: '1000', currency: 'usd', debitMinor: 100 },
      { accountCode: ' ', currency: 'USD', debitMinor: 100 },
    ];
    for (const line of bad) {
      const errors = journalEntryErrors(entry([line, credit]));
      expect(errors.map((e) => e.code)).toEqual(['INVALID_LINE']);
      expect(errors[0]?.field).toEqual(['lines', '0']);
    }
  });

  it('names accounts outside the chart, and requires a description and source', () => {
    const errors = journalEntryErrors(
      entry(
        [{ accountCode: '9999', currency: 'USD', debitMinor: 100 }, { accountCode: '4000', currency: 'USD', creditMinor: 100 }],
        { description: ' ', sourceType: '' },
      ),
      knownCodes,
    );
    expect(errors.map((e) => [e.code, e.field?.join('.')])).toEqual([
      ['REQUIRED', 'description'],
      ['REQUIRED', 'sourceType'],
      ['UNKNOWN_ACCOUNT', 'lines.0.accountCode'],
    ]);
  });
});

describe('posting to the ledger', () => {
  it('reports an empty ledger as zero US dollars, balanced', async () => {
    const data = await server.query(`{ trialBalance { lines { debit { amount } } totalDebit { amount currencyCode } totalCredit { amount currencyCode } balanced } }`);
    expect(data.trialBalance).toEqual({
      lines: [],
      totalDebit: { amount: '0.00', currencyCode: 'USD' },
      totalCredit: { amount: '0.00', currencyCode: 'USD' },
      balanced: true,
    });
  });

  it('creates the chart of accounts idempotently', async () => {
    await ensureChartOfAccounts(db);
    await db.transaction((tx) => ensureChartOfAccounts(tx));
    expect(await db.$count(accounts)).toBe(chartOfAccounts.length);
  });

  it('posts a balanced entry with its lines and an outbox event, and it shows in the trial balance', async () => {
    const posted = await db.transaction((tx) =>
      postJournalEntry(
        tx,
        entry(
          [
            { accountCode: '1100', currency: 'USD', debitMinor: 12_999 },
            { accountCode: '4000', currency: 'USD', creditMinor: 12_999 },
          ],
          { description: 'Sale SO-100001', sourceType: 'ORDER', sourceId: 'ord_1' },
        ),
      ),
    );
    expect(posted.alreadyPosted).toBe(false);
    expect(posted.entryId).toMatch(/^je_/);
    expect(await tableCounts()).toEqual({ entries: 1, lines: 2, events: 1 });

    const [event] = await db.select().from(financeEvents).where(eq(financeEvents.entityId, posted.entryId));
    expect(event).toMatchObject({ entityType: 'JournalEntry', type: 'JournalEntryPosted' });
    expect(event?.payload).toMatchObject({
      entryId: posted.entryId,
      sourceType: 'ORDER',
      sourceId: 'ord_1',
      lines: [
        { accountCode: '1100', currency: 'USD', debitMinor: 12_999, creditMinor: 0 },
        { accountCode: '4000', currency: 'USD', debitMinor: 0, creditMinor: 12_999 },
      ],
    });

    const data = await server.query(`{ trialBalance { lines { account { code } balance { amount } } totalDebit { amount } totalCredit { amount } balanced } }`);
    expect(data.trialBalance).toEqual({
      lines: [
        { account: { code: '1100' }, balance: { amount: '129.99' } },
        { account: { code: '4000' }, balance: { amount: '-129.99' } },
      ],
      totalDebit: { amount: '129.99' },
      totalCredit: { amount: '129.99' },
      balanced: true,
    });
  });

  it('refuses an unbalanced entry and writes nothing', async () => {
    const before = await tableCounts();
    const errors = await refusal(
      entry([{ accountCode: '1000', currency: 'USD', debitMinor: 1000 }, { accountCode: '4000', currency: 'USD', creditMinor: 999 }]),
    );
    expect(errors.map((e) => e.code)).toEqual(['UNBALANCED_ENTRY']);
    expect((await refusal(entry([]))).map((e) => e.code)).toEqual(['UNBALANCED_ENTRY']);
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses an unknown account and writes nothing', async () => {
    const before = await tableCounts();
    const errors = await refusal(
      entry([{ accountCode: '1000', currency: 'USD', debitMinor: 1000 }, { accountCode: '4999', currency: 'USD', creditMinor: 1000 }]),
    );
    expect(errors).toEqual([
      { field: ['lines', '1', 'accountCode'], code: 'UNKNOWN_ACCOUNT', message: 'Account 4999 is not in the chart of accounts.' },
    ]);
    expect(await tableCounts()).toEqual(before);
  });

  it('posts an entry with a given id only once', async () => {
    const input = entry(
      [{ accountCode: '5200', currency: 'USD', debitMinor: 150 }, { accountCode: '1000', currency: 'USD', creditMinor: 150 }],
      { id: 'je_fee_ord_1', sourceType: 'MARKETPLACE_FEE', sourceId: 'ord_1' },
    );
    const before = await tableCounts();
    expect(await db.transaction((tx) => postJournalEntry(tx, input))).toEqual({ entryId: 'je_fee_ord_1', alreadyPosted: false });
    expect(await db.transaction((tx) => postJournalEntry(tx, input))).toEqual({ entryId: 'je_fee_ord_1', alreadyPosted: true });
    expect(await tableCounts()).toEqual({ entries: before.entries + 1, lines: before.lines + 2, events: before.events + 1 });
  });

  it('asks which currency to report once the ledger holds several', async () => {
    await db.transaction((tx) =>
      postJournalEntry(tx, entry([{ accountCode: '1000', currency: 'EUR', debitMinor: 700 }, { accountCode: '3000', currency: 'EUR', creditMinor: 700 }])),
    );
    const ambiguous = await postGraphQL(server.url, `{ trialBalance { balanced } }`);
    expect(ambiguous.errors?.[0]?.extensions?.code).toBe('CURRENCY_REQUIRED');
    const eur = await server.query(`{ trialBalance(currency: "EUR") { lines { account { code } debit { amount currencyCode } } totalCredit { amount currencyCode } } }`);
    expect(eur.trialBalance).toEqual({
      lines: [
        { account: { code: '1000' }, debit: { amount: '7.00', currencyCode: 'EUR' } },
        { account: { code: '3000' }, debit: { amount: '0.00', currencyCode: 'EUR' } },
      ],
      totalCredit: { amount: '7.00', currencyCode: 'EUR' },
    });
  });
});
