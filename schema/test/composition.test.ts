import { describe, expect, it } from 'vitest';
import { apiSchemaOf, composeSupergraph, readCommittedApiSchema, readCommittedSupergraph } from '../compose-lib';

// When either test fails after an SDL change, run `npm run compose` and commit both files.
describe('supergraph composition', () => {
  it('composes the five subgraphs into exactly the committed schema/supergraph.graphql', () => {
    expect(composeSupergraph(), 'schema/supergraph.graphql is stale: run `npm run compose`').toBe(readCommittedSupergraph());
  });

  it('derives exactly the committed client-facing schema/api.graphql from it', () => {
    expect(apiSchemaOf(composeSupergraph()), 'schema/api.graphql is stale: run `npm run compose`').toBe(
      readCommittedApiSchema(),
    );
  });
});
