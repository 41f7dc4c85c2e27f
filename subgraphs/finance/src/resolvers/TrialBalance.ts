import { toMoney } from '@opsgraph/kit';
import type { FinanceContext } from '../context';
import type { AccountTotal } from '../repo';
import type { TrialBalanceSummary } from '../trialBalance';

export const TrialBalance = {
  totalDebit: (tb: TrialBalanceSummary) => toMoney(tb.totalDebitMinor, tb.currency),
  totalCredit: (tb: TrialBalanceSummary) => toMoney(tb.totalCreditMinor, tb.currency),
  balanced: (tb: TrialBalanceSummary) => tb.totalDebitMinor === tb.totalCreditMinor,
};

export const TrialBalanceLine = {
  account: (line: AccountTotal, _: unknown, { loaders }: FinanceContext) => loaders.accountByCode.load(line.accountCode),
  debit: (line: AccountTotal) => toMoney(line.debitMinor, line.currency),
  credit: (line: AccountTotal) => toMoney(line.creditMinor, line.currency),
  balance: (line: AccountTotal) => toMoney(line.debitMinor - line.creditMinor, line.currency),
};
