import { DateTime, loadSdl, type SubgraphDefinition } from '@opsgraph/kit';
import { createCatalogProjection } from './catalogProjection';
import type { Resolvers } from './generated/resolvers';
import { createContext, type InventoryContext } from './context';
import { InventoryLevel } from './resolvers/InventoryLevel';
import { Location } from './resolvers/Location';
import { Mutation } from './resolvers/Mutation';
import { OpsOverview } from './resolvers/OpsOverview';
import { Product } from './resolvers/Product';
import { Query } from './resolvers/Query';
import { StockMovement, Transfer } from './resolvers/StockMovement';
import { StockPayload } from './resolvers/StockPayload';
import { Subscription } from './resolvers/Subscription';

export const inventorySubgraph: SubgraphDefinition<InventoryContext> = {
  name: 'inventory',
  typeDefs: loadSdl(new URL('../schema.graphql', import.meta.url)),
  resolvers: { DateTime, Query, Mutation, Subscription, Product, Location, InventoryLevel, StockMovement, Transfer, StockPayload, OpsOverview } satisfies Resolvers,
  createContext,
  // Keeps inventory's list of products and channels in step with the catalog while the process runs.
  startWorkers: (database) => createCatalogProjection(database.db).follow(),
};
