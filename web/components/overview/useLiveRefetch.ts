'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useSubscription } from 'urql';
import { OverviewExceptionChangedDocument, OverviewStockChangedDocument } from '../../gql/graphql';
import { onReconnected } from '../../lib/urql';

/** False while rendering on the server and hydrating, true afterwards: the gateway is only called from the browser. */
export function useIsBrowser(): boolean {
  return useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
}

/**
 * Runs `run` at most once per `intervalMs`: the first request runs at once, requests within the interval after
 * it are folded into one run at its end (so the last change is never left unshown).
 */
export function createThrottle(run: () => void, intervalMs: number) {
  let lastRun = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    lastRun = Date.now();
    run();
  };
  return {
    request() {
      if (timer) return;
      const wait = lastRun + intervalMs - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** How long an ended subscription waits before it starts again (from now, after a refetch). */
const RESTART_AFTER_MS = 5_000;

/**
 * Keeps query figures current: subscribes to exception and stock changes (the documents in
 * schema/operations/OverviewLive.graphql, resumed from their cursor by lib/urql after a drop) and calls
 * `refetch` when one arrives, at most once per `intervalMs`, and when the connection is back after a drop.
 *
 * A subscription the gateway ends with an error lib/urql does not resume (CURSOR_EXPIRED after a long
 * outage, say) starts again a few seconds later from now, after a refetch: the figures then include whatever it
 * missed. (The connection indicator in the top bar tells the reader whether changes are flowing.)
 */
export function useLiveRefetch(refetch: () => void, intervalMs = 2_000): void {
  const isBrowser = useIsBrowser();
  const [exceptions, restartExceptions] = useSubscription({ query: OverviewExceptionChangedDocument, pause: !isBrowser });
  const [stock, restartStock] = useSubscription({ query: OverviewStockChangedDocument, pause: !isBrowser });

  const refetchRef = useRef(refetch);
  useEffect(() => {
    refetchRef.current = refetch;
  }, [refetch]);
  const throttle = useRef<ReturnType<typeof createThrottle>>(null);
  throttle.current ??= createThrottle(() => refetchRef.current(), intervalMs);

  // Each event is a new `data` object: one effect run per render that saw one (a burst folds into one render).
  useEffect(() => {
    if (exceptions.data) throttle.current?.request();
  }, [exceptions.data]);
  useEffect(() => {
    if (stock.data) throttle.current?.request();
  }, [stock.data]);
  useEffect(() => onReconnected(() => throttle.current?.request()), []);
  useEffect(() => () => throttle.current?.cancel(), []);

  useEffect(() => {
    if (!exceptions.error) return;
    const timer = setTimeout(() => {
      throttle.current?.request();
      restartExceptions();
    }, RESTART_AFTER_MS);
    return () => clearTimeout(timer);
  }, [exceptions.error, restartExceptions]);
  useEffect(() => {
    if (!stock.error) return;
    const timer = setTimeout(() => {
      throttle.current?.request();
      restartStock();
    }, RESTART_AFTER_MS);
    return () => clearTimeout(timer);
  }, [stock.error, restartStock]);
}
