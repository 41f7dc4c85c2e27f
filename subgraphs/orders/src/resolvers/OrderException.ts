import { loadRequired } from '@opsgraph/kit';
import type { OrderExceptionResolvers } from '../generated/resolvers';

export const OrderException: OrderExceptionResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.exceptionById.load(ref.id),
  order: (exception, _, { loaders }) => loadRequired(loaders.orderById, exception.orderId, 'order'),
};
