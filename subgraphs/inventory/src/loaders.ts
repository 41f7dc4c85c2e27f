import DataLoader from 'dataloader';
import type { Db } from '@opsgraph/db';
import { byKey, groupByKey } from '@opsgraph/kit';
import * as repo from './repo';

/** The safety stock a channel holds back for one product: its override, else the channel default. */
export type SafetyStockKey = { channelCode: string; productId: string };

/** Every entity reference and list child goes through one of these: one query per batch, not per row. */
export function createLoaders(db: Db) {
  return {
    positionsByProductId: new DataLoader(async (ids: readonly string[]) =>
      groupByKey(ids, await repo.positionsByProductIds(db, ids), (p) => p.productId),
    ),
    locationById: new DataLoader(async (ids: readonly string[]) =>
      byKey(ids, await repo.locationsByIds(db, ids), (l) => l.id),
    ),
    locationByCode: new DataLoader(async (codes: readonly string[]) =>
      byKey(codes, await repo.locationsByCodes(db, codes), (l) => l.code),
    ),
    itemBySku: new DataLoader(async (skus: readonly string[]) =>
      byKey(skus, await repo.itemsBySkus(db, skus), (i) => i.sku),
    ),
    movementById: new DataLoader(async (ids: readonly number[]) =>
      byKey(ids, await repo.movementsByIds(db, ids), (m) => m.id),
    ),
    transferById: new DataLoader(async (ids: readonly string[]) =>
      byKey(ids, await repo.transfersByIds(db, ids), (t) => t.id),
    ),
    channelRuleByCode: new DataLoader(async (codes: readonly string[]) =>
      byKey(codes, await repo.channelRulesByCodes(db, codes), (r) => r.channelCode),
    ),
    /** null when the channel is unknown to inventory. */
    safetyStock: new DataLoader<SafetyStockKey, number | null, string>(
      async (keys) => {
        const codes = [...new Set(keys.map((k) => k.channelCode))];
        const productIds = [...new Set(keys.map((k) => k.productId))];
        const [rules, overrides] = await Promise.all([
          repo.channelRulesByCodes(db, codes),
          repo.productSafetyStock(db, codes, productIds),
        ]);
        const defaults = new Map(rules.map((r) => [r.channelCode, r.safetyStock]));
        const specific = new Map(overrides.map((o) => [`${o.channelCode}|${o.productId}`, o.safetyStock]));
        return keys.map((k) => specific.get(`${k.channelCode}|${k.productId}`) ?? defaults.get(k.channelCode) ?? null);
      },
      { cacheKeyFn: (k) => `${k.channelCode}|${k.productId}` },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
