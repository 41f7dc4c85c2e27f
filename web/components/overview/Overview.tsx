'use client';

import { useCallback, useState } from 'react';
import { useQuery, type CombinedError } from 'urql';
import { OverviewDocument, type OverviewQuery } from '../../gql/graphql';
import { formatHours, formatInteger, formatPercent, MISSING } from '../../lib/format';
import { gatewayUrl } from '../../lib/urql';
import { ChannelTable } from './ChannelTable';
import { formatDayRange, formatTimeOfDay, formatWeek } from './dates';
import { KpiGroup, type Kpi } from './KpiTiles';
import { useIsBrowser, useLiveRefetch } from './useLiveRefetch';
import { weekLabel, WeeklyChart } from './WeeklyChart';
import styles from './Overview.module.css';

type Overview = OverviewQuery['opsOverview'];

/** The window the headline figures cover (the API's default). */
const DAYS = 30;

export function Overview() {
  const isBrowser = useIsBrowser();
  const [{ data, error, fetching }, reexecute] = useQuery({
    // schema/operations/Overview.graphql
    query: OverviewDocument,
    variables: { days: DAYS },
    // Only from the browser: the server that renders the page may not reach the gateway the browser uses.
    pause: !isBrowser,
  });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  useLiveRefetch(refetch);

  // A failed refresh answers an error without data: keep showing the last figures, marked as out of date.
  const [lastShown, setLastShown] = useState<Overview>();
  if (data?.opsOverview && data.opsOverview !== lastShown) setLastShown(data.opsOverview);
  const overview = data?.opsOverview ?? lastShown;
  const loading = !overview && (!isBrowser || fetching || !error);

  return (
    <div className={styles.overview}>
      <p className={styles.asOf} aria-busy={loading}>
        {overview ? (
          <>
            Last {DAYS} days, {formatDayRange(overview.windowStart, overview.windowEnd)} · as of{' '}
            <time dateTime={overview.windowEnd}>{formatTimeOfDay(overview.windowEnd)}</time> · figures update as orders,
            exceptions and stock change
          </>
        ) : loading ? (
          'Loading the figures…'
        ) : (
          'No figures to show.'
        )}
      </p>

      {error && !overview && <Unreachable error={error} retry={refetch} />}
      {error && overview && <StaleWarning error={error} asOf={overview.windowEnd} />}

      <div className={styles.kpiRow}>
        <KpiGroup id="window" title={`Last ${DAYS} days`} kpis={windowKpis(overview)} busy={loading} />
        <KpiGroup id="now" title="Right now" kpis={nowKpis(overview)} busy={loading} />
      </div>

      {overview && (
        <>
          <Trend overview={overview} />
          <section className={styles.card} aria-labelledby="channels-title">
            <header className={styles.cardHeader}>
              <h2 id="channels-title" className={styles.cardTitle}>
                By channel
              </h2>
              <p className={styles.cardNote}>Last {DAYS} days; backordered units and open exceptions as of now.</p>
            </header>
            <ChannelTable overview={overview} days={DAYS} />
            <p className={styles.quiet}>Margin by channel arrives with finance.</p>
          </section>
          <Stock stock={overview.stock} />
        </>
      )}
    </div>
  );
}

function windowKpis(overview: Overview | undefined): Kpi[] {
  const o = overview;
  return [
    {
      id: 'fill-rate',
      label: 'Fill rate',
      value: o ? formatPercent(o.fillRate) : MISSING,
      context: o && `of ${formatInteger(o.unitsOrdered)} units ordered`,
      definition: 'Units filled from stock when first sourced, not backordered.',
    },
    {
      id: 'perfect-order-rate',
      label: 'Perfect orders',
      value: o ? formatPercent(o.perfectOrderRate) : MISSING,
      context: o && `of ${formatInteger(o.ordersShipped)} orders shipped`,
      definition: `Shipped within ${o?.onTimeShipWithinHours ?? 48} hours with no exception along the way.`,
    },
    {
      id: 'order-cycle-time',
      label: 'Order cycle time',
      value: o ? formatHours(o.orderCycleTimeHoursP50) : MISSING,
      context: o && `median of ${formatInteger(o.ordersShipped)} shipped`,
      definition: 'How long an order takes from placed to shipped.',
    },
    {
      id: 'return-rate',
      label: 'Return rate',
      value: o ? formatPercent(o.returnRate) : MISSING,
      context: o && `${formatInteger(o.unitsReturned)} units on ${formatInteger(o.returnsRequested)} returns`,
      definition: 'Units customers asked to return, per unit shipped.',
    },
  ];
}

