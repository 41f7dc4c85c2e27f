'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useClient, useQuery } from 'urql';
import { ExceptionQueueChangedDocument, OrderPageDocument, type OrderPageOrderFragment } from '../../gql/graphql';
import { formatInteger, formatMoney, formatRelative, MISSING } from '../../lib/format';
import { PageHeader } from '../PageHeader';
import { ConnectionLost } from './ConnectionLost';
import { readWhenLive, useConnectionLost } from './live';
import { OrderActions } from './OrderActions';
import { OrderStatusBadge, SlaBadge } from './Badges';
import { causeLabel, channelKindLabel, exceptionStatusLabel, humanize, orderStatusLabel } from './labels';
import { formatDateTime, formatFullDateTime, slaStanding, useNow } from './time';
import styles from './OrderView.module.css';

type Order = OrderPageOrderFragment;

/** False while rendering on the server and hydrating: the gateway is only called from the browser. */
function useIsBrowser(): boolean {
  return useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
}

/** An exact decimal string times a whole number, as a decimal string with the same places: ("37.87", 6) → "227.22". */
export function multiplyDecimal(amount: string, quantity: number): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) return '';
  const [, sign, whole, fraction = ''] = match;
  const product = BigInt(`${whole}${fraction}`) * BigInt(quantity);
  const digits = product.toString().padStart(fraction.length + 1, '0');
  const cut = digits.length - fraction.length;
  return `${sign}${digits.slice(0, cut)}${fraction ? `.${digits.slice(cut)}` : ''}`;
}

/**
 * One order: who and what, where its stock comes from, every status change with who, when, why and which rule,
 * its exceptions, shipments and returns. `idOrNumber` is the route's segment: an id (ord_...) or a number (SO-...).
 */
export function OrderView({ idOrNumber }: { idOrNumber: string }) {
  const isBrowser = useIsBrowser();
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: OrderPageDocument,
    variables: { id: idOrNumber, number: idOrNumber },
    pause: !isBrowser,
  });
  const order = data?.order ?? data?.orderByNumber ?? null;
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  useLiveOrder(order?.id ?? null, refetch, isBrowser);
  const connectionLost = useConnectionLost();

  if (!order) {
    const missing = Boolean(data) && !fetching;
    return (
      <>
        <PageHeader eyebrow="Order" title={idOrNumber} />
        {error && (
          <p className={styles.alert} role="alert">
            The order could not be read: {error.networkError ? `the API could not be reached (${error.networkError.message})` : error.message}.{' '}
            <button type="button" className={styles.linkButton} onClick={refetch}>
              Try again
            </button>
          </p>
        )}
        {missing && !error && (
          <p className={styles.empty}>
            No order has the id or number <code>{idOrNumber}</code>. Orders are reached from the <Link href="/exceptions">exception queue</Link>.
          </p>
        )}
        {!missing && !error && <p className={styles.muted}>Loading the order…</p>}
      </>
    );
  }

  return (
    <>
      <PageHeader eyebrow="Order" title={order.number}>
        {order.channel.name} order from {order.customer.name}, placed {formatDateTime(order.createdAt)}.
      </PageHeader>
      {error && (
        <p className={styles.alert} role="alert">
          Showing the order as last read: reading it again failed ({error.message}).
        </p>
      )}
      <div className={styles.banner}>
        <ConnectionLost lost={connectionLost} what="this order" />
      </div>
      <Summary order={order} onChanged={refetch} />
      <div className={styles.layout}>
        <div className={styles.mainColumn}>
          <Lines order={order} />
          <Exceptions order={order} />
          <Shipments order={order} />
          <Returns order={order} />
        </div>
        <Timeline order={order} />
      </div>
    </>
  );
}

/**
 * Keeps the order current: reads it again when one of its exceptions changes (opened, assigned, resolved,
 * breached: what approvals, holds, releases and cancellations do), once the subscription is surely following,
 * and when the live connection is back after a drop. The API has no subscription for an order's other status
 * changes (pick, pack, ship, deliver).
 */
