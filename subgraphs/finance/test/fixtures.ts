import { inArray, sql } from 'drizzle-orm';
import { journalEntries, type Db } from '@opsgraph/db';
import { ensureChartOfAccounts, standardAccounts as a } from '../src/accounts';
import { postJournalEntry, type JournalEntryInput } from '../src/posting';

const usd = (code: string, side: 'debit' | 'credit', minor: number) =>
  side === 'debit' ? { accountCode: code, currency: 'USD', debitMinor: minor } : { accountCode: code, currency: 'USD', creditMinor: minor };

/** A small month of business: opening balances, a sale, its cost, a refund and the cash coming in. */
export const businessEntries: JournalEntryInput[] = [
  {
    id: 'je_opening',
    description: 'Opening balances',
    sourceType: 'OPENING_BALANCE',
    postedAt: new Date('2024-03-01T00:00:00.000Z'),
    lines: [usd(a.cash.code, 'debit', 1_000_000), usd(a.inventory.code, 'debit', 500_000), usd(a.ownersEquity.code, 'credit', 1_500_000)],
  },
  {
    id: 'je_sale',
    description: 'Sale SO-100001',
    sourceType: 'ORDER',
    sourceId: 'ord_1',
    postedAt: new Date('2024-03-02T00:00:00.000Z'),
    lines: [usd(a.accountsReceivable.code, 'debit', 12_000), usd(a.salesRevenue.code, 'credit', 12_000)],
  },
  {
    id: 'je_cogs',
    description: 'Cost of SO-100001',
    sourceType: 'SHIPMENT',
    sourceId: 'ord_1',
    postedAt: new Date('2024-03-03T00:00:00.000Z'),
    lines: [usd(a.costOfGoodsSold.code, 'debit', 4_550), usd(a.inventory.code, 'credit', 4_550)],
  },
  {
    id: 'je_refund',
    description: 'Refund RMA-100001',
    sourceType: 'REFUND',
    sourceId: 'rfd_1',
    postedAt: new Date('2024-03-04T00:00:00.000Z'),
    lines: [usd(a.salesReturns.code, 'debit', 2_000), usd(a.refundsPayable.code, 'credit', 2_000)],
  },
  {
    id: 'je_collect',
    description: 'Payment for SO-100001',
    sourceType: 'PAYMENT',
    sourceId: 'ord_1',
    postedAt: new Date('2024-03-05T00:00:00.000Z'),
    lines: [usd(a.cash.code, 'debit', 12_000), usd(a.accountsReceivable.code, 'credit', 12_000)],
  },
];

/** Twenty $1.00 marketplace fees, a minute apart except three within one millisecond and two at the same instant. */
const feeTimes = Array.from({ length: 20 }, (_, i) =>
  i === 5 ? '2024-04-01T09:05:00.000300Z'
  : i === 6 ? '2024-04-01T09:05:00.000100Z'
  : i === 7 ? '2024-04-01T09:05:00.000200Z'
  : i === 8 || i === 9 ? '2024-04-01T09:08:00.500000Z'
  : `2024-04-01T09:${String(i).padStart(2, '0')}:00.000000Z`,
);
export const feeEntries: JournalEntryInput[] = feeTimes.map((_, i) => ({
  id: `je_fee_${String(i).padStart(2, '0')}`,
  description: `Marketplace fee ${i}`,
  sourceType: 'MARKETPLACE_FEE',
  sourceId: `fee_${i}`,
  lines: [usd(a.marketplaceFees.code, 'debit', 100), usd(a.cash.code, 'credit', 100)],
}));

/** Every entry id, newest first (ties by id descending): the order `journalEntries` pages in. */
export const entriesNewestFirst = [
  ...feeEntries.map((e, i) => ({ id: e.id!, at: feeTimes[i]! })),
  ...businessEntries.map((e) => ({ id: e.id!, at: e.postedAt!.toISOString().replace('Z', '000Z') })),
]
  .sort((x, y) => (x.at === y.at ? y.id.localeCompare(x.id) : y.at.localeCompare(x.at)))
  .map((e) => e.id);

export async function insertFinanceFixtures(db: Db) {
  await db.transaction(async (tx) => {
    await ensureChartOfAccounts(tx);
    for (const entry of [...businessEntries, ...feeEntries]) await postJournalEntry(tx, entry);
  });
  // Microsecond timestamps cannot come from a JS Date; set them directly.
  for (const [i, at] of feeTimes.entries()) {
    const id = feeEntries[i]!.id!;
    await db.update(journalEntries).set({ postedAt: sql`${at}::timestamptz` }).where(inArray(journalEntries.id, [id]));
  }
}
