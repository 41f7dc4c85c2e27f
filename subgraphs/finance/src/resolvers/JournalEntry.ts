import { toMoney } from '@opsgraph/kit';
import type { FinanceContext } from '../context';
import type { JournalEntryRow, JournalLineRow } from '../repo';

export const JournalEntry = {
  lines: (entry: JournalEntryRow, _: unknown, { loaders }: FinanceContext) => loaders.linesByEntryId.load(entry.id),
};

export const JournalLine = {
  account: (line: JournalLineRow, _: unknown, { loaders }: FinanceContext) => loaders.accountByCode.load(line.accountCode),
  debit: (line: JournalLineRow) => toMoney(line.debitMinor, line.currency),
  credit: (line: JournalLineRow) => toMoney(line.creditMinor, line.currency),
};
