'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { getConnectionState, onReconnected, subscribeConnectionState } from '../../lib/urql';

/** Long enough for the gateway to have started following a subscription after its socket is live. */
const SETTLE_MS = 1_000;

/**
 * Calls `read` (a page's query) once its live data can be trusted to follow on from it:
 *
 * - a moment after the socket is live, on first connecting or when it already was: a subscription without a
 *   cursor follows changes from when the gateway set it up, and nothing gives a cursor for a query's snapshot,
 *   so a change committed between the snapshot and then would otherwise never show;
 * - a moment after it is live again after a drop (lib/urql's onReconnected): subscriptions resume from their
 *   cursor, and the query figures may have missed changes meanwhile.
 *
 * Returns the function that stops it.
 */
export function readWhenLive(read: () => void): () => void {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const soon = () => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      read();
    }, SETTLE_MS);
    timers.add(timer);
  };
  let everLive = getConnectionState() === 'live';
  if (everLive) soon();
  const stopFirst = subscribeConnectionState(() => {
    if (everLive || getConnectionState() !== 'live') return;
    everLive = true;
    soon();
  });
  const stopReconnected = onReconnected(soon);
  return () => {
    stopFirst();
    stopReconnected();
    timers.forEach(clearTimeout);
  };
}

/**
 * True while the live connection is down after having been up: what the page shows may be missing changes
 * until it is back (then `readWhenLive` reads it again and the subscriptions resume).
 */
export function useConnectionLost(): boolean {
  const state = useSyncExternalStore(subscribeConnectionState, getConnectionState, () => 'idle' as const);
  const [wasLive, setWasLive] = useState(false);
  useEffect(() => {
    if (state === 'live') setWasLive(true);
  }, [state]);
  return wasLive && (state === 'reconnecting' || state === 'offline');
}
