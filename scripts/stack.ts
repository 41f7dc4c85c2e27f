import type { Database } from '@opsgraph/db';
import { catalogSubgraph } from '@opsgraph/catalog';
import { financeSubgraph } from '@opsgraph/finance';
import { startGateway } from '@opsgraph/gateway';
import { inventorySubgraph } from '@opsgraph/inventory';
import { startSubgraph, type RunningServer } from '@opsgraph/kit';
import { ordersSubgraph } from '@opsgraph/orders';
import { returnsSubgraph } from '@opsgraph/returns';
import { subgraphs, type SubgraphName } from '@opsgraph/schema';

const definitions = {
  catalog: catalogSubgraph,
  inventory: inventorySubgraph,
  orders: ordersSubgraph,
  returns: returnsSubgraph,
  finance: financeSubgraph,
} as const;

export type Stack = {
  gateway: RunningServer;
  subgraphs: Record<SubgraphName, RunningServer>;
  stop(): Promise<void>;
};

/**
 * The five subgraphs and the gateway in one process over one database: the embedded mode of `npm start`,
 * and what federation tests and benchmarks run against. Ports of 0 pick free ones.
 */
export async function startStack(
  database: Database,
  options: { gatewayPort: number; subgraphPorts: Record<SubgraphName, number>; host?: string; corsOrigins?: string[] },
): Promise<Stack> {
  const running = {} as Record<SubgraphName, RunningServer>;
  const stopWorkers: (() => void)[] = [];
  for (const { name } of subgraphs) {
    const definition = definitions[name];
    const stop = (definition.startWorkers as ((db: Database) => () => void) | undefined)?.(database);
    if (stop) stopWorkers.push(stop);
    // Each definition has its own context type; startSubgraph is generic over it.
    running[name] = await startSubgraph(definition as typeof catalogSubgraph, {
      database,
      port: options.subgraphPorts[name],
      host: options.host,
    });
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
      for (const stop of stopWorkers) stop();
      await gateway.stop();
      for (const server of Object.values(running)) await server.stop();
    },
  };
}
