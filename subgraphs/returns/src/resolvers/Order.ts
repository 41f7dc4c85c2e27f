import type { OrderResolvers } from '../generated/resolvers';

/** The orders subgraph owns Order; this subgraph only answers `returns` for an order id it is handed. */
export const Order: OrderResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  returns: (order, _, { loaders }) => loaders.returnsByOrderId.load(order.id),
};
