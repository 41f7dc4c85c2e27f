import { loadRequired, toMoney } from '@opsgraph/kit';
import type { AllocationResolvers, OrderLineResolvers } from '../generated/resolvers';

export const OrderLine: OrderLineResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.orderLineById.load(ref.id),
  order: (line, _, { loaders }) => loadRequired(loaders.orderById, line.orderId, 'order'),
  product: (line) => ({ id: line.productId }),
  unitPrice: (line) => toMoney(line.unitPriceMinor, line.currency),
  allocations: (line, _, { loaders }) => loaders.allocationsByLineId.load(line.id),
};

export const Allocation: AllocationResolvers = {
  // Inventory owns locations; the gateway resolves the rest by id.
  location: (allocation) => ({ id: allocation.locationId }),
};
