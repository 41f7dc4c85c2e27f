'use client';

import { useEffect, useState } from 'react';
import { formatDateTime } from './time';
import styles from './Actions.module.css';

/** Said while the live connection is down: since when what is shown may be behind, and that it will catch up. */
export function ConnectionLost({ lost, what }: { lost: boolean; what: string }) {
  const [since, setSince] = useState<string | null>(null);
  useEffect(() => setSince(lost ? new Date().toISOString() : null), [lost]);
  if (!lost) return null;
  return (
    <p className={styles.connectionLost} role="alert">
      <strong>Connection lost</strong>
      {since ? ` at ${formatDateTime(since)}` : ''}: {what} may be missing changes made since. It catches up as soon as the
      connection is back.
    </p>
  );
}
