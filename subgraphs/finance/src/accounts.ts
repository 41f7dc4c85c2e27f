import type { accountType, Executor } from '@opsgraph/db';
import * as repo from './repo';

export type AccountType = (typeof accountType.enumValues)[number];
export type AccountDefinition = { code: string; name: string; type: AccountType };

/**
 * The standard chart of accounts. Automatic postings name accounts through these keys
 * (`standardAccounts.inventory.code`) rather than bare codes.
 */
export const standardAccounts = {
  cash: { code: '1000', name: 'Cash', type: 'ASSET' },
  accountsReceivable: { code: '1100', name: 'Accounts receivable', type: 'ASSET' },
  inventory: { code: '1200', name: 'Inventory', type: 'ASSET' },
  accountsPayable: { code: '2000', name: 'Accounts payable', type: 'LIABILITY' },
  refundsPayable: { code: '2100', name: 'Refunds payable', type: 'LIABILITY' },
  ownersEquity: { code: '3000', name: "Owner's equity", type: 'EQUITY' },
  salesRevenue: { code: '4000', name: 'Sales revenue', type: 'REVENUE' },
  salesReturns: { code: '4100', name: 'Sales returns', type: 'REVENUE' },
  costOfGoodsSold: { code: '5000', name: 'Cost of goods sold', type: 'EXPENSE' },
  inventoryWriteOffs: { code: '5100', name: 'Inventory write-offs', type: 'EXPENSE' },
  marketplaceFees: { code: '5200', name: 'Marketplace fees', type: 'EXPENSE' },
  fulfillmentCost: { code: '5300', name: 'Fulfillment cost', type: 'EXPENSE' },
} as const satisfies Record<string, AccountDefinition>;

export const chartOfAccounts: readonly AccountDefinition[] = Object.values(standardAccounts);

/** Creates the standard accounts that are missing; safe to call on every start. */
export function ensureChartOfAccounts(db: Executor): Promise<void> {
  return repo.insertMissingAccounts(db, [...chartOfAccounts]);
}
