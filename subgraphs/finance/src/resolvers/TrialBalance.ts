import { loadRequired, toMoney } from '@opsgraph/kit';
import type { TrialBalanceLineResolvers, TrialBalanceResolvers } from '../generated/resolvers';

export const TrialBalance: TrialBalanceResolvers = {
  totalDebit: (tb) => toMoney(tb.totalDebitMinor, tb.currency),
  totalCredit: (tb) => toMoney(tb.totalCreditMinor, tb.currency),
  balanced: (tb) => tb.totalDebitMinor === tb.totalCreditMinor,
};

export const TrialBalanceLine: TrialBalanceLineResolvers = {
  account: (line, _, { loaders }) => loadRequired(loaders.accountByCode, line.accountCode, 'account'),
  debit: (line) => toMoney(line.debitMinor, line.currency),
  credit: (line) => toMoney(line.creditMinor, line.currency),
  balance: (line) => toMoney(line.debitMinor - line.creditMinor, line.currency),
};
