import type DataLoader from 'dataloader';
import { inventoryEvents } from '@opsgraph/db';
import { badInput, loadRequired, outboxSubscription, required } from '@opsgraph/kit';
import { inventoryEvent, levelId, type InventoryEvents } from '../events';
import type { SubscriptionResolvers } from '../generated/resolvers';
import type { Loaders } from '../loaders';
import * as repo from '../repo';
import { findLevel } from './InventoryLevel';

export type StockChangeResult = {
  cursor: string;
  level: repo.PositionRow;
  movement: repo.MovementRow;
  reason: string;
  occurredAt: Date;
};

/** "RECEIPT", or with the movement's reason: "ADJUSTMENT: DAMAGED". */
export function changeReason(moved: Pick<InventoryEvents['StockMoved'], 'movementType' | 'reason'>): string {
  return moved.reason ? `${moved.movementType}: ${moved.reason}` : moved.movementType;
}

/** The rows for a filter's codes (null when there is no filter); every unknown code is reported at once. */
async function filterRows<R>(
  codes: readonly string[] | null | undefined,
  loader: DataLoader<string, R | null>,
  error: { argument: string; code: string; what: string },
): Promise<R[] | null> {
  if (!codes?.length) return null;
  const rows = await loader.loadMany(codes);
  const unknown = codes.filter((_, i) => !rows[i]);
  if (unknown.length > 0) throw badInput(`Unknown ${error.what}: ${unknown.join(', ')}.`, error.argument, error.code);
  return rows.map((row) => {
    if (row instanceof Error) throw row;
    return row!;
  });
}

export const Subscription: SubscriptionResolvers = {
  stockChanged: {
    async subscribe(_, args, { database, loaders, subscriptionStart }) {
      const items = await filterRows(args.skus, loaders.itemBySku, { argument: 'skus', code: 'UNKNOWN_SKU', what: 'SKU' });
      const locations = await filterRows(args.locationCodes, loaders.locationByCode, {
        argument: 'locationCodes',
        code: 'UNKNOWN_LOCATION',
        what: 'location code',
      });
      return outboxSubscription({
        db: database.db,
        domain: 'inventory',
        table: inventoryEvents,
        after: args.after,
        started: subscriptionStart,
        where: repo.stockChangeRows({
          productIds: items?.map((item) => item.productId) ?? null,
          locationIds: locations?.map((location) => location.id) ?? null,
        }),
        accept: (event) => inventoryEvent.is(event, 'StockMoved'),
        loaders,
        map: (events) => stockChanges(loaders, events.map((event) => ({ ...event.payload, occurredAt: event.occurredAt }))),
      });
    },
    resolve: (change: StockChangeResult) => change,
  },
};

/** A batch of changes with their levels and ledger lines as they are now: two queries for the whole batch. */
async function stockChanges(loaders: Loaders, moves: (InventoryEvents['StockMoved'] & { occurredAt: Date })[]) {
  const [levels, movements] = await Promise.all([
    Promise.all(moves.map((m) => findLevel(loaders, m.productId, m.locationId))),
    Promise.all(moves.map((m) => loadRequired(loaders.movementById, m.movementId, 'movement'))),
  ]);
  return moves.map((moved, i) => ({
    level: required(levels[i], `level ${levelId(moved.productId, moved.locationId)}`),
    movement: movements[i]!,
    reason: changeReason(moved),
    occurredAt: moved.occurredAt,
  }));
}
