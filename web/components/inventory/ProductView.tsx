'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { ProductDetailDocument, type ProductMovementFieldsFragment } from '../../gql/graphql';
import { formatInteger, formatMoney } from '../../lib/format';
import { PageHeader } from '../PageHeader';
import { ChannelAvailability } from './ChannelAvailability';
import { LastChange, type Announcement } from './LastChange';
import { useFlash, useIsBrowser, useLiveLevels, useMaybeStale, useStockChanges, useThrottled } from './live';
import { StaleNotice } from './StaleNotice';
import { StateHeadings } from './StateHeadings';
import { MovementHistory } from './MovementHistory';
import { OpenOrders } from './OpenOrders';
import { availabilityTone, DEFAULT_LOW_STOCK, movementLabel, stateGroups, states, totalsOf, type Totals } from './stock';
import styles from './Inventory.module.css';

export function ProductView({ sku }: { sku: string }) {
  const isBrowser = useIsBrowser();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: ProductDetailDocument, variables: { sku }, pause: !isBrowser });
  const product = data?.product;
  const { put, merge } = useLiveLevels();
  const { flash, flashOf } = useFlash();
  const [lastChange, setLastChange] = useState<Announcement | null>(null);
  const stale = useMaybeStale();
  // Movements that arrived live, newest first; `history` restarts the list after a drop (it is read again).
  const [liveMovements, setLiveMovements] = useState<ProductMovementFieldsFragment[]>([]);
  const [history, setHistory] = useState(0);
  // Availability and open orders are worked out by the API from the levels: read again after changes.
  const [availabilityVersion, setAvailabilityVersion] = useState(0);
  const [ordersVersion, setOrdersVersion] = useState(0);
  const refreshAvailability = useThrottled(() => setAvailabilityVersion((n) => n + 1), 1_000);
  const refreshOrders = useThrottled(() => setOrdersVersion((n) => n + 1), 3_000);

  useStockChanges({
    skus: [sku],
    pause: !product,
    onChange: (change) => {
      put(change.level);
      flash(change.level.id);
      flash(change.movement.id);
      setLiveMovements((current) => [change.movement, ...current.filter((movement) => movement.id !== change.movement.id)]);
      setLastChange({
        at: change.occurredAt,
        text: `${movementLabel(change.movement.type)} at ${change.level.location.code}: now ${formatInteger(change.level.onHand)} on hand, ${formatInteger(change.level.available)} available there`,
      });
      refreshAvailability();
      refreshOrders();
    },
    onStale: () => {
      reexecute({ requestPolicy: 'network-only' });
      setLiveMovements([]);
      setHistory((n) => n + 1);
      setAvailabilityVersion((n) => n + 1);
      setOrdersVersion((n) => n + 1);
    },
  });

  const levels = useMemo(() => (product ? merge(product.id, product.inventory.levels) : []), [product, merge]);
  const totals = totalsOf(levels);

  if (data && !product) {
    return (
      <>
        <BackLink />
        <PageHeader eyebrow="Product" title={sku}>
          No product has this SKU. Search for it on the <Link href={`/inventory?q=${encodeURIComponent(sku)}`}>inventory board</Link>.
        </PageHeader>
      </>
    );
  }

  return (
    <>
      <BackLink />
      <PageHeader eyebrow="Product" title={product?.name ?? sku}>
        {product ? (
          <span className={styles.productMeta}>
            <span>
              SKU <code className={styles.metaCode}>{product.sku}</code>
            </span>
            <span>unit {product.unitOfMeasure}</span>
            <span>list price {formatMoney(product.price.amount, product.price.currencyCode)}</span>
            <span>unit cost {formatMoney(product.unitCost.amount, product.unitCost.currencyCode)}</span>
          </span>
        ) : error ? null : (
          'Loading…'
        )}
      </PageHeader>

      {error && !data && (
        <div className={styles.alert} role="alert">
          <strong>This product could not be loaded.</strong> {error.message}
          <button type="button" className={styles.button} onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            Try again
          </button>
        </div>
      )}

      {product && (
        <div data-stale={stale || undefined} className={styles.live}>
          <StaleNotice stale={stale} />
          <Tiles totals={totals} />

          <section className={styles.section} aria-labelledby="levels-title">
            <div className={styles.sectionHeader}>
              <h2 id="levels-title" className={styles.sectionTitle}>
                Stock by location
              </h2>
              <LastChange change={lastChange} />
            </div>
            <table className={`${styles.table} ${styles.levelsTable}`} aria-busy={fetching} data-testid="product-levels">
              <caption className={styles.srOnly}>Stock of {product.name} at each location, in every state</caption>
              <StateHeadings
                leading={
                  <th scope="col" rowSpan={2}>
                    Location
                  </th>
                }
              />
              <tbody>
                {levels.length === 0 && (
                  <tr>
                    <td colSpan={1 + states.length} className={styles.empty}>
                      Not stocked at any location yet.
                    </td>
                  </tr>
                )}
                {levels.map((level) => (
                  <tr key={level.id} data-location={level.location.code} data-flash={flashOf(level.id)}>
                    <th scope="row" className={styles.locationCell}>
                      <span className={styles.locationCode}>{level.location.code}</span>
                      <span className={styles.locationName}>{level.location.name}</span>
                    </th>
                    <Figures values={level} />
                  </tr>
                ))}
              </tbody>
              {levels.length > 1 && (
                <tfoot>
                  <tr data-location="all">
                    <th scope="row" className={styles.locationCell}>
                      All locations
                    </th>
                    <Figures values={totals} />
                  </tr>
                </tfoot>
              )}
            </table>
          </section>

          <section className={styles.section} aria-labelledby="availability-title">
            <div className={styles.sectionHeader}>
              <h2 id="availability-title" className={styles.sectionTitle}>
                Available to promise, by channel
              </h2>
              <p className={styles.sectionNote}>What each channel may sell now, and how the API gets there.</p>
            </div>
            <ul className={styles.channels}>
              {data.channels.map((channel) => (
                <ChannelAvailability key={channel.code} sku={product.sku} channel={channel} version={availabilityVersion} />
              ))}
            </ul>
          </section>

          <OpenOrders sku={product.sku} version={ordersVersion} />

          <MovementHistory key={history} sku={product.sku} live={liveMovements} flashOf={flashOf} />
        </div>
      )}
    </>
  );
}

