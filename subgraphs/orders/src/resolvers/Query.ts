import { pageRequest, parseTimeCursor, timeCursorKey, toConnection } from '@opsgraph/kit';
import type { QueryResolvers } from '../generated/resolvers';
import { overviewWindow } from '../overview';
import * as repo from '../repo';

export const Query: QueryResolvers = {
  opsOverview: (_, args, { deps, loaders }) => loaders.opsOverview.load(overviewWindow(args.days, deps.clock())),

  order: (_, args, { loaders }) => loaders.orderById.load(args.id),

  orderByNumber: (_, args, { loaders }) => loaders.orderByNumber.load(args.number),

  async orders(_, args, { database, loaders }) {
    const { limit, after } = pageRequest(args);
    const rows = await repo.listOrders(database.db, {
      limit,
      after: parseTimeCursor(after),
      status: args.status ?? null,
      channelCode: args.channel ?? null,
    });
    // Lines and exceptions on the page point back to these orders; they are already in hand.
    for (const row of rows) loaders.orderById.prime(row.id, row);
    return toConnection(rows, limit, timeCursorKey, args.after);
  },

  async exceptions(_, args, { database }) {
    const { limit, after } = pageRequest(args);
    const rows = await repo.listExceptions(database.db, {
      limit,
      after: parseTimeCursor(after),
      status: args.status ?? null,
      cause: args.cause ?? null,
    });
    return toConnection(rows, limit, timeCursorKey, args.after);
  },
};
