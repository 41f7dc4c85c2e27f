import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express from 'express';
import type { DocumentNode } from 'graphql';
import type { Database } from '@opsgraph/db';
import { formatError } from './errors';
import { relayOutboxCommits } from './outbox';
import { serveSubscriptions, subscriptionsOverWebSocketOnly } from './subscriptions';

export type Caller = { actor: string };

/**
 * Where a subgraph finds the peers it calls (service-to-service commands, e.g. orders reserving stock in
 * inventory): subgraph name -> GraphQL URL. Given by `npm start`/tests (ephemeral ports) or the environment.
 */
export type Peers = Readonly<Record<string, string>>;

/** A peer a subgraph calls, and the variable that says where it runs when it is its own process. */
export type PeerSpec = { variable: string; defaultUrl: string };

/** The header a subgraph sends when it calls a peer, naming itself. */
export const SERVICE_HEADER = 'x-opsgraph-service';

/** What every subgraph's per-request context starts from. */
export type BaseContext = {
  database: Database;
  caller: Caller;
  peers: Peers;
  /** Over WebSocket, when the subscriber asked where its stream starts: a subscription resolver reports it here. */
  subscriptionStart?: (cursor: string) => void;
};

export type RunningServer = { url: string; port: number; stop(): Promise<void> };

export type SubgraphDefinition<Context extends BaseContext> = {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<Context>;
  /** Builds the per-request context (loaders are created here, never at module scope). */
  createContext(base: BaseContext): Context;
  /** Peers this subgraph calls, by name; `startSubgraph` refuses to start without their URLs. */
  peers?: Readonly<Record<string, PeerSpec>>;
  /**
   * Background work the subgraph does while it runs (event consumers, reconcilers); returns a function that
   * stops it, resolving once work in flight has finished (so the database can be closed after it).
   */
  startWorkers?(database: Database, peers: Peers): () => void | Promise<void>;
};

/** Fails at boot, not at the first request, when a peer the subgraph calls has no URL. */
export function assertPeers(definition: { name: string; peers?: Readonly<Record<string, PeerSpec>> }, peers: Peers): void {
  const missing = Object.keys(definition.peers ?? {}).filter((name) => !peers[name]);
  if (missing.length > 0) throw new Error(`${definition.name} subgraph needs the URL of: ${missing.join(', ')}`);
}

/**
 * Who is calling, from the service header (HTTP request or WebSocket upgrade). Until the gateway forwards
 * signed identities, a peer subgraph is told apart by the header it sends.
 */
function callerOf(service: string | string[] | undefined): Caller {
  const name = Array.isArray(service) ? service[0] : service;
  return { actor: name ? `service:${name}` : 'api' };
}

/**
 * Starts one subgraph on its own HTTP server at `/graphql`: queries and mutations over HTTP, subscriptions
 * over graphql-ws on the same path. Port 0 picks a free port (tests).
 */
export async function startSubgraph<Context extends BaseContext>(
  definition: SubgraphDefinition<Context>,
  options: { database: Database; port: number; host?: string; peers?: Peers; plugins?: ApolloServerPlugin<Context>[] },
): Promise<RunningServer> {
  const peers = options.peers ?? {};
  assertPeers(definition, peers);
  const app = express();
  const httpServer = http.createServer(app);
  const schema = buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> });
  const contextFor = (service: string | string[] | undefined) =>
    definition.createContext({ database: options.database, caller: callerOf(service), peers });
  const server = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // The process that hosts the server decides how to shut down (one process may host six servers).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      subscriptionsOverWebSocketOnly,
      ...(options.plugins ?? []),
    ],
  });
  await server.start();
  // Commits by other processes on the same Postgres wake this one's outbox readers (subscriptions, consumers).
  const releaseRelay = await relayOutboxCommits(options.database);
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, { context: async ({ req }) => contextFor(req.header(SERVICE_HEADER)) }),
  );
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', subgraph: definition.name });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  // Attached once listening: a listen error (port taken) is then reported once, by the promise above.
  const stopSubscriptions = serveSubscriptions({
    httpServer,
    path: '/graphql',
    schema,
    createContext: (request) => contextFor(request.headers[SERVICE_HEADER]),
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    // Sockets first: the HTTP server's close waits for every upgraded connection to end.
    async stop() {
      await stopSubscriptions();
      await server.stop();
      await releaseRelay();
    },
  };
}
