import { pageRequest, parseTimeCursor, timeCursorKey, toConnection } from '@opsgraph/kit';
import type { QueryResolvers } from '../generated/resolvers';
import * as repo from '../repo';
import { reportingCurrency, summarizeTrialBalance } from '../trialBalance';

export const Query: QueryResolvers = {
  async trialBalance(_, args, { database }) {
    const totals = await repo.accountTotals(database.db);
    return summarizeTrialBalance(totals, reportingCurrency(totals, args.currency ?? null));
  },

  accounts: (_, __, { database }) => repo.allAccounts(database.db),

  async journalEntries(_, args, { database }) {
    const { limit, after } = pageRequest(args);
    const rows = await repo.listJournalEntries(database.db, { limit, after: parseTimeCursor(after) });
    return toConnection(rows, limit, timeCursorKey, args.after);
  },
};
