import type { Database } from '@opsgraph/db';
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

/** A subgraph on a free port, with a `query` helper that fails the test on GraphQL errors. */
export async function startTestSubgraph<Context extends BaseContext>(
  definition: SubgraphDefinition<Context>,
  database: Database,
  options: { peers?: Peers } = {},
): Promise<RunningServer & { query<D = any>(query: string, variables?: Record<string, unknown>): Promise<D> }> {
  const server = await startSubgraph(definition, { database, port: 0, host: '127.0.0.1', peers: options.peers });
  return {
    ...server,
    async query(query, variables) {
      const result = await postGraphQL(server.url, query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data;
    },
  };
}
