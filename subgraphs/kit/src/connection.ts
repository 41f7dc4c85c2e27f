import { badInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export type PageArgs = { first?: number | null; after?: string | null };
export type Connection<T> = { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** Opaque cursors: base64url of the sort key, so clients cannot depend on what is inside. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || encodeCursor(key) !== cursor) throw badInput('`after` is not a cursor this API returned.', 'after', 'INVALID_CURSOR');
  return key;
}

/** Validates `first`/`after` and says how many rows to fetch (one extra tells whether there is a next page). */
export function pageRequest(args: PageArgs): { limit: number; after: string | null } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}.`, 'first');
  }
  return { limit: first, after: args.after ? decodeCursor(args.after) : null };
}

/**
 * Builds a connection from `limit + 1` rows fetched after the cursor. `after` is the cursor the client sent
 * (already validated): an empty page (`first: 0`, or nothing left) ends where it began, so the
 * client can go on from its `endCursor`.
 */
export function toConnection<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => string,
  after: string | null | undefined,
): Connection<T> {
  const nodes = rows.slice(0, limit);
  const last = nodes[nodes.length - 1];
  const endCursor = last ? encodeCursor(keyOf(last)) : after || null;
  return { nodes, pageInfo: { hasNextPage: rows.length > limit, endCursor } };
}
