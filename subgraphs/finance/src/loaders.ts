import DataLoader from 'dataloader';
import type { Db } from '@opsgraph/db';
import { byKey, groupByKey } from '@opsgraph/kit';
import * as repo from './repo';

/** Every entity reference and list child goes through one of these: one query per batch, not per row. */
export function createLoaders(db: Db) {
  return {
    accountByCode: new DataLoader(async (codes: readonly string[]) =>
      byKey(codes, await repo.accountsByCodes(db, codes), (a) => a.code),
    ),
    linesByEntryId: new DataLoader(async (entryIds: readonly string[]) =>
      groupByKey(entryIds, await repo.linesByEntryIds(db, entryIds), (l) => l.entryId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
