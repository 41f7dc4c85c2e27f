import { pageRequest, parseTimeCursor, timeCursorKey, toConnection, type PageArgs } from '@opsgraph/kit';
import type { OrdersContext } from '../context';
import type { OrderStatus } from '../lifecycle';
import * as repo from '../repo';

export const Query = {
  order: (_: unknown, args: { id: string }, { loaders }: OrdersContext) => loaders.orderById.load(args.id),

  orderByNumber: (_: unknown, args: { number: string }, { loaders }: OrdersContext) =>
    loaders.orderByNumber.load(args.number),

  async orders(
    _: unknown,
    args: PageArgs & { status?: OrderStatus | null; channel?: string | null },
    { database, loaders }: OrdersContext,
  ) {
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

  async exceptions(
    _: unknown,
    args: PageArgs & { status?: repo.ExceptionStatus | null; cause?: string | null },
    { database }: OrdersContext,
  ) {
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
