import { pageRequest, toConnection } from '@opsgraph/kit';
import type { QueryResolvers } from '../generated/resolvers';
import * as repo from '../repo';

export const Query: QueryResolvers = {
  product: (_, args, { loaders }) => loaders.productBySku.load(args.sku),

  async products(_, args, { database }) {
    const { limit, after } = pageRequest(args);
    const search = args.search?.trim() || null;
    const rows = await repo.listProducts(database.db, { limit, afterSku: after, search });
    return toConnection(rows, limit, (p) => p.sku, args.after);
  },

  channels: (_, __, { database }) => repo.allChannels(database.db),

  channel: (_, args, { loaders }) => loaders.channelByCode.load(args.code),
};
