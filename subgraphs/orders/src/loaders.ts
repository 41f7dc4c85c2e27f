import DataLoader from 'dataloader';
import type { Db } from '@opsgraph/db';
import { byKey, groupByKey } from '@opsgraph/kit';
import type { OpsOverview } from './generated/resolvers';
import { loadOverview } from './overview';
import * as repo from './repo';

/** Every entity reference and list child goes through one of these: one query per batch, not per row. */
export function createLoaders(db: Db) {
  return {
    orderById: new DataLoader(async (ids: readonly string[]) =>
      byKey(ids, await repo.ordersByIds(db, ids), (o) => o.id),
    ),
    orderByNumber: new DataLoader(async (numbers: readonly string[]) =>
      byKey(numbers, await repo.ordersByNumbers(db, numbers), (o) => o.number),
    ),
    orderLineById: new DataLoader(async (ids: readonly string[]) =>
      byKey(ids, await repo.orderLinesByIds(db, ids), (l) => l.id),
    ),
    linesByOrderId: new DataLoader(async (orderIds: readonly string[]) =>
      groupByKey(orderIds, await repo.orderLinesByOrderIds(db, orderIds), (l) => l.orderId),
    ),
    allocationsByLineId: new DataLoader(async (lineIds: readonly string[]) =>
      groupByKey(lineIds, await repo.allocationsByLineIds(db, lineIds), (a) => a.orderLineId),
    ),
    historyByOrderId: new DataLoader(async (orderIds: readonly string[]) =>
      groupByKey(orderIds, await repo.transitionsByOrderIds(db, orderIds), (t) => t.orderId),
    ),
    exceptionById: new DataLoader(async (ids: readonly string[]) =>
      byKey(ids, await repo.exceptionsByIds(db, ids), (e) => e.id),
    ),
    exceptionsByOrderId: new DataLoader(async (orderIds: readonly string[]) =>
      groupByKey(orderIds, await repo.exceptionsByOrderIds(db, orderIds), (e) => e.orderId),
    ),
    shipmentsByOrderId: new DataLoader(async (orderIds: readonly string[]) =>
      groupByKey(orderIds, await repo.shipmentsByOrderIds(db, orderIds), (s) => s.orderId),
    ),
    /** Orders' figures of the operations overview, per window (a request asks for one, through the root or a reference). */
    opsOverview: new DataLoader<repo.TimeWindow, OpsOverview, string>(
      (windows) => Promise.all(windows.map((window) => loadOverview(db, window))),
      { cacheKeyFn: (window) => `${window.start}|${window.end}` },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
