import type { ReturnsContext } from '../context';
import type { ReturnLineRow, ReturnRow } from '../repo';

export const Return = {
  __resolveReference: (ref: { id: string }, { loaders }: ReturnsContext) => loaders.returnById.load(ref.id),
  // Stubs: the gateway fetches the rest of Order from the orders subgraph.
  order: (row: ReturnRow) => ({ id: row.orderId }),
  lines: (row: ReturnRow, _: unknown, { loaders }: ReturnsContext) => loaders.linesByReturnId.load(row.id),
  refund: (row: ReturnRow, _: unknown, { loaders }: ReturnsContext) => loaders.refundByReturnId.load(row.id),
};

export const ReturnLine = {
  orderLine: (line: ReturnLineRow) => ({ id: line.orderLineId }),
};
