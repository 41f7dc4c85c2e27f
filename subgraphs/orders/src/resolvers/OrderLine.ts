import { toMoney } from '@opsgraph/kit';
import type { OrdersContext } from '../context';
import type { AllocationRow, OrderLineRow } from '../repo';

export const OrderLine = {
  __resolveReference: (ref: { id: string }, { loaders }: OrdersContext) => loaders.orderLineById.load(ref.id),
  order: (line: OrderLineRow, _: unknown, { loaders }: OrdersContext) => loaders.orderById.load(line.orderId),
  product: (line: OrderLineRow) => ({ id: line.productId }),
  unitPrice: (line: OrderLineRow) => toMoney(line.unitPriceMinor, line.currency),
  allocations: (line: OrderLineRow, _: unknown, { loaders }: OrdersContext) => loaders.allocationsByLineId.load(line.id),
};

export const Allocation = {
  // Inventory owns locations; the gateway resolves the rest by id.
  location: (allocation: AllocationRow) => ({ id: allocation.locationId }),
};
