import { writeFileSync } from 'node:fs';
import { composeSupergraph, supergraphPath } from './compose-lib';

// `npm run compose`: rewrite schema/supergraph.graphql after changing any subgraph's schema.graphql.
try {
  writeFileSync(supergraphPath, composeSupergraph());
  console.log(`Wrote ${supergraphPath}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
