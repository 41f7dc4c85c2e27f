import { toMoney } from '@opsgraph/kit';
import type { OrdersContext } from '../context';
import type { OrderRow, TransitionRow } from '../repo';

export const Order = {
  __resolveReference: (ref: { id: string }, { loaders }: OrdersContext) => loaders.orderById.load(ref.id),
  // Catalog owns channels; the gateway fetches the rest of it by code.
  channel: (order: OrderRow) => ({ code: order.channelCode }),
  customer: (order: OrderRow) => ({ email: order.customerEmail, name: order.customerName }),
  total: (order: OrderRow) => toMoney(order.totalMinor, order.currency),
  lines: (order: OrderRow, _: unknown, { loaders }: OrdersContext) => loaders.linesByOrderId.load(order.id),
  history: (order: OrderRow, _: unknown, { loaders }: OrdersContext) => loaders.historyByOrderId.load(order.id),
  exceptions: (order: OrderRow, _: unknown, { loaders }: OrdersContext) => loaders.exceptionsByOrderId.load(order.id),
  shipments: (order: OrderRow, _: unknown, { loaders }: OrdersContext) => loaders.shipmentsByOrderId.load(order.id),
};

export const OrderTransition = {
  from: (transition: TransitionRow) => transition.fromStatus,
  to: (transition: TransitionRow) => transition.toStatus,
};
