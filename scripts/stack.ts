import type { Database } from '@opsgraph/db';
import { catalogSubgraph } from '@opsgraph/catalog';
import { financeSubgraph } from '@opsgraph/finance';
import { startGateway, type RunningGateway } from '@opsgraph/gateway';
import { inventorySubgraph } from '@opsgraph/inventory';
import { assertPeers, startSubgraph, type BaseContext, type RunningServer, type SubgraphDefinition } from '@opsgraph/kit';
import { ordersSubgraph } from '@opsgraph/orders';
import { returnsSubgraph } from '@opsgraph/returns';
import { subgraphs, type SubgraphName } from '@opsgraph/schema';

/** The five subgraph definitions by name. */
export const definitions = {
  catalog: catalogSubgraph,
  inventory: inventorySubgraph,
  orders: ordersSubgraph,
  returns: returnsSubgraph,
  finance: financeSubgraph,
} as const;

export type Stack = {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningServer>;
  stop(): Promise<void>;
};

/**
 * The five subgraphs and the gateway in one process over one database: the embedded mode of `npm start`,
 * and what federation tests and benchmarks run against. Ports of 0 pick free ones.
 */
export async function startStack(
  database: Database,
  options: {
    gatewayPort: number;
    subgraphPorts: Record<SubgraphName, number>;
    host?: string;
    corsOrigins?: string[];
    /** Replaces a subgraph's definition, e.g. orders built with a test clock or fault hooks. */
    definitions?: Partial<Record<SubgraphName, SubgraphDefinition<any>>>;
  },
): Promise<Stack> {
  const running = {} as Record<SubgraphName, RunningServer>;
  const stopWorkers: (() => void | Promise<void>)[] = [];
  // Subgraphs start in list order, so a subgraph's peers (orders calls inventory) are listening, on whatever
  // port they got, before it starts; each is given the URLs of the ones already running.
  const peers: Record<string, string> = {};
  for (const { name } of subgraphs) {
    // Each definition has its own context type; startSubgraph is generic over it.
    const definition = (options.definitions?.[name] ?? definitions[name]) as SubgraphDefinition<BaseContext>;
    assertPeers(definition, peers);
    const stop = definition.startWorkers?.(database, { ...peers });
    if (stop) stopWorkers.push(stop);
    running[name] = await startSubgraph(definition, {
      database,
      port: options.subgraphPorts[name],
      host: options.host,
      peers: { ...peers },
    });
    peers[name] = running[name].url;
  }
  const gateway = await startGateway({
    port: options.gatewayPort,
    host: options.host,
    corsOrigins: options.corsOrigins,
    subgraphUrls: Object.fromEntries(subgraphs.map(({ name }) => [name, running[name].url])) as Record<SubgraphName, string>,
  });
  return {
    gateway,
    subgraphs: running,
    async stop() {
      await Promise.all(stopWorkers.map((stop) => stop()));
      await gateway.stop();
      for (const server of Object.values(running)) await server.stop();
    },
  };
}
