import { toMoney } from '@opsgraph/kit';
import type { OrderResolvers, OrderTransitionResolvers } from '../generated/resolvers';

export const Order: OrderResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.orderById.load(ref.id),
  // Catalog owns channels; the gateway fetches the rest of it by code.
  channel: (order) => ({ code: order.channelCode }),
  customer: (order) => ({ email: order.customerEmail, name: order.customerName }),
  total: (order) => toMoney(order.totalMinor, order.currency),
  lines: (order, _, { loaders }) => loaders.linesByOrderId.load(order.id),
  history: (order, _, { loaders }) => loaders.historyByOrderId.load(order.id),
  exceptions: (order, _, { loaders }) => loaders.exceptionsByOrderId.load(order.id),
  shipments: (order, _, { loaders }) => loaders.shipmentsByOrderId.load(order.id),
};

export const OrderTransition: OrderTransitionResolvers = {
  from: (transition) => transition.fromStatus,
  to: (transition) => transition.toStatus,
};
