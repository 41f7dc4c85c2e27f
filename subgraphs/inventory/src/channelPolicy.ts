import type { Executor } from '@opsgraph/db';
import * as repo from './repo';
import { channelNodes, type SourcingPolicy } from './sourcing';

export type Policies = {
  /** The channels of those asked for that inventory knows. */
  channels: ReadonlySet<string>;
  /** `null` when inventory knows no channel by that code. */
  policyOf(channelCode: string, productId: string): SourcingPolicy | null;
};

/**
 * The sourcing policy of some channels for some products, from inventory's own tables: the channel's rules,
 * its nodes by rank (every location when it names none), and per-product safety stock overriding the
 * channel's default. Two or three queries whatever the number of channels and products; `allLocations` is
 * only asked when a channel names no nodes.
 */
export async function loadPolicies(
  db: Executor,
  channelCodes: readonly string[],
  productIds: readonly string[],
  allLocations: () => Promise<readonly { id: string; code: string }[]>,
): Promise<Policies> {
  const [ruleRows, overrideRows] = await Promise.all([
    repo.channelRulesWithSourcing(db, channelCodes),
    productIds.length > 0 ? repo.productSafetyStock(db, channelCodes, productIds) : [],
  ]);
  return policiesFrom(ruleRows, overrideRows, allLocations);
}

/** Policies from rows already read (a channel's rules with its sourcing, best node first; safety stock overrides). */
export async function policiesFrom(
  ruleRows: readonly repo.ChannelRuleRow[],
  overrideRows: readonly repo.SafetyStockRow[],
  allLocations: () => Promise<readonly { id: string; code: string }[]>,
): Promise<Policies> {
  const channels = new Map<string, { safetyStock: number; allowSplit: boolean; sourcing: { locationId: string; rank: number }[] }>();
  for (const row of ruleRows) {
    let channel = channels.get(row.channelCode);
    if (!channel) channels.set(row.channelCode, (channel = { safetyStock: row.safetyStock, allowSplit: row.allowSplit, sourcing: [] }));
    if (row.locationId !== null && row.rank !== null) channel.sourcing.push({ locationId: row.locationId, rank: row.rank });
  }
  const everywhere = [...channels.values()].some((c) => c.sourcing.length === 0) ? await allLocations() : [];
  const nodes = new Map([...channels].map(([code, c]) => [code, channelNodes(c.sourcing, everywhere)]));
  const overrides = new Map(overrideRows.map((o) => [`${o.channelCode}|${o.productId}`, o.safetyStock]));

  return {
    channels: new Set(channels.keys()),
    policyOf(channelCode, productId) {
      const channel = channels.get(channelCode);
      if (!channel) return null;
      return {
        channelCode,
        nodes: nodes.get(channelCode)!,
        safetyStock: overrides.get(`${channelCode}|${productId}`) ?? channel.safetyStock,
        allowSplit: channel.allowSplit,
      };
    },
  };
}