function BackLink() {
  return (
    <p className={styles.back}>
      <Link href="/inventory">← Inventory board</Link>
    </p>
  );
}

function Figures({ values }: { values: Totals }) {
  return (
    <>
      {stateGroups.flatMap((group) =>
        group.states.map((state, j) => {
          const value = values[state.key];
          return (
            <td
              key={state.key}
              data-state={state.key}
              data-tone={state.key === 'available' ? availabilityTone(value, DEFAULT_LOW_STOCK) : undefined}
              className={`${styles.figure} ${j === 0 ? styles.groupStart : ''} ${value === 0 ? styles.zero : ''} ${state.key === 'available' ? styles.available : ''}`}
            >
              {formatInteger(value)}
            </td>
          );
        }),
      )}
    </>
  );
}

function Tiles({ totals }: { totals: Totals }) {
  const heldApart = totals.qualityHold + totals.damaged + totals.returnPending;
  const tiles = [
    { id: 'available', label: 'Available', value: totals.available, note: 'across every location', tone: availabilityTone(totals.available, DEFAULT_LOW_STOCK) },
    { id: 'onHand', label: 'On hand', value: totals.onHand, note: 'sellable, reserved included' },
    { id: 'reserved', label: 'Reserved', value: totals.reserved, note: 'held for open orders' },
    { id: 'inTransit', label: 'In transit', value: totals.inTransit, note: 'transferred, not received yet' },
    {
      id: 'heldApart',
      label: 'Held apart',
      value: heldApart,
      note: `${formatInteger(totals.qualityHold)} quality hold · ${formatInteger(totals.damaged)} damaged · ${formatInteger(totals.returnPending)} return pending`,
    },
  ];
  return (
    <ul className={styles.tiles} aria-label="Totals across every location">
      {tiles.map((tile) => (
        <li key={tile.id} className={styles.tile} data-tile={tile.id} data-tone={tile.tone}>
          <span className={styles.tileLabel}>{tile.label}</span>
          <span className={styles.tileValue}>{formatInteger(tile.value)}</span>
          <span className={styles.tileNote}>{tile.note}</span>
        </li>
      ))}
    </ul>
  );
}
