import type { OrdersContext } from '../context';
import type { ExceptionRow } from '../repo';

export const OrderException = {
  __resolveReference: (ref: { id: string }, { loaders }: OrdersContext) => loaders.exceptionById.load(ref.id),
  order: (exception: ExceptionRow, _: unknown, { loaders }: OrdersContext) => loaders.orderById.load(exception.orderId),
};
