import { standardAccounts } from '../../../subgraphs/finance/src/accounts';
import { CURRENCY } from './masterData';
import type { Posting } from './seedData';
import { DAY, isoDate } from './simulation';

/**
 * The money side. Every operation books its amounts here as it happens; at the end they become one
 * summary journal entry per day and source type, as a finance team would post them, not one per order.
 */

export const acct = {
  cash: standardAccounts.cash.code,
  ar: standardAccounts.accountsReceivable.code,
  inventory: standardAccounts.inventory.code,
  ap: standardAccounts.accountsPayable.code,
  refundsPayable: standardAccounts.refundsPayable.code,
  equity: standardAccounts.ownersEquity.code,
  revenue: standardAccounts.salesRevenue.code,
  salesReturns: standardAccounts.salesReturns.code,
  cogs: standardAccounts.costOfGoodsSold.code,
  writeOffs: standardAccounts.inventoryWriteOffs.code,
  fees: standardAccounts.marketplaceFees.code,
  fulfillment: standardAccounts.fulfillmentCost.code,
};

/** Journal source types, in the order a day's entries are posted. */
const SOURCE_TYPES = [
  'RECEIPT',
  'SHIPMENT',
  'SETTLEMENT',
  'RETURN_RESTOCK',
  'REFUND',
  'REFUND_PAYMENT',
  'WRITE_OFF',
  'AP_PAYMENT',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
const SOURCE_DESCRIPTIONS: Record<SourceType, string> = {
  RECEIPT: 'Purchase receipts',
  SHIPMENT: 'Shipments: revenue, cost of goods sold, fees',
  SETTLEMENT: 'Customer and marketplace settlements',
  RETURN_RESTOCK: 'Returned units restocked',
  REFUND: 'Refunds approved',
  REFUND_PAYMENT: 'Refunds paid',
  WRITE_OFF: 'Inventory adjustments and write-offs',
  AP_PAYMENT: 'Supplier payments',
};

export type Books = ReturnType<typeof createBooks>;

export function createBooks() {
  type Bucket = { date: string; type: SourceType; count: number; lines: Map<string, number> };
  const buckets = new Map<string, Bucket>();

  /** Adds `amount` to the day's entry for `type`; `count` is how many operations the entry's description counts. */
  function book(t: number, type: SourceType, debit: string, credit: string, amount: number, count = 1) {
    if (amount <= 0) return;
    const date = isoDate(t);
    const key = `${date}|${type}`;
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { date, type, count: 0, lines: new Map() }));
    bucket.count += count;
    bucket.lines.set(`D|${debit}`, (bucket.lines.get(`D|${debit}`) ?? 0) + amount);
    bucket.lines.set(`C|${credit}`, (bucket.lines.get(`C|${credit}`) ?? 0) + amount);
  }

  /** The opening balance, then the daily summaries in date and source-type order. */
  function postings(products: number, start: number): Posting[] {
    const openingCash = Math.max(250_000_00, products * 1_500_00);
    const out: Posting[] = [
      {
        id: 'je_opening_balance',
        description: 'Opening balance: owner capital paid in',
        sourceType: 'OPENING_BALANCE',
        sourceId: 'opening',
        postedAt: new Date(start - 3 * DAY),
        lines: [
          { accountCode: acct.cash, currency: CURRENCY, debitMinor: openingCash },
          { accountCode: acct.equity, currency: CURRENCY, creditMinor: openingCash },
        ],
      },
    ];
    const ordered = [...buckets.values()].sort((a, b) =>
      a.date === b.date ? SOURCE_TYPES.indexOf(a.type) - SOURCE_TYPES.indexOf(b.type) : a.date < b.date ? -1 : 1,
    );
    for (const bucket of ordered) {
      const lines = [...bucket.lines].map(([key, amount]) => {
        const [side, accountCode] = key.split('|') as ['D' | 'C', string];
        return side === 'D' ? { accountCode, currency: CURRENCY, debitMinor: amount } : { accountCode, currency: CURRENCY, creditMinor: amount };
      });
      out.push({
        id: `je_${bucket.type.toLowerCase()}_${bucket.date.replaceAll('-', '')}`,
        description: `Daily summary ${bucket.date}: ${SOURCE_DESCRIPTIONS[bucket.type]}${bucket.count > 0 ? ` (${bucket.count})` : ''}`,
        sourceType: bucket.type,
        sourceId: `daily:${bucket.date}`,
        postedAt: new Date(`${bucket.date}T23:59:59.000Z`),
        lines,
      });
    }
    return out;
  }

  return { book, postings };
}
