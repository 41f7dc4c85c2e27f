import type { Database } from '@opsgraph/db';
import { DateTime, Decimal, loadSdl, type Peers, type SubgraphDefinition } from '@opsgraph/kit';
import type { Resolvers } from './generated/resolvers';
import { createContext, type OrdersContext } from './context';
import { createOrdersDeps, type OrdersDeps, type OrdersDepsOptions } from './deps';
import { createInventoryClient } from './inventoryClient';
import { Mutation } from './resolvers/Mutation';
import { Order, OrderTransition } from './resolvers/Order';
import { OpsOverview } from './resolvers/OpsOverview';
import { OrderException } from './resolvers/OrderException';
import { Allocation, OrderLine } from './resolvers/OrderLine';
import { Query } from './resolvers/Query';
import { Subscription } from './resolvers/Subscription';
import { startOrdersWorkers, type WorkerOptions } from './workers';

export type OrdersSubgraphOptions = OrdersDepsOptions & {
  /** Worker timings, or false for no background work (tests that drive the workers' functions themselves). */
  workers?: WorkerOptions | false;
};

/**
 * The orders subgraph. Built by a function so tests can give it a clock, an id source and fault hooks; the
 * deps (inventory client, settings cache) live as long as the database they serve, shared by requests and workers.
 */
export function createOrdersSubgraph(options: OrdersSubgraphOptions = {}): SubgraphDefinition<OrdersContext> & {
  depsFor(database: Database, peers: Peers): OrdersDeps;
} {
  const deps = new WeakMap<Database, OrdersDeps>();
  const depsFor = (database: Database, peers: Peers) => {
    let found = deps.get(database);
    if (!found) {
      found = createOrdersDeps(database.db, createInventoryClient(peers.inventory!), options);
      deps.set(database, found);
    }
    return found;
  };
  return {
    name: 'orders',
    typeDefs: loadSdl(new URL('../schema.graphql', import.meta.url)),
    resolvers: { Decimal, DateTime, Query, Mutation, Subscription, Order, OrderTransition, OrderLine, Allocation, OrderException, OpsOverview } satisfies Resolvers,
    // Orders reserves, releases and ships stock through inventory's service API.
    peers: { inventory: { variable: 'INVENTORY_URL', defaultUrl: 'http://localhost:4002/graphql' } },
    createContext: (base) => createContext(base, depsFor(base.database, base.peers)),
    startWorkers: (database, peers) =>
      options.workers === false ? () => {} : startOrdersWorkers(depsFor(database, peers), options.workers),
    depsFor,
  };
}

export const ordersSubgraph = createOrdersSubgraph();
