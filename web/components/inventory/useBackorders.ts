'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, type OperationResult } from 'urql';
import { InventoryBackordersDocument, type InventoryBackordersQuery } from '../../gql/graphql';
import { useIsBrowser } from './live';

/** The most pages of 100 read: past this many backordered orders the figures say they are incomplete. */
const MAX_PAGES = 20;

export type Backorders = {
  /** Units backordered orders still wait for (ordered minus allocated), per SKU. */
  unitsBySku: ReadonlyMap<string, number>;
  orders: number;
  /** False when there were more than MAX_PAGES pages of backordered orders. */
  complete: boolean;
  loaded: boolean;
  error: string | null;
};

const empty: Backorders = { unitsBySku: new Map(), orders: 0, complete: true, loaded: false, error: null };

/**
 * Units waiting on backordered orders, per SKU: the API lists orders by status but cannot filter products by
 * backorders, so this reads every BACKORDERED order (a short list in a healthy operation). `reload()` reads
 * them again: backorders fill when stock arrives.
 */
export function useBackorders(): Backorders & { reload: () => void } {
  const client = useClient();
  const isBrowser = useIsBrowser();
  const [state, setState] = useState<Backorders>(empty);
  const [generation, setGeneration] = useState(0);
  const running = useRef(0);

  useEffect(() => {
    if (!isBrowser) return;
    const run = ++running.current;
    void (async () => {
      const unitsBySku = new Map<string, number>();
      let orders = 0;
      let after: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result: OperationResult<InventoryBackordersQuery> = await client
          .query(InventoryBackordersDocument, { after }, { requestPolicy: 'network-only' })
          .toPromise();
        if (run !== running.current) return;
        if (result.error || !result.data) {
          setState((current) => ({ ...current, loaded: true, error: result.error?.message ?? 'No data' }));
          return;
        }
        const { nodes, pageInfo } = result.data.orders;
        for (const order of nodes) {
          orders += 1;
          for (const line of order.lines) {
            const waiting = line.quantity - line.allocations.reduce((sum, allocation) => sum + allocation.quantity, 0);
            if (waiting > 0) unitsBySku.set(line.sku, (unitsBySku.get(line.sku) ?? 0) + waiting);
          }
        }
        if (!pageInfo.hasNextPage || !pageInfo.endCursor) {
          setState({ unitsBySku, orders, complete: true, loaded: true, error: null });
          return;
        }
        after = pageInfo.endCursor;
      }
      setState({ unitsBySku, orders, complete: false, loaded: true, error: null });
    })();
  }, [client, isBrowser, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}