function useLiveOrder(orderId: string | null, refetch: () => void, isBrowser: boolean) {
  const client = useClient();
  const refetchRef = useRef(refetch);
  useEffect(() => {
    refetchRef.current = refetch;
  }, [refetch]);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!isBrowser || !orderId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => refetchRef.current(), 300);
    };
    const subscription = client.subscription(ExceptionQueueChangedDocument, {}).subscribe((result) => {
      if (result.error) {
        // The stream ended: subscribe again shortly, and read the order again then.
        clearTimeout(retry);
        retry = setTimeout(() => setAttempt((n) => n + 1), 5_000);
        return;
      }
      if (result.data?.orderExceptionChanged.exception.order.id === orderId) soon();
    });
    const stop = readWhenLive(soon);
    if (attempt > 0) soon();
    return () => {
      clearTimeout(timer);
      clearTimeout(retry);
      stop();
      subscription.unsubscribe();
    };
  }, [client, orderId, isBrowser, attempt]);
}

function Section({ title, count, id, children, aside }: { title: string; count?: number; id: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className={styles.card} aria-labelledby={id}>
      <header className={styles.cardHeader}>
        <h2 id={id} className={styles.cardTitle}>
          {title}
          {count !== undefined && <span className={styles.count}>{formatInteger(count)}</span>}
        </h2>
        {aside}
      </header>
      {children}
    </section>
  );
}

function Summary({ order, onChanged }: { order: Order; onChanged: () => void }) {
  const units = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  return (
    <section className={`${styles.card} ${styles.summary}`} aria-label="Summary">
      <dl className={styles.facts}>
        <div>
          <dt>Status</dt>
          <dd>
            <OrderStatusBadge status={order.status} />
          </dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd className={styles.total}>{formatMoney(order.total.amount, order.total.currencyCode)}</dd>
          <dd className={styles.factNote}>
            {formatInteger(units)} {units === 1 ? 'unit' : 'units'} on {formatInteger(order.lines.length)} {order.lines.length === 1 ? 'line' : 'lines'}
          </dd>
        </div>
        <div>
          <dt>Channel</dt>
          <dd>{order.channel.name}</dd>
          <dd className={styles.factNote}>{channelKindLabel(order.channel.kind)}</dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>{order.customer.name}</dd>
          <dd className={styles.factNote}>{order.customer.email}</dd>
        </div>
        <div>
          <dt>Ship to</dt>
          <dd>{order.shipTo.line1}</dd>
          <dd className={styles.factNote}>
            {order.shipTo.city} {order.shipTo.postalCode}, {order.shipTo.country}
          </dd>
        </div>
        <div>
          <dt>Placed</dt>
          <dd title={formatFullDateTime(order.createdAt)}>{formatDateTime(order.createdAt)}</dd>
          <dd className={styles.factNote}>{formatRelative(order.createdAt)}</dd>
        </div>
        <div>
          <dt>Risk signals</dt>
          <dd className={styles.signals}>
            {order.riskSignals.length === 0 ? (
              <span className={styles.none}>None</span>
            ) : (
              order.riskSignals.map((signal) => (
                <code key={signal} className={styles.signal}>
                  {signal}
                </code>
              ))
            )}
          </dd>
        </div>
      </dl>
      <OrderActions order={order} onChanged={onChanged} />
    </section>
  );
}

