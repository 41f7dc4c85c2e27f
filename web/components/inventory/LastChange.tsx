'use client';

import { formatRelative } from '../../lib/format';
import { useNow } from './live';
import styles from './Inventory.module.css';

export type Announcement = { at: string; text: string };

/**
 * The latest stock change shown on the page, in words: what the highlight shows at a glance, for people who
 * missed it or do not see it (a polite live region, so screen readers hear each change once).
 */
export function LastChange({ change }: { change: Announcement | null }) {
  const now = useNow(15_000);
  return (
    <span className={styles.lastChange} role="status" aria-live="polite" aria-atomic="true" data-testid="last-change">
      {change ? (
        <>
          <span className={styles.lastChangeDot} aria-hidden="true" />
          <span>
            {change.text} <span className={styles.when}>({formatRelative(change.at, Math.max(now, Date.parse(change.at)))})</span>
          </span>
        </>
      ) : null}
    </span>
  );
}
