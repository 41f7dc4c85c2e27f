import http from 'node:http';
import https from 'node:https';
import fetch from 'node-fetch';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { formatError, serveSubscriptions, subscriptionsOverWebSocketOnly, type RunningServer } from '@opsgraph/kit';
import { allowOrigins } from './cors';
import { landingPage } from './landingPage';
import { readCommittedSupergraph, type SubgraphName } from '@opsgraph/schema';
import { FederatedSubscriptions, type SubscriptionContext, type SubscriptionLimits } from './subscriptions/index';

export type GatewayOptions = {
  port: number;
  host?: string;
  /** Where each subgraph answers; overrides the routing URLs composed into the supergraph. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Browser origins allowed to call the gateway (the web app). */
  corsOrigins?: string[];
  /** Defaults to the committed schema/supergraph.graphql. */
  supergraphSdl?: string;
  subscriptionLimits?: Partial<SubscriptionLimits>;
};

export type RunningGateway = RunningServer & {
  /** Serves another composed supergraph from now on; running subscriptions end with SUPERGRAPH_RELOADED. */
  reloadSupergraph(supergraphSdl: string): void;
  /** Upstream subscription streams open now (identical subscriptions share one). */
  subscriptionStreams(): number;
};

/**
 * The one public endpoint: the composed schema at /graphql, queries and mutations over HTTP, subscriptions over
 * graphql-ws on the same path. It loads the supergraph composed at build time (never introspects subgraphs at
 * run time) and routes each subgraph to its configured URL.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  const subgraphAgent = (url: URL) => (url.protocol === 'https:' ? agents.https : agents.http);
  const subgraphUrls: Record<string, string> = { ...options.subgraphUrls };
  // One data source per subgraph, for queries and for the entity fetches of subscription events alike.
  const dataSources: Record<string, GraphQLDataSource> = {};
  let reload: ((supergraphSdl: string) => void) | null = null;
  const gateway = new ApolloGateway({
    supergraphSdl: async ({ update }) => {
      reload = update;
      return { supergraphSdl: options.supergraphSdl ?? readCommittedSupergraph() };
    },
    // node-fetch on a keep-alive agent: the default fetcher (make-fetch-happen, agent-base) builds a stack trace
    // per request (agent-base's isSecureEndpoint) and cost measurably more CPU per subgraph call; undici's fetch too.
    buildService: ({ name, url }) => {
      subgraphUrls[name] ??= url!;
      return (dataSources[name] = new RemoteGraphQLDataSource({
        url: subgraphUrls[name],
        fetcher: (input, init) => fetch(input, { ...init, agent: subgraphAgent }),
      }));
    },
  });
  const subscriptions = new FederatedSubscriptions({
    subgraphUrls,
    dataSources,
    limits: options.subscriptionLimits,
    log: (message) => console.warn(`gateway: ${message}`),
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => subscriptions.load(coreSupergraphSdl, apiSchema));
  const app = express();
  const httpServer = http.createServer(app);
  const server = new ApolloServer({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    // The process that hosts the server decides how to shut down (one process may host six servers).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's default landing page loads from a CDN; ours is self-contained.
      landingPage(),
      ApolloServerPluginInlineTraceDisabled(),
      subscriptionsOverWebSocketOnly,
    ],
  });
  await server.start();
  const stopSubscriptions = serveSubscriptions<SubscriptionContext>({
    httpServer,
    path: '/graphql',
    schema: () => subscriptions.schema,
    createContext: () => ({ scope: 'everyone' }),
    subscribe: subscriptions.subscribe,
  });
  app.use('/graphql', allowOrigins(options.corsOrigins ?? []), express.json({ limit: '1mb' }), expressMiddleware(server));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/', (_req, res) => {
    res.type('text/plain').send('OpsGraph gateway. POST GraphQL requests to /graphql.\n');
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const stop = async () => {
    await stopSubscriptions();
    await server.stop();
    await subscriptions.close();
    agents.http.destroy(); // idle keep-alive sockets to the subgraphs
    agents.https.destroy();
  };
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    stop,
    reloadSupergraph: (supergraphSdl) => reload!(supergraphSdl),
    subscriptionStreams: () => subscriptions.streams,
  };
}

/**
 * SIGHUP reloads schema/supergraph.graphql (after `npm run compose`) without a restart: subscriptions end with
 * SUPERGRAPH_RELOADED; an unchanged file is a no-op; one that does not load is refused and logged.
 */
export function reloadOnHangup(gateway: RunningGateway): void {
  process.on('SIGHUP', () => {
    try {
      gateway.reloadSupergraph(readCommittedSupergraph());
      console.log('gateway: supergraph reloaded from schema/supergraph.graphql');
    } catch (error) {
      console.error(`gateway: kept the running supergraph; schema/supergraph.graphql did not load: ${(error as Error).message}`);
    }
  });
}
