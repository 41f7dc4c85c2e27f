import { pageRequest, parseTimeCursor, timeCursorKey, toConnection } from '@opsgraph/kit';
import type { FinanceContext } from '../context';
import * as repo from '../repo';
import { reportingCurrency, summarizeTrialBalance } from '../trialBalance';

export const Query = {
  async trialBalance(_: unknown, args: { currency?: string | null }, { database }: FinanceContext) {
    const totals = await repo.accountTotals(database.db);
    return summarizeTrialBalance(totals, reportingCurrency(totals, args.currency ?? null));
  },

  accounts: (_: unknown, __: unknown, { database }: FinanceContext) => repo.allAccounts(database.db),

  async journalEntries(_: unknown, args: { first?: number | null; after?: string | null }, { database }: FinanceContext) {
    const { limit, after } = pageRequest(args);
    const rows = await repo.listJournalEntries(database.db, { limit, after: parseTimeCursor(after) });
    return toConnection(rows, limit, timeCursorKey, args.after);
  },
};
