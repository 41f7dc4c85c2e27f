import DataLoader from 'dataloader';
import type { Db } from '@opsgraph/db';
import { byKey, groupByKey } from '@opsgraph/kit';
import * as repo from './repo';

/** Every entity reference and list child goes through one of these: one query per batch, not per row. */
export function createLoaders(db: Db) {
  return {
    returnById: new DataLoader(async (ids: readonly string[]) =>
      byKey(ids, await repo.returnsByIds(db, ids), (r) => r.id),
    ),
    returnsByOrderId: new DataLoader(async (orderIds: readonly string[]) =>
      groupByKey(orderIds, await repo.returnsByOrderIds(db, orderIds), (r) => r.orderId),
    ),
    linesByReturnId: new DataLoader(async (returnIds: readonly string[]) =>
      groupByKey(returnIds, await repo.linesByReturnIds(db, returnIds), (l) => l.returnId),
    ),
    refundByReturnId: new DataLoader(async (returnIds: readonly string[]) =>
      byKey(returnIds, await repo.refundsByReturnIds(db, returnIds), (r) => r.returnId),
    ),
    /** The overview's returns per window ("start|end"): one statement each. */
    returnedUnits: new DataLoader(async (windows: readonly string[]) =>
      Promise.all(
        windows.map((key) => {
          const [start, end] = key.split('|') as [string, string];
          return repo.returnedUnits(db, { start, end });
        }),
      ),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
