import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import type { Database } from '@opsgraph/db';
import { outboxSignal } from './outbox';
import { startSubgraph, type BaseContext, type Peers, type RunningServer, type SubgraphDefinition } from './server';

export type GraphQLResponse<D = any> = {
  data?: D | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
};

/** Posts a GraphQL request over real HTTP and returns the parsed body with the status. */
export async function postGraphQL<D = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<D> & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as GraphQLResponse<D>) };
}

/**
 * A subgraph on a free port, with a `query` helper that fails the test on GraphQL errors, and the WebSocket
 * URL its subscriptions are served on.
 */
export async function startTestSubgraph<Context extends BaseContext>(
  definition: SubgraphDefinition<Context>,
  database: Database,
  options: { peers?: Peers } = {},
): Promise<RunningServer & { wsUrl: string; query<D = any>(query: string, variables?: Record<string, unknown>): Promise<D> }> {
  const server = await startSubgraph(definition, { database, port: 0, host: '127.0.0.1', peers: options.peers });
  return {
    ...server,
    wsUrl: server.url.replace(/^http/, 'ws'),
    async query(query, variables) {
      const result = await postGraphQL(server.url, query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data;
    },
  };
}

/** A graphql-ws client that does not retry: a test sees a dropped connection instead of waiting out retries. */
export function wsClient(url: string): Client {
  return createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 });
}

/** One subscription as a test sees it: what arrived, in order, and how it ended. */
export type Recording<D = any> = {
  results: FormattedExecutionResult<D, unknown>[];
  /** Waits until `count` results have arrived in all; fails after `timeoutMs`. */
  take(count: number, timeoutMs?: number): Promise<FormattedExecutionResult<D, unknown>[]>;
  /** Settles when the server ends the operation: with its errors (an error message), or none (complete). */
  ended: Promise<{ errors?: unknown }>;
  /** Completes the subscription from the client's side. */
  stop(): void;
};

export function record<D = any>(client: Client, query: string, variables?: Record<string, unknown>): Recording<D> {
  const results: FormattedExecutionResult<D, unknown>[] = [];
  let arrived = () => {};
  let end!: (outcome: { errors?: unknown }) => void;
  const ended = new Promise<{ errors?: unknown }>((resolve) => (end = resolve));
  const stop = client.subscribe<D>(
    { query, variables },
    {
      next(result) {
        results.push(result);
        arrived();
      },
      error: (errors) => end({ errors }),
      complete: () => end({}),
    },
  );
  return {
    results,
    ended,
    stop,
    async take(count, timeoutMs = 2_000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} results within ${timeoutMs} ms, got ${results.length}: ${JSON.stringify(results)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          arrived = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return results.slice(0, count);
    },
  };
}

/**
 * Waits until exactly `count` readers follow `domain`'s outbox in this process: a subscription counts from
 * when it has read where it starts (nothing committed after that can be missed) until it has let go.
 */
export async function outboxReaders(domain: string, count: number, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (outboxSignal.listenerCount(domain) !== count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} readers of the ${domain} outbox, found ${outboxSignal.listenerCount(domain)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
