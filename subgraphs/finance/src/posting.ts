import { financeEvents, newId, type Tx } from '@opsgraph/db';
import { appendEvents, toMoney, UserErrors, type UserError } from '@opsgraph/kit';
import * as repo from './repo';

export type JournalLineInput = {
  accountCode: string;
  /** ISO 4217 code; an entry must balance in each currency it uses. */
  currency: string;
  /** Whole minor units (cents). Exactly one of debit and credit is positive. */
  debitMinor?: number;
  creditMinor?: number;
};

export type JournalEntryInput = {
  /**
   * Give a deterministic id (e.g. `je_sale_ord_123`) to make a posting idempotent: posting the same id again
   * changes nothing. Left out, a fresh `je_...` id is made.
   */
  id?: string;
  description: string;
  sourceType: string;
  sourceId?: string | null;
  postedAt?: Date;
  lines: JournalLineInput[];
};

/**
 * Everything wrong with an entry, without touching the database: blank description or source, a line that is
 * not exactly one positive whole amount, fewer than two lines, debits that differ from credits in a currency.
 * With `knownAccountCodes` it also reports accounts outside the chart.
 */
export function journalEntryErrors(entry: JournalEntryInput, knownAccountCodes?: ReadonlySet<string>): UserError[] {
  const errors: UserError[] = [];
  const fail = (field: string[], code: string, message: string) => errors.push({ field, code, message });

  if (entry.id !== undefined && !entry.id.trim()) fail(['id'], 'REQUIRED', 'Entry id must not be blank.');
  if (!entry.description.trim()) fail(['description'], 'REQUIRED', 'Description is required.');
  if (!entry.sourceType.trim()) fail(['sourceType'], 'REQUIRED', 'Source type is required.');
  if (entry.lines.length < 2) fail(['lines'], 'UNBALANCED_ENTRY', 'A journal entry needs at least two lines.');

  let linesValid = true;
  entry.lines.forEach((line, index) => {
    const field = ['lines', String(index)];
    const invalid = (message: string) => {
      linesValid = false;
      fail(field, 'INVALID_LINE', message);
    };
    const debit = line.debitMinor ?? 0;
    const credit = line.creditMinor ?? 0;
    if (!/^[A-Z]{3}$/.test(line.currency)) invalid('Currency must be an ISO 4217 code such as "USD".');
    if (!Number.isSafeInteger(debit) || !Number.isSafeInteger(credit) || debit < 0 || credit < 0) {
      invalid('Debit and credit are whole minor units (cents), zero or more.');
    } else if ((debit > 0) === (credit > 0)) {
      invalid('A line either debits or credits a positive amount, not both and not neither.');
    }
    if (!line.accountCode.trim()) invalid('Account code is required.');
    else if (knownAccountCodes && !knownAccountCodes.has(line.accountCode)) {
      fail([...field, 'accountCode'], 'UNKNOWN_ACCOUNT', `Account ${line.accountCode} is not in the chart of accounts.`);
    }
  });

  // Balance is only meaningful once every line is a valid amount.
  if (linesValid && entry.lines.length >= 2) {
    const byCurrency = new Map<string, { debit: bigint; credit: bigint }>();
    for (const line of entry.lines) {
      const sums = byCurrency.get(line.currency) ?? { debit: 0n, credit: 0n };
      sums.debit += BigInt(line.debitMinor ?? 0);
      sums.credit += BigInt(line.creditMinor ?? 0);
      byCurrency.set(line.currency, sums);
    }
    for (const [currency, { debit, credit }] of byCurrency) {
      if (debit !== credit) {
        fail(
          ['lines'],
          'UNBALANCED_ENTRY',
          `Debits (${toMoney(debit, currency).amount}) and credits (${toMoney(credit, currency).amount}) differ in ${currency}.`,
        );
      }
    }
  }
  return errors;
}

/** Throws every problem `journalEntryErrors` finds as UserErrors. Shared by the seed, postings and tests. */
export function assertBalanced(entry: JournalEntryInput, knownAccountCodes?: ReadonlySet<string>): void {
  const errors = journalEntryErrors(entry, knownAccountCodes);
  if (errors.length > 0) throw new UserErrors(errors);
}

export type PostedEntry = { entryId: string; alreadyPosted: boolean };

/**
 * Validates and writes a journal entry, its lines and a JournalEntryPosted outbox event in the caller's
 * transaction; a refusal throws UserErrors before anything is written. Call `signalCommitted('finance')`
 * after the transaction commits to wake in-process readers.
 */
export async function postJournalEntry(tx: Tx, entry: JournalEntryInput): Promise<PostedEntry> {
  const codes = [...new Set(entry.lines.map((l) => l.accountCode))];
  const known = new Set(codes.length > 0 ? (await repo.accountsByCodes(tx, codes)).map((a) => a.code) : []);
  assertBalanced(entry, known);

  const entryId = entry.id ?? newId('je');
  const postedAt = entry.postedAt ?? new Date();
  const sourceId = entry.sourceId ?? null;
  const inserted = await repo.insertJournalEntry(tx, {
    id: entryId,
    description: entry.description,
    sourceType: entry.sourceType,
    sourceId,
    postedAt,
  });
  if (!inserted) return { entryId, alreadyPosted: true };

  const lines = await repo.insertJournalLines(
    tx,
    entry.lines.map((line) => ({
      entryId,
      accountCode: line.accountCode,
      currency: line.currency,
      debitMinor: line.debitMinor ?? 0,
      creditMinor: line.creditMinor ?? 0,
    })),
  );
  await appendEvents(tx, 'finance', financeEvents, [
    {
      entityType: 'JournalEntry',
      entityId: entryId,
      type: 'JournalEntryPosted',
      occurredAt: postedAt,
      payload: {
        entryId,
        description: entry.description,
        sourceType: entry.sourceType,
        sourceId,
        postedAt: postedAt.toISOString(),
        lines: lines.map((l) => ({
          accountCode: l.accountCode,
          currency: l.currency,
          debitMinor: l.debitMinor,
          creditMinor: l.creditMinor,
        })),
      },
    },
  ]);
  return { entryId, alreadyPosted: false };
}
