import { loadRequired, toMoney } from '@opsgraph/kit';
import type { JournalEntryResolvers, JournalLineResolvers } from '../generated/resolvers';

export const JournalEntry: JournalEntryResolvers = {
  lines: (entry, _, { loaders }) => loaders.linesByEntryId.load(entry.id),
};

export const JournalLine: JournalLineResolvers = {
  account: (line, _, { loaders }) => loadRequired(loaders.accountByCode, line.accountCode, 'account'),
  debit: (line) => toMoney(line.debitMinor, line.currency),
  credit: (line) => toMoney(line.creditMinor, line.currency),
};
