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

export function sdlPath(name: SubgraphName): string {
  return fileURLToPath(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url));
}

/** The composed, committed supergraph the gateway serves. */
export function readCommittedSupergraph(): string {
  return readFileSync(supergraphPath, 'utf8');
}
