import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { sdlPath, subgraphs } from './subgraphs';

export {
  apiSchemaPath,
  readCommittedApiSchema,
  readCommittedSupergraph,
  sdlPath,
  subgraphs,
  supergraphPath,
  type SubgraphName,
} from './subgraphs';

/** Composes the committed SDL files; throws with every composition error listed. */
export function composeSupergraph(): string {
  const result = composeServices(
    subgraphs.map(({ name, port }) => ({
      name,
      url: `http://localhost:${port}/graphql`,
      typeDefs: parse(readFileSync(sdlPath(name), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

const apiSchemaHeader = '# The client-facing API schema, derived from supergraph.graphql by `npm run compose`: do not edit.\n';

/**
 * The schema clients see through the gateway: the supergraph without the join/link machinery and without
 * anything @inaccessible. Web document types are generated from it (codegen.ts); partners read it.
 */
export function apiSchemaOf(supergraphSdl: string): string {
  // federation-internals' own printer (same output as graphql-js's printSchema): converting to a graphql-js
  // schema first would mix the CommonJS and ESM copies of graphql when run under vitest.
  return `${apiSchemaHeader}\n${printSchema(Supergraph.build(supergraphSdl).apiSchema())}\n`;
}