function nowKpis(overview: Overview | undefined): Kpi[] {
  const o = overview;
  const pastDue = o?.openExceptionsPastDue ?? 0;
  return [
    {
      id: 'backordered-units',
      label: 'Backordered units',
      value: o ? formatInteger(o.backorderedUnits) : MISSING,
      context: o && `on ${formatInteger(o.backorderedOrders)} ${o.backorderedOrders === 1 ? 'order' : 'orders'}`,
      definition: 'Units owed to customers, waiting for stock to arrive.',
    },
    {
      id: 'open-exceptions',
      label: 'Open exceptions',
      href: '/exceptions',
      value: o ? formatInteger(o.openExceptions) : MISSING,
      context: o && (pastDue > 0 ? `${formatInteger(pastDue)} past due` : 'none past due'),
      tone: pastDue > 0 ? 'bad' : undefined,
      definition: 'Orders that need a person: risk review, hold, bad address, backorder, late.',
    },
  ];
}

/** "lowest 812 (week of Jan 6), highest 1,204 (week of Feb 3); last full week 1,043; this week so far 340". */
function describeSeries(weekStarts: string[], values: (number | null)[], format: (v: number) => string): string {
  const current = values.length - 1;
  const full = values
    .map((value, i) => ({ value, i }))
    .filter((p): p is { value: number; i: number } => p.value !== null && p.i !== current);
  if (full.length === 0) return 'nothing to measure yet';
  const low = full.reduce((a, b) => (b.value < a.value ? b : a));
  const high = full.reduce((a, b) => (b.value > a.value ? b : a));
  const parts = [
    `lowest ${format(low.value)} (${weekLabel(weekStarts[low.i]!, false)}), highest ${format(high.value)} (${weekLabel(weekStarts[high.i]!, false)})`,
  ];
  const lastFull = values[current - 1];
  if (lastFull !== null && lastFull !== undefined) parts.push(`last full week ${format(lastFull)}`);
  const now = values[current];
  if (now !== null && now !== undefined) parts.push(`this week so far ${format(now)}`);
  return parts.join('; ');
}

