import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { sdlPath, subgraphs } from './subgraphs';

export { readCommittedSupergraph, sdlPath, subgraphs, supergraphPath, type SubgraphName } from './subgraphs';

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
