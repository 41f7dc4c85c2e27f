import { badInput } from '@opsgraph/kit';
import type { AccountTotal } from './repo';

/** The currency an empty ledger reports in (the demo business keeps its books in USD). */
export const BASE_CURRENCY = 'USD';

export type TrialBalanceSummary = {
  currency: string;
  lines: AccountTotal[];
  totalDebitMinor: bigint;
  totalCreditMinor: bigint;
};

/**
 * The currency to report in: the one asked for, else the one the ledger is kept in. Amounts in different
 * currencies are never added together, so a ledger holding several needs the caller to choose.
 */
export function reportingCurrency(totals: AccountTotal[], requested: string | null): string {
  if (requested !== null) {
    if (!/^[A-Z]{3}$/.test(requested)) throw badInput('`currency` must be an ISO 4217 code such as "USD".', 'currency');
    return requested;
  }
  const posted = [...new Set(totals.map((t) => t.currency))];
  if (posted.length > 1) {
    throw badInput(
      `The ledger holds several currencies (${posted.join(', ')}); pass \`currency\` to choose one.`,
      'currency',
      'CURRENCY_REQUIRED',
    );
  }
  return posted[0] ?? BASE_CURRENCY;
}

/** Account totals (already in account-code order) in one currency, with the grand totals. */
export function summarizeTrialBalance(totals: AccountTotal[], currency: string): TrialBalanceSummary {
  const lines = totals.filter((t) => t.currency === currency);
  return {
    currency,
    lines,
    totalDebitMinor: lines.reduce((sum, line) => sum + line.debitMinor, 0n),
    totalCreditMinor: lines.reduce((sum, line) => sum + line.creditMinor, 0n),
  };
}
