'use client';

import Link from 'next/link';
import { useEffect, useMemo, useRef } from 'react';
import { useQuery } from 'urql';
import { ProductOpenOrdersDocument, type ProductOpenOrdersQuery } from '../../gql/graphql';
import { formatInteger, formatRelative } from '../../lib/format';
import { useIsBrowser, useNow } from './live';
import { formatDateTime, orderStatusLabel } from './stock';
import styles from './Inventory.module.css';

type Order = ProductOpenOrdersQuery['captured']['nodes'][number];

/**
 * Orders not shipped, delivered or cancelled with a line for this SKU, oldest first. The API lists orders by
 * status and channel only, so this reads the newest 100 orders of each open status (ProductOpenOrders) and
 * keeps the ones for this SKU; it says so when a status had more. Read again when `version` changes.
 */
export function OpenOrders({ sku, version }: { sku: string; version: number }) {
  const isBrowser = useIsBrowser();
  const now = useNow();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: ProductOpenOrdersDocument, pause: !isBrowser });
  const seen = useRef(version);
  useEffect(() => {
    if (version === seen.current) return;
    seen.current = version;
    reexecute({ requestPolicy: 'network-only' });
  }, [version, reexecute]);

  const { orders, truncated } = useMemo(() => {
    if (!data) return { orders: [], truncated: false };
    const { captured, riskReview, onHold, backordered, allocated, released, picked, packed } = data;
    const pages = [captured, riskReview, onHold, backordered, allocated, released, picked, packed];
    const orders = pages
      .flatMap((page) => page.nodes)
      .map((order) => ({ order, lines: order.lines.filter((line) => line.sku === sku) }))
      .filter(({ lines }) => lines.length > 0)
      .sort((a, b) => Date.parse(a.order.createdAt) - Date.parse(b.order.createdAt));
    return { orders, truncated: pages.some((page) => page.pageInfo.hasNextPage) };
  }, [data, sku]);
  const units = orders.reduce((sum, { lines }) => sum + lines.reduce((s, line) => s + line.quantity, 0), 0);

  return (
    <section className={styles.section} aria-labelledby="orders-title">
      <div className={styles.sectionHeader}>
        <h2 id="orders-title" className={styles.sectionTitle}>
          Open orders
          {data && <span className={styles.count}>{formatInteger(orders.length)}</span>}
        </h2>
        <p className={styles.sectionNote}>
          {data
            ? orders.length > 0
              ? `${formatInteger(units)} ${units === 1 ? 'unit' : 'units'} on orders not shipped yet, oldest first.`
              : 'No order waits for this product.'
            : error
              ? null
              : 'Loading…'}
        </p>
      </div>
      {error && !data && <p className={styles.muted}>Open orders could not be loaded: {error.message}</p>}
      {orders.length > 0 && (
        <table className={`${styles.table} ${styles.listTable}`} aria-busy={fetching} data-testid="open-orders">
          <caption className={styles.srOnly}>Open orders with a line for {sku}</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Status</th>
              <th scope="col">Channel</th>
              <th scope="col" className={styles.figureHead}>
                Units
              </th>
              <th scope="col">Sourced from</th>
              <th scope="col">Placed</th>
            </tr>
          </thead>
          <tbody>
            {orders.map(({ order, lines }) => (
              <OrderRow key={order.id} order={order} lines={lines} now={now} />
            ))}
          </tbody>
        </table>
      )}
      {truncated && (
        <p className={styles.footnote}>
          Only the newest 100 orders of each open status were searched, so older open orders may be missing: the API
          cannot list the orders of one product yet.
        </p>
      )}
    </section>
  );
}

function OrderRow({ order, lines, now }: { order: Order; lines: Order['lines']; now: number }) {
  const quantity = lines.reduce((sum, line) => sum + line.quantity, 0);
  const allocations = lines.flatMap((line) => line.allocations);
  return (
    <tr>
      <th scope="row">
        <Link href={`/orders/${encodeURIComponent(order.id)}`}>{order.number}</Link>
      </th>
      <td>
        <span className={styles.status} data-status={order.status}>
          {orderStatusLabel(order.status)}
        </span>
      </td>
      <td>{order.channel.name}</td>
      <td className={styles.figure}>{formatInteger(quantity)}</td>
      <td>
        {allocations.length > 0
          ? allocations.map((allocation) => `${allocation.location.code} × ${formatInteger(allocation.quantity)}`).join(', ')
          : <span className={styles.muted}>not sourced yet</span>}
      </td>
      <td>
        <time dateTime={order.createdAt} title={formatDateTime(order.createdAt)}>
          {formatRelative(order.createdAt, now)}
        </time>
      </td>
    </tr>
  );
}
