import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { START_CURSOR_EXTENSION } from '@opsgraph/kit';
import { UPSTREAM_AFTER, UPSTREAM_CURSOR, type UpstreamOperation } from './plan';

/** One lazy graphql-ws connection per subgraph, shared by every upstream subscription to it. */
export function subgraphSocket(httpUrl: string): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: true,
    lazyCloseTimeout: 1_000,
    keepAlive: 10_000,
    // Retries are the upstream's own (below): graphql-ws would resend the first payload, with its old cursor.
    retryAttempts: 0,
  });
}

export type UpstreamEvent = FormattedExecutionResult<Record<string, unknown>, unknown>;

export type Upstream = { close(): void };

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 3_000;

/**
 * A subscription on the owning subgraph that survives the subgraph going away: when its connection drops or
 * the subgraph ends the stream (a restart), it subscribes again after the last event it received, with
 * backoff, so nothing committed meanwhile is missed and nothing is received twice. An error the subgraph
 * answers the subscription with (a bad cursor, bad arguments) is final and goes to `onError`.
 */
export function openUpstream(options: {
  socket: Client;
  operation: UpstreamOperation;
  onEvent(event: UpstreamEvent): void;
  onError(errors: GraphQLError[]): void;
  log?: (message: string) => void;
}): Upstream {
  const { socket, operation } = options;
  let cursor = operation.after;
  let closed = false;
  let failures = 0;
  let unsubscribe: (() => void) | null = null;
  let retry: NodeJS.Timeout | null = null;

  function subscribe() {
    retry = null;
    if (closed) return;
    let ended = false;
    const end = () => {
      const first = !ended;
      ended = true;
      return first;
    };
    unsubscribe = socket.subscribe<Record<string, unknown>>(
      {
        query: operation.query,
        variables: { ...operation.variables, [UPSTREAM_AFTER]: cursor },
        // Without a cursor, ask where the stream starts: a drop before the first event then resumes from there.
        ...(cursor === null ? { extensions: { [START_CURSOR_EXTENSION]: true } } : {}),
      },
      {
        next(result) {
          if (closed || ended) return;
          const start = (result.extensions as Record<string, unknown> | undefined)?.[START_CURSOR_EXTENSION];
          if (typeof start === 'string' && !result.data) {
            cursor ??= start;
            return;
          }
          const root = result.data?.[operation.rootKey] as Record<string, unknown> | null | undefined;
          if (!root) {
            end();
            fail(result.errors ?? [{ message: 'The subgraph sent an event without its data.' }]);
            return;
          }
          failures = 0;
          cursor = root[UPSTREAM_CURSOR] as string;
          options.onEvent(result);
        },
        error(error) {
          if (closed || !end()) return;
          // graphql-ws hands the subgraph's GraphQL errors over as an array; anything else is the connection.
          if (Array.isArray(error)) fail(error as GraphQLFormattedError[]);
          else again(describe(error));
        },
        complete() {
          if (closed || !end()) return;
          again('the subgraph ended the stream');
        },
      },
    );
  }

  function again(reason: string) {
    const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** failures);
    failures += 1;
    options.log?.(`subscription to ${operation.subgraph} interrupted (${reason}); resuming in ${delay} ms`);
    retry = setTimeout(subscribe, delay);
  }

  function fail(errors: readonly GraphQLFormattedError[]) {
    close();
    options.onError(errors.map((error) => new GraphQLError(error.message, { extensions: error.extensions, path: error.path })));
  }

  function close() {
    if (closed) return;
    closed = true;
    if (retry) clearTimeout(retry);
    unsubscribe?.();
  }

  subscribe();
  return { close };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const event = error as { code?: number; reason?: string };
  if (typeof event?.code === 'number') return `connection closed, ${event.code}${event.reason ? ` ${event.reason}` : ''}`;
  return 'connection failed';
}
