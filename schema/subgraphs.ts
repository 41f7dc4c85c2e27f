import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The five subgraphs, their default ports and where their SDL lives. */
export const subgraphs = [
  { name: 'catalog', port: 4001 },
  { name: 'inventory', port: 4002 },
  { name: 'orders', port: 4003 },
  { name: 'returns', port: 4004 },
  { name: 'finance', port: 4005 },
] as const;

export type SubgraphName = (typeof subgraphs)[number]['name'];

export const supergraphPath = fileURLToPath(new URL('./supergraph.graphql', import.meta.url));

/** The client-facing schema (the supergraph's API schema): what the web app, partners and BI feeds query. */
export const apiSchemaPath = fileURLToPath(new URL('./api.graphql', import.meta.url));

export function sdlPath(name: SubgraphName): string {
  return fileURLToPath(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url));
}

/** The composed, committed supergraph the gateway serves. */
export function readCommittedSupergraph(): string {
  return readFileSync(supergraphPath, 'utf8');
}

/** The committed client-facing schema, written by `npm run compose` next to the supergraph. */
export function readCommittedApiSchema(): string {
  return readFileSync(apiSchemaPath, 'utf8');
}