function Trend({ overview }: { overview: Overview }) {
  const weeks = overview.weeks;
  const weekStarts = weeks.map((w) => w.weekStart);
  const span = weeks.length
    ? `${weeks.length} weeks from the week of ${formatWeek(weekStarts[0]!)} to this week so far`
    : 'no weeks';
  const orders = weeks.map((w) => w.ordersPlaced);
  const fill = weeks.map((w) => w.fillRate ?? null);
  const perfect = weeks.map((w) => w.perfectOrderRate ?? null);
  const exceptions = weeks.map((w) => w.exceptionsOpened);
  const lastFull = weeks.at(-2);
  const percent = (v: number) => formatPercent(v, 0);

  return (
    <section className={styles.card} aria-labelledby="trend-title">
      <header className={styles.cardHeader}>
        <h2 id="trend-title" className={styles.cardTitle}>
          Last {weeks.length} weeks
        </h2>
        <p className={styles.cardNote}>Weeks start on Monday (UTC). The last one is this week so far, drawn lighter.</p>
      </header>
      <div className={styles.charts}>
        <WeeklyChart
          title="Orders placed"
          headline={lastFull ? <>Last full week <strong>{formatInteger(lastFull.ordersPlaced)}</strong></> : MISSING}
          kind="bar"
          scale="count"
          weekStarts={weekStarts}
          series={[{ label: 'Orders placed', values: orders, tone: 'primary' }]}
          format={formatInteger}
          description={`Orders placed per week, ${span}: ${describeSeries(weekStarts, orders, formatInteger)}.`}
        />
        <WeeklyChart
          title="Fill rate and perfect orders"
          headline={
            lastFull ? (
              <>
                Last full week <strong>{formatPercent(lastFull.fillRate)}</strong> filled,{' '}
                <strong>{formatPercent(lastFull.perfectOrderRate)}</strong> perfect
              </>
            ) : (
              MISSING
            )
          }
          kind="line"
          scale="ratio"
          weekStarts={weekStarts}
          series={[
            { label: 'Fill rate', values: fill, tone: 'primary' },
            { label: 'Perfect orders', values: perfect, tone: 'secondary' },
          ]}
          format={percent}
          description={
            `Fill rate and perfect order rate per week, ${span}. ` +
            `Fill rate: ${describeSeries(weekStarts, fill, formatPercent)}. ` +
            `Perfect order rate: ${describeSeries(weekStarts, perfect, formatPercent)}.`
          }
        />
        <WeeklyChart
          title="Exceptions opened"
          headline={lastFull ? <>Last full week <strong>{formatInteger(lastFull.exceptionsOpened)}</strong></> : MISSING}
          kind="bar"
          scale="count"
          weekStarts={weekStarts}
          series={[{ label: 'Exceptions opened', values: exceptions, tone: 'primary' }]}
          format={formatInteger}
          description={`Exceptions opened per week, ${span}: ${describeSeries(weekStarts, exceptions, formatInteger)}.`}
        />
      </div>
      <details className={styles.details}>
        <summary>Weekly figures as a table</summary>
        <div className={styles.tableScroll}>
          <table className={styles.table}>
            <caption className={styles.visuallyHidden}>Figures per week, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col" className={styles.num}>
                  Orders placed
                </th>
                <th scope="col" className={styles.num}>
                  Fill rate
                </th>
                <th scope="col" className={styles.num}>
                  Perfect orders
                </th>
                <th scope="col" className={styles.num}>
                  Exceptions opened
                </th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((week, i) => (
                <tr key={week.weekStart}>
                  <th scope="row">{i === weeks.length - 1 ? `${formatWeek(week.weekStart)} (so far)` : formatWeek(week.weekStart)}</th>
                  <td className={styles.num}>{formatInteger(week.ordersPlaced)}</td>
                  <td className={styles.num}>{formatPercent(week.fillRate)}</td>
                  <td className={styles.num}>{formatPercent(week.perfectOrderRate)}</td>
                  <td className={styles.num}>{formatInteger(week.exceptionsOpened)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function Stock({ stock }: { stock: Overview['stock'] }) {
  const figures = [
    { label: 'Available', value: formatInteger(stock.available), note: 'free to promise' },
    { label: 'Reserved', value: formatInteger(stock.reserved), note: 'held for orders' },
    { label: 'On hand', value: formatInteger(stock.onHand), note: 'at the locations' },
    { label: 'In transit', value: formatInteger(stock.inTransit), note: 'between locations' },
    {
      label: 'Out of stock',
      value: formatInteger(stock.productsOutOfStock),
      note: `of ${formatInteger(stock.products)} products, nothing available anywhere`,
    },
  ];
  return (
    <section className={styles.card} aria-labelledby="stock-title">
      <header className={styles.cardHeader}>
        <h2 id="stock-title" className={styles.cardTitle}>
          Stock now
        </h2>
        <p className={styles.cardNote}>Sellable units across every location.</p>
      </header>
      <dl className={styles.stock}>
        {figures.map((figure) => (
          <div key={figure.label} className={styles.stockFigure}>
            <dt>{figure.label}</dt>
            <dd>
              <span className={styles.stockValue}>{figure.value}</span>
              <span className={styles.stockNote}>{figure.note}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Unreachable({ error, retry }: { error: CombinedError; retry: () => void }) {
  return (
    <div className={styles.alert} role="alert">
      <strong>{error.networkError ? `The API does not answer at ${gatewayUrl}` : 'The API could not compute the overview'}</strong>
      {error.networkError ? (
        <p>
          Start it with <code>npm start</code> (or <code>docker compose up</code>); this page tries again when you ask.
        </p>
      ) : (
        <ul>
          {error.graphQLErrors.map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ul>
      )}
      <button type="button" className={styles.button} onClick={retry}>
        Try again
      </button>
    </div>
  );
}

function StaleWarning({ error, asOf }: { error: CombinedError; asOf: string }) {
  const messages = error.graphQLErrors.map((e) => e.message);
  return (
    <div className={`${styles.alert} ${styles.warning}`} role="alert">
      <strong>
        {error.networkError ? 'The API did not answer the last refresh' : 'The API answered the last refresh with errors'}: these
        are the figures as of {formatTimeOfDay(asOf)}.
      </strong>
      {messages.length > 0 && (
        <ul>
          {messages.map((message, i) => (
            <li key={i}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
