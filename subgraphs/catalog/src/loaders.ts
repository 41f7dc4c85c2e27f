import DataLoader from 'dataloader';
import type { Db } from '@opsgraph/db';
import { byKey, groupByKey } from '@opsgraph/kit';
import * as repo from './repo';

/** Every entity reference and list child goes through one of these: one query per batch, not per row. */
export function createLoaders(db: Db) {
  return {
    productById: new DataLoader(async (ids: readonly string[]) =>
      byKey(ids, await repo.productsByIds(db, ids), (p) => p.id),
    ),
    productBySku: new DataLoader(async (skus: readonly string[]) =>
      byKey(skus, await repo.productsBySkus(db, skus), (p) => p.sku),
    ),
    channelById: new DataLoader(async (ids: readonly string[]) =>
      byKey(ids, await repo.channelsByIds(db, ids), (c) => c.id),
    ),
    channelByCode: new DataLoader(async (codes: readonly string[]) =>
      byKey(codes, await repo.channelsByCodes(db, codes), (c) => c.code),
    ),
    channelPricesByProductId: new DataLoader(async (ids: readonly string[]) =>
      groupByKey(ids, await repo.channelPricesByProductIds(db, ids), (p) => p.productId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
