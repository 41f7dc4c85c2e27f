import { describe, expect, it } from 'vitest';
import { encodeCursor, MAX_PAGE_SIZE, pageRequest, toConnection, type Connection, type PageArgs } from '../src/connection';

/** The GraphQL error a bad argument is answered with. */
const badArgument = (argument: string, code: string) => expect.objectContaining({ extensions: { code, argument } });

const skus = Array.from({ length: 7 }, (_, i) => `SKU-${i}`);

/** A resolver in miniature: validate the arguments, fetch `limit + 1` rows after the key, build the connection. */
function page(args: PageArgs): Connection<string> {
  const { limit, after } = pageRequest(args);
  const rows = skus.filter((sku) => after === null || sku > after).slice(0, limit + 1);
  return toConnection(rows, limit, (sku) => sku, args.after);
}

describe('paging helpers', () => {
  it('answers first: 0 at the start with no cursor, and the client can go on from there', () => {
    const empty = page({ first: 0 });
    expect(empty).toEqual({ nodes: [], pageInfo: { hasNextPage: true, endCursor: null } });
    expect(page({ first: 2, after: empty.pageInfo.endCursor }).nodes).toEqual(['SKU-0', 'SKU-1']);
  });

  it('keeps the cursor it was asked after when a page in the middle is empty', () => {
    const first = page({ first: 3 });
    const empty = page({ first: 0, after: first.pageInfo.endCursor });
    expect(empty).toEqual({ nodes: [], pageInfo: { hasNextPage: true, endCursor: first.pageInfo.endCursor } });
    expect(page({ first: 3, after: empty.pageInfo.endCursor }).nodes).toEqual(['SKU-3', 'SKU-4', 'SKU-5']);
  });

  it('walks the whole list once, with empty pages in between, and ends without losing its place', () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let request = 0; request < 20; request++) {
      const result = page({ first: request % 2 === 0 ? 0 : 2, after });
      seen.push(...result.nodes);
      after = result.pageInfo.endCursor;
      if (!result.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(skus);
    expect(after).toBe(encodeCursor('SKU-6'));
    expect(page({ first: 0, after })).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: after } });
  });

  it('uses the default page size and treats an empty `after` as the start', () => {
    expect(pageRequest({})).toEqual({ limit: 20, after: null });
    expect(page({ first: 0, after: '' }).pageInfo.endCursor).toBeNull();
  });

  it('refuses a page size over the limit, below zero or fractional with BAD_USER_INPUT', () => {
    expect(pageRequest({ first: MAX_PAGE_SIZE }).limit).toBe(MAX_PAGE_SIZE);
    for (const first of [MAX_PAGE_SIZE + 1, 500, -1, 1.5]) {
      expect(() => pageRequest({ first }), String(first)).toThrow(badArgument('first', 'BAD_USER_INPUT'));
    }
  });

  it('refuses a cursor it did not hand out with INVALID_CURSOR', () => {
    // Not base64url at all, and base64url that does not re-encode to itself (padding, a stray character).
    for (const after of ['not a cursor!', 'U0tVLTE=', `${encodeCursor('SKU-1')}*`]) {
      expect(() => page({ first: 2, after }), after).toThrow(badArgument('after', 'INVALID_CURSOR'));
    }
    expect(() => page({ first: 0, after: 'not a cursor!' })).toThrow(badArgument('after', 'INVALID_CURSOR'));
  });
});
