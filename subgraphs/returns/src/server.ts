import { DateTime, Decimal, loadSdl, type SubgraphDefinition } from '@opsgraph/kit';
import type { Resolvers } from './generated/resolvers';
import { createContext, type ReturnsContext } from './context';
import { OpsOverview } from './resolvers/OpsOverview';
import { Order } from './resolvers/Order';
import { Query } from './resolvers/Query';
import { Refund } from './resolvers/Refund';
import { Return, ReturnLine } from './resolvers/Return';

export const returnsSubgraph: SubgraphDefinition<ReturnsContext> = {
  name: 'returns',
  typeDefs: loadSdl(new URL('../schema.graphql', import.meta.url)),
  resolvers: { Decimal, DateTime, Query, Order, Return, ReturnLine, Refund, OpsOverview } satisfies Resolvers,
  createContext,
};
