import { DateTime, Decimal, loadSdl, type SubgraphDefinition } from '@opsgraph/kit';
import type { Resolvers } from './generated/resolvers';
import { createContext, type OrdersContext } from './context';
import { Order, OrderTransition } from './resolvers/Order';
import { OrderException } from './resolvers/OrderException';
import { Allocation, OrderLine } from './resolvers/OrderLine';
import { Query } from './resolvers/Query';

export const ordersSubgraph: SubgraphDefinition<OrdersContext> = {
  name: 'orders',
  typeDefs: loadSdl(new URL('../schema.graphql', import.meta.url)),
  resolvers: { Decimal, DateTime, Query, Order, OrderTransition, OrderLine, Allocation, OrderException } satisfies Resolvers,
  createContext,
};
