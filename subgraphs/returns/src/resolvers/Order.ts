import type { ReturnsContext } from '../context';

/** The orders subgraph owns Order; this subgraph only answers `returns` for an order id it is handed. */
export const Order = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  returns: (order: { id: string }, _: unknown, { loaders }: ReturnsContext) => loaders.returnsByOrderId.load(order.id),
};
