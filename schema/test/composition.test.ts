import { describe, expect, it } from 'vitest';
import { composeSupergraph, readCommittedSupergraph } from '../compose-lib';

describe('supergraph composition', () => {
  it('composes the five subgraphs into exactly the committed schema/supergraph.graphql', () => {
    // When this fails after an SDL change, run `npm run compose` and commit the result.
    expect(composeSupergraph()).toBe(readCommittedSupergraph());
  });
});
