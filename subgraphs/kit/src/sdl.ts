import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';

/** Reads a subgraph's `schema.graphql`, the one place its types are written. */
export function loadSdl(url: URL): DocumentNode {
  return parse(readFileSync(url, 'utf8'));
}
