import http from 'node:http';
import https from 'node:https';
import fetch from 'node-fetch';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { formatError, type RunningServer } from '@opsgraph/kit';
import { allowOrigins } from './cors';
import { landingPage } from './landingPage';
import { readCommittedSupergraph, type SubgraphName } from '@opsgraph/schema';

export type GatewayOptions = {
  port: number;
  host?: string;
  /** Where each subgraph answers; overrides the routing URLs composed into the supergraph. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Browser origins allowed to call the gateway (the web app). */
  corsOrigins?: string[];
  /** Defaults to the committed schema/supergraph.graphql. */
  supergraphSdl?: string;
};

/**
 * The one public endpoint: the composed schema over HTTP at /graphql. It loads the supergraph composed at
 * build time (never introspects subgraphs at run time) and routes each subgraph to its configured URL.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  const subgraphAgent = (url: URL) => (url.protocol === 'https:' ? agents.https : agents.http);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readCommittedSupergraph(),
    // node-fetch on a keep-alive agent: the default fetcher (make-fetch-happen, agent-base) builds a stack trace
    // per request (agent-base's isSecureEndpoint) and cost measurably more CPU per subgraph call; undici's fetch too.
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource({
        url: options.subgraphUrls[name as SubgraphName] ?? url,
        fetcher: (input, init) => fetch(input, { ...init, agent: subgraphAgent }),
      }),
  });
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
    ],
  });
  await server.start();
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
    await server.stop();
    agents.http.destroy(); // idle keep-alive sockets to the subgraphs
    agents.https.destroy();
  };
  return { url: `http://127.0.0.1:${port}/graphql`, port, stop };
}
