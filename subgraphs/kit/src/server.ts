import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express from 'express';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { Database } from '@opsgraph/db';

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
export type BaseContext = { database: Database; caller: Caller; peers: Peers };

export type RunningServer = { url: string; port: number; stop(): Promise<void> };

/**
 * Unexpected errors are logged with their detail and answered with a generic message: a client never
 * sees SQL or stack traces, and always gets a GraphQL response rather than a dropped connection.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (code === 'INTERNAL_SERVER_ERROR' && original && !(original instanceof GraphQLError)) {
    console.error('Unexpected error while resolving', formatted.path?.join('.') ?? '', original);
    return { message: 'Internal server error', path: formatted.path, extensions: { code } };
  }
  return formatted;
}

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

/** Starts one subgraph on its own HTTP server at `/graphql`. Port 0 picks a free port (tests). */
export async function startSubgraph<Context extends BaseContext>(
  definition: SubgraphDefinition<Context>,
  options: { database: Database; port: number; host?: string; peers?: Peers; plugins?: ApolloServerPlugin<Context>[] },
): Promise<RunningServer> {
  const peers = options.peers ?? {};
  assertPeers(definition, peers);
  const app = express();
  const httpServer = http.createServer(app);
  const server = new ApolloServer<Context>({
    schema: buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> }),
    formatError,
    includeStacktraceInErrorResponses: false,
    // The process that hosts the server decides how to shut down (one process may host six servers).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ...(options.plugins ?? []),
    ],
  });
  await server.start();
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      // Until the gateway forwards signed identities, a peer subgraph is told apart by the header it sends.
      context: async ({ req }) => {
        const service = req.header(SERVICE_HEADER);
        const caller = { actor: service ? `service:${service}` : 'api' };
        return definition.createContext({ database: options.database, caller, peers });
      },
    }),
  );
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', subgraph: definition.name });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    stop: () => server.stop(),
  };
}
