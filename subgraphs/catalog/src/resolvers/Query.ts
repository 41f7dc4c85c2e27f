import { pageRequest, toConnection } from '@opsgraph/kit';
import type { CatalogContext } from '../context';
import * as repo from '../repo';

export const Query = {
  product: (_: unknown, args: { sku: string }, { loaders }: CatalogContext) => loaders.productBySku.load(args.sku),

  async products(
    _: unknown,
    args: { first?: number | null; after?: string | null; search?: string | null },
    { database }: CatalogContext,
  ) {
    const { limit, after } = pageRequest(args);
    const search = args.search?.trim() || null;
    const rows = await repo.listProducts(database.db, { limit, afterSku: after, search });
    return toConnection(rows, limit, (p) => p.sku, args.after);
  },

  channels: (_: unknown, __: unknown, { database }: CatalogContext) => repo.allChannels(database.db),

  channel: (_: unknown, args: { code: string }, { loaders }: CatalogContext) => loaders.channelByCode.load(args.code),
};
