import type { OverviewQuery } from '../../gql/graphql';
import { formatHours, formatInteger, formatPercent } from '../../lib/format';
import styles from './Overview.module.css';

type Overview = OverviewQuery['opsOverview'];

/**
 * The window's figures per channel, side by side: a real table (so screen readers walk it by row and column),
 * with each channel's share of orders drawn as a bar next to its count. The bar repeats the number beside it,
 * so it is hidden from assistive technology.
 */
export function ChannelTable({ overview, days }: { overview: Overview; days: number }) {
  const most = Math.max(1, ...overview.byChannel.map((c) => c.ordersPlaced));
  const total = overview.ordersPlaced;
  return (
    <div className={styles.tableScroll}>
      <table className={styles.table}>
        <caption className={styles.visuallyHidden}>Figures per channel, last {days} days; backorders and open exceptions as of now</caption>
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col" className={styles.barColumn}>
              Orders placed
            </th>
            <th scope="col" className={styles.num}>
              Share
            </th>
            <th scope="col" className={styles.num}>
              Fill rate
            </th>
            <th scope="col" className={styles.num}>
              Perfect orders
            </th>
            <th scope="col" className={styles.num}>
              Cycle time
            </th>
            <th scope="col" className={styles.num}>
              Backordered units
            </th>
            <th scope="col" className={styles.num}>
              Open exceptions
            </th>
          </tr>
        </thead>
        <tbody>
          {overview.byChannel.map((row) => (
            <tr key={row.channel.code}>
              <th scope="row">
                <span className={styles.channelName}>{row.channel.name}</span>{' '}
                <code className={styles.channelCode}>{row.channel.code}</code>
              </th>
              <td className={styles.barColumn}>
                <span className={styles.barCell}>
                  <span className={styles.barTrack} aria-hidden="true">
                    <span className={styles.barFill} style={{ width: `${(row.ordersPlaced / most) * 100}%` }} />
                  </span>
                  <span className={styles.barValue}>{formatInteger(row.ordersPlaced)}</span>
                </span>
              </td>
              <td className={styles.num}>{total > 0 ? formatPercent(row.ordersPlaced / total, 0) : '–'}</td>
              <td className={styles.num}>{formatPercent(row.fillRate)}</td>
              <td className={styles.num}>{formatPercent(row.perfectOrderRate)}</td>
              <td className={styles.num}>{formatHours(row.orderCycleTimeHoursP50)}</td>
              <td className={styles.num}>{formatInteger(row.backorderedUnits)}</td>
              <td className={styles.num}>{formatInteger(row.openExceptions)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All channels</th>
            <td className={styles.barColumn}>
              <span className={styles.barCell}>
                <span className={styles.barTrack} aria-hidden="true" data-empty />
                <span className={styles.barValue}>{formatInteger(total)}</span>
              </span>
            </td>
            <td className={styles.num}>{total > 0 ? '100%' : '–'}</td>
            <td className={styles.num}>{formatPercent(overview.fillRate)}</td>
            <td className={styles.num}>{formatPercent(overview.perfectOrderRate)}</td>
            <td className={styles.num}>{formatHours(overview.orderCycleTimeHoursP50)}</td>
            <td className={styles.num}>{formatInteger(overview.backorderedUnits)}</td>
            <td className={styles.num}>{formatInteger(overview.openExceptions)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
