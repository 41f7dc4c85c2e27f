'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useClient, useQuery } from 'urql';
import { ProductMovementsDocument, type ProductMovementFieldsFragment } from '../../gql/graphql';
import { formatInteger, formatRelative } from '../../lib/format';
import { useIsBrowser, useNow } from './live';
import { formatDateTime, formatSigned, movementLabel } from './stock';
import styles from './Inventory.module.css';

type Movement = ProductMovementFieldsFragment;

const PAGE_SIZE = 20;

/**
 * The product's ledger, newest first: the latest PAGE_SIZE lines, older ones on request, and the ones that
 * arrive live (`live`, newest first) on top.
 */
export function MovementHistory({
  sku,
  live,
  flashOf,
}: {
  sku: string;
  live: readonly Movement[];
  flashOf: (id: string) => 'a' | 'b' | undefined;
}) {
  const isBrowser = useIsBrowser();
  const client = useClient();
  const now = useNow();
  const [{ data, error }] = useQuery({
    query: ProductMovementsDocument,
    variables: { sku, first: PAGE_SIZE, after: null },
    requestPolicy: 'network-only',
    pause: !isBrowser,
  });
  const [older, setOlder] = useState<{ movements: Movement[]; endCursor: string | null; hasNextPage: boolean } | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);

  const first = data?.stockMovements;
  const endCursor = older ? older.endCursor : (first?.pageInfo.endCursor ?? null);
  const hasNextPage = older ? older.hasNextPage : Boolean(first?.pageInfo.hasNextPage);
  const seen = new Set<string>();
  const movements = [...live, ...(first?.nodes ?? []), ...(older?.movements ?? [])].filter((movement) => {
    if (seen.has(movement.id)) return false;
    seen.add(movement.id);
    return true;
  });

  async function loadOlder() {
    setLoadingOlder(true);
    setOlderError(null);
    const result = await client.query(ProductMovementsDocument, { sku, first: PAGE_SIZE, after: endCursor }, { requestPolicy: 'network-only' }).toPromise();
    setLoadingOlder(false);
    if (!result.data) {
      setOlderError(result.error?.message ?? 'No data');
      return;
    }
    const page = result.data.stockMovements;
    setOlder({ movements: [...(older?.movements ?? []), ...page.nodes], endCursor: page.pageInfo.endCursor ?? null, hasNextPage: page.pageInfo.hasNextPage });
  }

  return (
    <section className={styles.section} aria-labelledby="movements-title">
      <div className={styles.sectionHeader}>
        <h2 id="movements-title" className={styles.sectionTitle}>
          Movement history
        </h2>
        <p className={styles.sectionNote}>Every line of the stock ledger for this product, newest first.</p>
      </div>
      {error && !data && <p className={styles.muted}>The movements could not be loaded: {error.message}</p>}
      {!data && !error && <p className={styles.muted}>Loading…</p>}
      {data && movements.length === 0 && <p className={styles.muted}>No movement yet.</p>}
      {movements.length > 0 && (
        <table className={`${styles.table} ${styles.listTable}`} data-testid="movements">
          <caption className={styles.srOnly}>Stock movements of {sku}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Movement</th>
              <th scope="col">Location</th>
              <th scope="col" className={styles.figureHead}>
                Units
              </th>
              <th scope="col" className={styles.figureHead} title="Signed change to on hand">
                On hand
              </th>
              <th scope="col">Reference</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {movements.map((movement) => (
              <tr key={movement.id} data-movement={movement.id} data-flash={flashOf(movement.id)}>
                <td>
                  <time dateTime={movement.occurredAt} title={formatDateTime(movement.occurredAt)}>
                    {formatRelative(movement.occurredAt, Math.max(now, Date.parse(movement.occurredAt)))}
                  </time>
                </td>
                <th scope="row" className={styles.movementType}>
                  {movementLabel(movement.type)}
                  {movement.reason && <span className={styles.reason}>{movement.reason.toLowerCase().replace(/_/g, ' ')}</span>}
                </th>
                <td>
                  <abbr title={movement.location.name}>{movement.location.code}</abbr>
                </td>
                <td className={styles.figure}>{formatInteger(movement.quantity)}</td>
                <td className={`${styles.figure} ${movement.onHandDelta === 0 ? styles.zero : ''}`} data-sign={Math.sign(movement.onHandDelta)}>
                  {formatSigned(movement.onHandDelta)}
                </td>
                <td>
                  <Reference value={movement.reference} />
                </td>
                <td className={styles.muted}>{movement.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(hasNextPage || olderError) && (
        <p className={styles.more}>
          <button type="button" className={styles.button} onClick={loadOlder} disabled={loadingOlder}>
            {loadingOlder ? 'Loading…' : `Show ${PAGE_SIZE} older`}
          </button>
          {olderError && <span className={styles.muted}> Could not load older movements: {olderError}</span>}
        </p>
      )}
    </section>
  );
}

/** Order ids (what reservations, releases and shipments reference) link to the order. */
function Reference({ value }: { value: string | null }) {
  if (!value) return <span className={styles.muted}>–</span>;
  if (value.startsWith('ord_')) return <Link href={`/orders/${encodeURIComponent(value)}`}>{value}</Link>;
  return <>{value}</>;
}
