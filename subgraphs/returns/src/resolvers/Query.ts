import { pageRequest, parseTimeCursor, timeCursorKey, toConnection } from '@opsgraph/kit';
import type { ReturnsContext } from '../context';
import * as repo from '../repo';
import type { ReturnStatus } from '../returnRules';

export const Query = {
  return: (_: unknown, args: { id: string }, { loaders }: ReturnsContext) => loaders.returnById.load(args.id),

  async returns(
    _: unknown,
    args: { status?: ReturnStatus | null; first?: number | null; after?: string | null },
    { database }: ReturnsContext,
  ) {
    const { limit, after } = pageRequest(args);
    const rows = await repo.listReturns(database.db, {
      limit,
      after: parseTimeCursor(after),
      status: args.status ?? null,
    });
    return toConnection(rows, limit, timeCursorKey, args.after);
  },
};
