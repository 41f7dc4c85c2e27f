import type { ReturnLineResolvers, ReturnResolvers } from '../generated/resolvers';

export const Return: ReturnResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.returnById.load(ref.id),
  // Stubs: the gateway fetches the rest of Order from the orders subgraph.
  order: (row) => ({ id: row.orderId }),
  lines: (row, _, { loaders }) => loaders.linesByReturnId.load(row.id),
  refund: (row, _, { loaders }) => loaders.refundByReturnId.load(row.id),
};

export const ReturnLine: ReturnLineResolvers = {
  orderLine: (line) => ({ id: line.orderLineId }),
};
