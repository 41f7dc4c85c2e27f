import { asc, desc, getTableColumns, inArray, sql } from 'drizzle-orm';
import { accounts, journalEntries, journalLines, type Executor, type Tx } from '@opsgraph/db';
import { utcMicros, type TimeCursor } from '@opsgraph/kit';

export type AccountRow = typeof accounts.$inferSelect;
export type JournalEntryRow = typeof journalEntries.$inferSelect;
export type JournalLineRow = typeof journalLines.$inferSelect;

export function allAccounts(db: Executor): Promise<AccountRow[]> {
  return db.select().from(accounts).orderBy(asc(accounts.code));
}

export function accountsByCodes(db: Executor, codes: readonly string[]): Promise<AccountRow[]> {
  return db.select().from(accounts).where(inArray(accounts.code, [...codes]));
}

/** Adds accounts that are missing and leaves existing ones as they are. */
export async function insertMissingAccounts(db: Executor, rows: (typeof accounts.$inferInsert)[]): Promise<void> {
  await db.insert(accounts).values(rows).onConflictDoNothing();
}

export type AccountTotal = { accountCode: string; currency: string; debitMinor: bigint; creditMinor: bigint };

/** Posted debits and credits per account and currency, by account code. Sums travel as text: they can outgrow a JS number. */
export function accountTotals(db: Executor): Promise<AccountTotal[]> {
  return db
    .select({
      accountCode: journalLines.accountCode,
      currency: journalLines.currency,
      debitMinor: sql<string>`sum(${journalLines.debitMinor})::text`.mapWith(BigInt),
      creditMinor: sql<string>`sum(${journalLines.creditMinor})::text`.mapWith(BigInt),
    })
    .from(journalLines)
    .groupBy(journalLines.accountCode, journalLines.currency)
    .orderBy(asc(journalLines.accountCode), asc(journalLines.currency));
}

export function linesByEntryIds(db: Executor, entryIds: readonly string[]): Promise<JournalLineRow[]> {
  return db
    .select()
    .from(journalLines)
    .where(inArray(journalLines.entryId, [...entryIds]))
    .orderBy(asc(journalLines.id));
}

/** One page of entries, newest first, `limit + 1` rows so the caller can tell whether more follow. */
export function listJournalEntries(
  db: Executor,
  page: { limit: number; after: TimeCursor | null },
): Promise<(JournalEntryRow & { cursorAt: string })[]> {
  return db
    .select({ ...getTableColumns(journalEntries), cursorAt: utcMicros(journalEntries.postedAt) })
    .from(journalEntries)
    .where(
      page.after
        ? sql`(${journalEntries.postedAt}, ${journalEntries.id}) < (${page.after.at}::timestamptz, ${page.after.id})`
        : undefined,
    )
    .orderBy(desc(journalEntries.postedAt), desc(journalEntries.id))
    .limit(page.limit + 1);
}

/** Inserts the entry header unless one with its id exists; false means it was already posted. */
export async function insertJournalEntry(tx: Tx, entry: typeof journalEntries.$inferInsert): Promise<boolean> {
  const inserted = await tx.insert(journalEntries).values(entry).onConflictDoNothing().returning({ id: journalEntries.id });
  return inserted.length > 0;
}

export async function insertJournalLines(tx: Tx, lines: (typeof journalLines.$inferInsert)[]): Promise<JournalLineRow[]> {
  return tx.insert(journalLines).values(lines).returning();
}
