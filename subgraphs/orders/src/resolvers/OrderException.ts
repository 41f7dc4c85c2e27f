import { loadRequired } from '@opsgraph/kit';
import type { OrderExceptionResolvers } from '../generated/resolvers';
import { ageMinutes, isBreached } from '../workflow';

export const OrderException: OrderExceptionResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.exceptionById.load(ref.id),
  order: (exception, _, { loaders }) => loadRequired(loaders.orderById, exception.orderId, 'order'),
  // Ages are computed against the subgraph's clock, so they move with it in tests.
  ageMinutes: (exception, _, { deps }) => ageMinutes(exception, deps.clock()),
  // Breached once its breach was raised, or as soon as its due time passed while open (the watch may lag).
  breached: (exception, _, { deps }) => exception.breachedAt !== null || isBreached(exception, deps.clock()),
  sourceException: (exception, _, { loaders }) =>
    exception.sourceExceptionId ? loaders.exceptionById.load(exception.sourceExceptionId) : null,
};
