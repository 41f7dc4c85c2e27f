import { pageRequest, parseTimeCursor, timeCursorKey, toConnection } from '@opsgraph/kit';
import type { QueryResolvers } from '../generated/resolvers';
import * as repo from '../repo';

export const Query: QueryResolvers = {
  return: (_, args, { loaders }) => loaders.returnById.load(args.id),

  async returns(_, args, { database }) {
    const { limit, after } = pageRequest(args);
    const rows = await repo.listReturns(database.db, {
      limit,
      after: parseTimeCursor(after),
      status: args.status ?? null,
    });
    return toConnection(rows, limit, timeCursorKey, args.after);
  },
};
