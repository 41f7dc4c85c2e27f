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

/** What every subgraph's per-request context starts from. */
export type BaseContext = { database: Database; caller: Caller };

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
  /** Background work the subgraph does while it runs (event consumers); returns a function that stops it. */
  startWorkers?(database: Database): () => void;
};

/** Starts one subgraph on its own HTTP server at `/graphql`. Port 0 picks a free port (tests). */
export async function startSubgraph<Context extends BaseContext>(
  definition: SubgraphDefinition<Context>,
  options: { database: Database; port: number; host?: string; plugins?: ApolloServerPlugin<Context>[] },
): Promise<RunningServer> {
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
      context: async () =>
        definition.createContext({ database: options.database, caller: { actor: 'api' } }),
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
