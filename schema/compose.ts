import { writeFileSync } from 'node:fs';
import { apiSchemaOf, apiSchemaPath, composeSupergraph, supergraphPath } from './compose-lib';

// `npm run compose`: rewrite schema/supergraph.graphql and schema/api.graphql after changing any subgraph's schema.graphql.
try {
  const supergraphSdl = composeSupergraph();
  writeFileSync(supergraphPath, supergraphSdl);
  console.log(`Wrote ${supergraphPath}`);
  writeFileSync(apiSchemaPath, apiSchemaOf(supergraphSdl));
  console.log(`Wrote ${apiSchemaPath}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
