'use client';

import { useSyncExternalStore } from 'react';
import { getConnectionState, subscribeConnectionState, type ConnectionState } from '../lib/urql';
import styles from './AppShell.module.css';

/** What each state of the shared live-update socket (lib/urql.ts) means to the person looking at the screen. */
const states: Record<ConnectionState, { label: string; description: string }> = {
  idle: { label: 'Idle', description: 'this page needs no live updates' },
  connecting: { label: 'Connecting', description: 'opening the live connection to the API' },
  live: { label: 'Live', description: 'changes appear as they happen' },
  reconnecting: { label: 'Reconnecting', description: 'the connection dropped; nothing is lost, changes catch up when it is back' },
  offline: { label: 'Offline', description: 'the API cannot be reached; still retrying, what you see may be out of date' },
};

/** Server render and hydration see "idle": the socket only ever opens in the browser. */
const serverSnapshot = (): ConnectionState => 'idle';

export function ConnectionIndicator() {
  const state = useSyncExternalStore(subscribeConnectionState, getConnectionState, serverSnapshot);
  const { label, description } = states[state];
  return (
    <span
      className={styles.connection}
      data-state={state}
      role="status"
      aria-label={`Live updates: ${label}, ${description}`}
      title={`Live updates: ${description}`}
    >
      <span className={styles.connectionDot} aria-hidden="true" />
      {label}
    </span>
  );
}
