import DataLoader from 'dataloader';
import type { Db } from '@opsgraph/db';
import { byKey, groupByKey } from '@opsgraph/kit';
import { loadPolicies } from './channelPolicy';
import * as repo from './repo';
import type { SourcingPolicy } from './sourcing';

/** How one channel is served for one product. */
export type PolicyKey = { channelCode: string; productId: string };

/** Every entity reference and list child goes through one of these: one query per batch, not per row. */
export function createLoaders(db: Db) {
  // Locations are few and read whole: default sourcing nodes and location codes in explanations.
  let locations: Promise<repo.LocationRow[]> | undefined;
  const allLocations = () => (locations ??= repo.allLocations(db));

  // Read once per request: the overview's stock is the same whichever window asks.
  let networkStock: Promise<repo.NetworkStockRow> | undefined;

  return {
    allLocations,
    networkStock: () => (networkStock ??= repo.networkStock(db)),
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
    /** The sourcing policy (sourcing.ts) of a channel for a product; null when the channel is unknown. */
    sourcingPolicy: new DataLoader<PolicyKey, SourcingPolicy | null, string>(
      async (keys) => {
        const { policyOf } = await loadPolicies(
          db,
          [...new Set(keys.map((k) => k.channelCode))],
          [...new Set(keys.map((k) => k.productId))],
          allLocations,
        );
        return keys.map((k) => policyOf(k.channelCode, k.productId));
      },
      { cacheKeyFn: (k) => `${k.channelCode}|${k.productId}` },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