function Lines({ order }: { order: Order }) {
  const currency = order.total.currencyCode;
  // Allocations by node: the units each location holds for this order, over all its lines.
  const byLocation = new Map<string, { code: string; name: string; units: number; lines: number }>();
  for (const line of order.lines) {
    for (const allocation of line.allocations) {
      const at = byLocation.get(allocation.location.code) ?? { code: allocation.location.code, name: allocation.location.name, units: 0, lines: 0 };
      at.units += allocation.quantity;
      at.lines += 1;
      byLocation.set(at.code, at);
    }
  }
  const nodes = [...byLocation.values()].sort((a, b) => b.units - a.units || a.code.localeCompare(b.code));
  const noAllocation =
    order.status === 'BACKORDERED'
      ? 'Waiting for stock'
      : order.status === 'CANCELLED'
        ? 'Released (cancelled)'
        : order.status === 'SHIPPED' || order.status === 'DELIVERED'
          ? 'Shipped'
          : 'Not allocated';
  return (
    <Section title="Lines" count={order.lines.length} id="order-lines">
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col" className={styles.num}>
                Qty
              </th>
              <th scope="col" className={styles.num}>
                Unit price
              </th>
              <th scope="col" className={styles.num}>
                Line total
              </th>
              <th scope="col">Allocated from</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => (
              <tr key={line.id} data-line-sku={line.sku}>
                <td>
                  <Link href={`/inventory/${encodeURIComponent(line.sku)}`} className={styles.productLink}>
                    {line.product.name}
                  </Link>
                  <div className={styles.sku}>{line.sku}</div>
                </td>
                <td className={styles.num}>{formatInteger(line.quantity)}</td>
                <td className={styles.num}>{formatMoney(line.unitPrice.amount, line.unitPrice.currencyCode)}</td>
                <td className={styles.num}>{formatMoney(multiplyDecimal(line.unitPrice.amount, line.quantity), line.unitPrice.currencyCode)}</td>
                <td>
                  {line.allocations.length === 0 ? (
                    <span className={styles.none}>{noAllocation}</span>
                  ) : (
                    <ul className={styles.allocations}>
                      {line.allocations.map((allocation) => (
                        <li key={allocation.location.code} className={styles.allocation} title={`${allocation.location.name} (${humanize(allocation.location.kind)})`}>
                          <span className={styles.locationCode}>{allocation.location.code}</span>
                          <span className={styles.allocationQty}>× {formatInteger(allocation.quantity)}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3} className={styles.num}>
                Order total
              </th>
              <td className={`${styles.num} ${styles.strong}`}>{formatMoney(order.total.amount, currency)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <div className={styles.nodes}>
        <h3 className={styles.subTitle}>Allocations by location</h3>
        {nodes.length === 0 ? (
          <p className={styles.none}>No stock is held for this order ({noAllocation.toLowerCase()}).</p>
        ) : (
          <ul className={styles.nodeList}>
            {nodes.map((node) => (
              <li key={node.code} className={styles.node} data-location={node.code}>
                <span className={styles.locationCode}>{node.code}</span>
                <span className={styles.nodeName}>{node.name}</span>
                <span className={styles.nodeUnits}>
                  {formatInteger(node.units)} {node.units === 1 ? 'unit' : 'units'} · {formatInteger(node.lines)} {node.lines === 1 ? 'line' : 'lines'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Section>
  );
}

function Timeline({ order }: { order: Order }) {
  return (
    <section className={`${styles.card} ${styles.timelineCard}`} aria-labelledby="order-history">
      <header className={styles.cardHeader}>
        <h2 id="order-history" className={styles.cardTitle}>
          Status history
          <span className={styles.count}>{formatInteger(order.history.length)}</span>
        </h2>
      </header>
      <ol className={styles.timeline}>
        {order.history.map((step, i) => (
          <li key={i} className={styles.step} data-to={step.to}>
            <span className={styles.stepDot} aria-hidden="true" />
            <div className={styles.stepHead}>
              {step.from ? (
                <>
                  <span className={styles.stepFrom}>{orderStatusLabel(step.from)}</span>
                  <span aria-label="to" className={styles.arrow}>
                    →
                  </span>
                </>
              ) : null}
              <OrderStatusBadge status={step.to} />
            </div>
            <div className={styles.stepMeta}>
              <time dateTime={step.at} title={formatFullDateTime(step.at)}>
                {formatDateTime(step.at)}
              </time>{' '}
              · by <span className={styles.actor}>{step.actor}</span>
            </div>
            {step.reason && <p className={styles.stepReason}>{step.reason}</p>}
            {step.rule && (
              <p className={styles.stepRule}>
                rule <code>{step.rule}</code>
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Exceptions({ order }: { order: Order }) {
  const now = useNow(30_000);
  const open = order.exceptions.filter((e) => e.status !== 'RESOLVED').length;
  return (
    <Section
      title="Exceptions"
      count={order.exceptions.length}
      id="order-exceptions"
      aside={open > 0 ? <Link href="/exceptions" className={styles.headerLink}>{formatInteger(open)} open: work them in the queue</Link> : undefined}
    >
      {order.exceptions.length === 0 ? (
        <p className={styles.none}>None: nothing about this order has needed a person.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Cause</th>
                <th scope="col">Status</th>
                <th scope="col">Opened</th>
                <th scope="col">SLA</th>
                <th scope="col">Assignee</th>
                <th scope="col">Resolution</th>
              </tr>
            </thead>
            <tbody>
              {order.exceptions.map((exception) => {
                const sla = now === null ? null : slaStanding(exception, now);
                return (
                  <tr key={exception.id} data-exception-id={exception.id}>
                    <td className={styles.strong}>{causeLabel(exception.cause)}</td>
                    <td>
                      {exceptionStatusLabel(exception.status)}
                      {exception.breached && <div className={styles.breached}>breached its SLA</div>}
                    </td>
                    <td title={formatFullDateTime(exception.openedAt)}>{formatDateTime(exception.openedAt)}</td>
                    <td title={`Due ${formatFullDateTime(exception.slaDueAt)}`}>
                      {sla && sla.tone !== 'done' ? (
                        <span className={styles.sla}>
                          <SlaBadge tone={sla.tone} label={sla.label} /> {sla.text}
                        </span>
                      ) : (
                        <span className={styles.muted}>due {formatDateTime(exception.slaDueAt)}</span>
                      )}
                    </td>
                    <td>{exception.assignee ?? <span className={styles.none}>Unassigned</span>}</td>
                    <td className={styles.resolution}>
                      {exception.resolvedAt ? (
                        <>
                          {exception.resolution ?? 'Resolved'}
                          <div className={styles.muted}>
                            {formatDateTime(exception.resolvedAt)}
                            {exception.resolvedBy ? ` · by ${exception.resolvedBy}` : ''}
                          </div>
                        </>
                      ) : (
                        <span className={styles.none}>{MISSING}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function Shipments({ order }: { order: Order }) {
  return (
    <Section title="Shipments" count={order.shipments.length} id="order-shipments">
      {order.shipments.length === 0 ? (
        <p className={styles.none}>Not shipped yet.</p>
      ) : (
        <ul className={styles.plainList}>
          {order.shipments.map((shipment) => (
            <li key={shipment.id} className={styles.shipment}>
              <span className={styles.strong}>{shipment.carrier}</span>
              <code className={styles.tracking}>{shipment.trackingNumber}</code>
              <span className={styles.muted} title={formatFullDateTime(shipment.shippedAt)}>
                shipped {formatDateTime(shipment.shippedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Returns({ order }: { order: Order }) {
  return (
    <Section title="Returns" count={order.returns.length} id="order-returns">
      {order.returns.length === 0 ? (
        <p className={styles.none}>No returns.</p>
      ) : (
        <ul className={styles.plainList}>
          {order.returns.map((ret) => (
            <li key={ret.id} className={styles.return} data-return={ret.number}>
              <div className={styles.returnHead}>
                <span className={styles.strong}>{ret.number}</span>
                <span className={styles.returnStatus}>{humanize(ret.status)}</span>
                <span className={styles.muted}>requested {formatDateTime(ret.createdAt)}</span>
                {ret.refund && (
                  <span className={styles.refund}>
                    Refund {formatMoney(ret.refund.amount.amount, ret.refund.amount.currencyCode)} · {humanize(ret.refund.status)}
                  </span>
                )}
              </div>
              <ul className={styles.returnLines}>
                {ret.lines.map((line) => (
                  <li key={line.orderLine.id}>
                    <code className={styles.sku}>{line.orderLine.sku}</code> × {formatInteger(line.quantity)} · {humanize(line.reason)}
                    {line.disposition ? ` → ${humanize(line.disposition)}` : ' · not inspected yet'}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
