import { pageRequest, toConnection } from '@opsgraph/kit';
import type { ReturnsContext } from '../context';
import { parseTimeCursor, timeCursorKey } from '../cursor';
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
      after: after ? parseTimeCursor(after) : null,
      status: args.status ?? null,
    });
    return toConnection(rows, limit, (r) => timeCursorKey({ at: r.cursorAt, id: r.id }));
  },
};
