import { badInput, decodeCursor, pageRequest, toConnection } from '@opsgraph/kit';
import type { QueryResolvers } from '../generated/resolvers';
import * as repo from '../repo';
import { ADJUSTMENT_REASONS } from '../stock';

export const Query: QueryResolvers = {
  locations: (_, __, { database }) => repo.allLocations(database.db),

  location: (_, args, { loaders }) => loaders.locationByCode.load(args.code),

  async stockMovements(_, args, { database, loaders }) {
    const { limit } = pageRequest({ first: args.first });
    const beforeId = args.after ? Number(decodeCursor(args.after)) : null;
    if (beforeId !== null && !Number.isSafeInteger(beforeId)) throw badInput('`after` is not a cursor this API returned.', 'after', 'INVALID_CURSOR');
    const item = args.sku ? await loaders.itemBySku.load(args.sku) : null;
    if (args.sku && !item) throw badInput(`No product has SKU "${args.sku}".`, 'sku', 'UNKNOWN_SKU');
    const location = args.locationCode ? await loaders.locationByCode.load(args.locationCode) : null;
    if (args.locationCode && !location) throw badInput(`No location has code "${args.locationCode}".`, 'locationCode', 'UNKNOWN_LOCATION');
    const rows = await repo.listMovements(database.db, {
      limit,
      beforeId,
      productId: item?.productId ?? null,
      locationId: location?.id ?? null,
    });
    return toConnection(rows, limit, (m) => String(m.id), args.after);
  },

  transfer: (_, args, { loaders }) => loaders.transferById.load(args.id),

  adjustmentReasons: () => [...ADJUSTMENT_REASONS],
};
