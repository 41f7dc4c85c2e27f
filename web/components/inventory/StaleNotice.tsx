'use client';

import styles from './Inventory.module.css';

/**
 * Shown while the live connection is down: the figures below stay on screen (dimmed) but may be behind. When the
 * connection is back, the page reads them again and the subscription replays what it missed.
 */
export function StaleNotice({ stale }: { stale: boolean }) {
  if (!stale) return null;
  return (
    <p className={styles.stale} role="alert">
      <strong>Connection lost.</strong> These figures may be out of date; they catch up as soon as it is back.
    </p>
  );
}
