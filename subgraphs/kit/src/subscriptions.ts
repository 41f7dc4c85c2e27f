import type http from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  subscribe,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { formatError } from './errors';

/**
 * A subscriber (the gateway) that sends `extensions: { [START_CURSOR_EXTENSION]: true }` with a subscription
 * without `after` gets a first message `{ extensions: { [START_CURSOR_EXTENSION]: <cursor> } }` saying where the
 * stream starts, so that if the connection drops before the first event it can resume from there.
 */
export const START_CURSOR_EXTENSION = 'opsgraphStartCursor';

/** Runs a validated subscription: a stream of results, or the errors that refuse it (graphql-js's `subscribe`). */
export type SubscribeFunction = (
  args: ExecutionArgs,
) => Promise<AsyncIterable<ExecutionResult> | ExecutionResult> | AsyncIterable<ExecutionResult> | ExecutionResult;

/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the HTTP server's GraphQL path, for subscriptions only:
 * queries and mutations stay on HTTP, so Apollo Server's pipeline is the one way they run. Each subscription
 * gets a context built the way a request's is. Returns a function that closes every socket (ending its
 * subscriptions) and stops taking upgrades; call it before closing the HTTP server, which waits for them.
 */
export function serveSubscriptions<Context>(options: {
  httpServer: http.Server;
  path: string;
  /** The schema subscriptions are validated against: a function when it can change while serving (the gateway). */
  schema: GraphQLSchema | (() => GraphQLSchema);
  createContext(request: http.IncomingMessage): Context;
  /** How a subscription runs: graphql-js's `subscribe` by default; the gateway plans and federates it. */
  subscribe?: SubscribeFunction;
  /** How often sockets are pinged; one that has not answered the previous ping by the next is cut off. */
  heartbeatMs?: number;
}): () => Promise<void> {
  const currentSchema = typeof options.schema === 'function' ? options.schema : () => options.schema as GraphQLSchema;
  const run = options.subscribe ?? subscribe;
  const documents = new DocumentCache();
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path });
  // Streams started in onSubscribe, handed to graphql-ws through its `subscribe` hook.
  const started = new WeakMap<ExecutionArgs, AsyncIterable<ExecutionResult>>();
  const disposable = useServer(
    {
      schema: () => currentSchema(),
      // Every failure before the stream runs (syntax, validation, variables, a resolver refusing its
      // arguments) answers this operation with an error message, and the socket stays open. Left to itself,
      // graphql-ws closes the socket on a syntax error and sends a start error as a result then `complete`.
      async onSubscribe(ctx, _id, payload) {
        const schema = currentSchema();
        const checked = documents.check(schema, payload.query);
        if (Array.isArray(checked)) return checked;
        const document = checked;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [operationError('Name the operation to run (operationName): the document holds several, or none.')];
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [operationError('Only subscriptions are served over WebSocket: send queries and mutations over HTTP.')];
        }
        const contextValue = options.createContext(ctx.extra.request);
        let startCursor: string | undefined;
        if (payload.extensions?.[START_CURSOR_EXTENSION] === true) {
          (contextValue as { subscriptionStart?: (cursor: string) => void }).subscriptionStart = (cursor) => (startCursor = cursor);
        }
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
        const stream = await run(args);
        if (!(Symbol.asyncIterator in stream)) return (stream.errors ?? []).map((error) => withCode(error, 'BAD_USER_INPUT'));
        started.set(args, startCursor === undefined ? stream : startingWith({ extensions: { [START_CURSOR_EXTENSION]: startCursor } }, stream));
        return args;
      },
      subscribe: (args) => started.get(args) ?? run(args),
      // Errors reach a WebSocket client formatted as they would over HTTP (internal detail logged, not sent).
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map(formatted) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map(formatted),
    },
    wsServer,
  );
  // A client that vanished without closing (a laptop lid, a dead network) would hold its subscriptions forever:
  // every socket is pinged, and one that has not answered the previous ping is cut off.
  const answered = new WeakSet<object>();
  wsServer.on('connection', (socket) => {
    answered.add(socket);
    socket.on('pong', () => answered.add(socket));
  });
  const heartbeat = setInterval(() => {
    for (const socket of wsServer.clients) {
      if (!answered.delete(socket)) socket.terminate();
      else socket.ping();
    }
  }, options.heartbeatMs ?? HEARTBEAT_MS).unref();
  return async () => {
    clearInterval(heartbeat);
    // Close frames (1001) to every client; a peer that does not answer within the grace is cut off.
    const closing = disposable.dispose();
    const timer = setTimeout(() => {
      for (const socket of wsServer.clients) socket.terminate();
    }, CLOSE_GRACE_MS);
    try {
      await closing;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Parsed and validated documents by text, per schema: many clients send the same subscription, and each would
 * otherwise hold a parse of its own for as long as it stays subscribed. Bounded; the oldest entries go first.
 */
class DocumentCache {
  private readonly bySchema = new WeakMap<GraphQLSchema, Map<string, DocumentNode>>();

  /** The document, or the errors that refuse it (not cached: a bad document is the client's to fix). */
  check(schema: GraphQLSchema, query: string): DocumentNode | GraphQLError[] {
    let cache = this.bySchema.get(schema);
    if (!cache) this.bySchema.set(schema, (cache = new Map()));
    const known = cache.get(query);
    if (known) return known;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) return invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
    if (cache.size >= DOCUMENTS_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(query, document);
    return document;
  }
}

const DOCUMENTS_CACHED = 1_000;

/** The stream with one message before it; returning it returns the stream. */
function startingWith(first: ExecutionResult, stream: AsyncIterable<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
  const rest = stream[Symbol.asyncIterator]();
  let sent = false;
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    next: () => {
      if (sent) return rest.next();
      sent = true;
      return Promise.resolve({ value: first, done: false });
    },
    return: async () => (await rest.return?.()) ?? { value: undefined, done: true },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** How often sockets are pinged; one silent for two rounds is cut off. */
const HEARTBEAT_MS = 30_000;

/** How long stopping waits for WebSocket clients to answer the close before cutting them off. */
const CLOSE_GRACE_MS = 2_000;

/** Refuses subscriptions sent over HTTP, where they would run once without an event (a null answer). */
export const subscriptionsOverWebSocketOnly: ApolloServerPlugin<any> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
          throw operationError('Subscriptions are served over WebSocket (graphql-ws) on this path, not over HTTP.', 400);
        }
      },
    };
  },
};

function operationError(message: string, httpStatus?: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'OPERATION_NOT_SUPPORTED', ...(httpStatus ? { http: { status: httpStatus } } : {}) } });
}

/** The error with a stable `extensions.code`: its own, INTERNAL_SERVER_ERROR when something crashed, else `code`. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (typeof error.extensions?.code === 'string') return error;
  // Not a GraphQLError at all, or one wrapping something that is not: a fault, not the caller's mistake.
  const crashed = !(error instanceof GraphQLError) || (error.originalError && !(error.originalError instanceof GraphQLError));
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: crashed ? 'INTERNAL_SERVER_ERROR' : code },
  });
}

function formatted(error: GraphQLError): GraphQLFormattedError {
  // A stream that fails mid-way (e.g. a slow consumer cut off) reaches graphql-ws as a thrown error, which it
  // wraps in a bare GraphQLError: the error thrown is the one that says what happened.
  if (error.originalError instanceof GraphQLError && error.message === error.originalError.message) error = error.originalError;
  const coded = withCode(error, 'INTERNAL_SERVER_ERROR');
  return formatError(coded.toJSON(), coded);
}
