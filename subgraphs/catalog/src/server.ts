import { Decimal, loadSdl, type SubgraphDefinition } from '@opsgraph/kit';
import type { Resolvers } from './generated/resolvers';
import { createContext, type CatalogContext } from './context';
import { Channel } from './resolvers/Channel';
import { ChannelPrice, Product } from './resolvers/Product';
import { Query } from './resolvers/Query';

export const catalogSubgraph: SubgraphDefinition<CatalogContext> = {
  name: 'catalog',
  typeDefs: loadSdl(new URL('../schema.graphql', import.meta.url)),
  resolvers: { Decimal, Query, Product, ChannelPrice, Channel } satisfies Resolvers,
  createContext,
};
