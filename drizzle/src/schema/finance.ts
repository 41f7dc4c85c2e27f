import { sql } from 'drizzle-orm';
import { bigint, bigserial, char, check, index, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { consumerCursorsTable, eventsTable } from './events';

export const finance = pgSchema('finance');

export const accountType = finance.enum('account_type', ['ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE']);

export const accounts = finance.table('accounts', {
  code: text('code').primaryKey(), // e.g. 1200
  name: text('name').notNull(),
  type: accountType('type').notNull(),
});

export const journalEntries = finance.table(
  'journal_entries',
  {
    id: text('id').primaryKey(), // je_...
    description: text('description').notNull(),
    sourceType: text('source_type').notNull(), // OPENING_BALANCE, ORDER, SHIPMENT, REFUND, ...
    sourceId: text('source_id'),
    postedAt: timestamp('posted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('journal_entries_source_idx').on(t.sourceType, t.sourceId)],
);

/** One side of an entry: exactly one of debit and credit is non-zero. Entries balance per currency. */
export const journalLines = finance.table(
  'journal_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryId: text('entry_id').notNull().references(() => journalEntries.id),
    accountCode: text('account_code').notNull().references(() => accounts.code),
    currency: char('currency', { length: 3 }).notNull(),
    debitMinor: bigint('debit_minor', { mode: 'number' }).notNull().default(0),
    creditMinor: bigint('credit_minor', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    index('journal_lines_entry_idx').on(t.entryId),
    index('journal_lines_account_idx').on(t.accountCode),
    check(
      'journal_lines_one_side',
      sql`${t.debitMinor} >= 0 AND ${t.creditMinor} >= 0 AND (${t.debitMinor} = 0) <> (${t.creditMinor} = 0)`,
    ),
  ],
);

export const financeEvents = eventsTable(finance);
export const financeConsumerCursors = consumerCursorsTable(finance);
