'use client';

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useClient } from 'urql';
import {
  InventoryStockChangedDocument,
  type InventoryLevelFieldsFragment,
  type InventoryStockChangedSubscription,
} from '../../gql/graphql';
import { getConnectionState, onReconnected, subscribeConnectionState, type ConnectionState } from '../../lib/urql';

export type Level = InventoryLevelFieldsFragment;
export type StockChange = InventoryStockChangedSubscription['stockChanged'];

/** False while rendering on the server and hydrating, true afterwards: the gateway is only called from the browser. */
export function useIsBrowser(): boolean {
  return useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
}

/** The shared socket's state (lib/urql), "idle" while rendering on the server. */
export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(subscribeConnectionState, getConnectionState, () => 'idle');
}

/** True while the socket is down after having been up: figures on screen may be behind until it is back. */
export function useMaybeStale(): boolean {
  const state = useConnectionState();
  return state === 'reconnecting' || state === 'offline';
}

/** A subscription the gateway ended (CURSOR_EXPIRED after a long outage, say) starts again after this long. */
const RESTART_AFTER_MS = 3_000;

/**
 * Follows `stockChanged` (for `skus`, or every SKU when null) and calls `onChange` for each change, in order.
 * lib/urql resumes the subscription from its last cursor when the socket comes back, so nothing is missed while
 * it is away; `onStale` is for what queries loaded: it is called when the socket is live again after a drop,
 * and when a subscription the gateway ended starts again from now (changes in between may be missing).
 *
 * Changes are taken from urql's source one by one (not from `useSubscription`'s latest `data`), so a burst that
 * lands in one render loses none.
 */
export function useStockChanges(options: {
  skus: readonly string[] | null;
  pause?: boolean;
  onChange: (change: StockChange) => void;
  onStale: () => void;
}): void {
  const { skus, pause = false } = options;
  const client = useClient();
  const isBrowser = useIsBrowser();
  const callbacks = useRef(options);
  useEffect(() => {
    callbacks.current = options;
  });
  const [restarts, setRestarts] = useState(0);
  const skuKey = skus ? skus.join('\n') : null;

  useEffect(() => {
    if (!isBrowser || pause) return;
    const variables = skuKey === null ? {} : { skus: skuKey.split('\n') };
    let restart: ReturnType<typeof setTimeout> | undefined;
    const subscription = client.subscription(InventoryStockChangedDocument, variables).subscribe((result) => {
      if (result.data) callbacks.current.onChange(result.data.stockChanged);
      if (result.error) {
        clearTimeout(restart);
        restart = setTimeout(() => {
          callbacks.current.onStale();
          setRestarts((n) => n + 1);
        }, RESTART_AFTER_MS);
      }
    });
    return () => {
      clearTimeout(restart);
      subscription.unsubscribe();
    };
  }, [client, isBrowser, pause, skuKey, restarts]);

  useEffect(() => onReconnected(() => callbacks.current.onStale()), []);
}

/** The newer of two copies of one level: the later `updatedAt`; on a tie the second (an event's, read later). */
export function newerLevel(a: Level, b: Level): Level {
  return Date.parse(b.updatedAt) >= Date.parse(a.updatedAt) ? b : a;
}

/** Levels from events, kept (the most recent `limit`) so that a query answering later cannot show older figures. */
const LIVE_LEVELS_LIMIT = 5_000;

/**
 * Levels as queries loaded them, overlaid with the ones stock changes brought since: `merge(productId, levels)`
 * gives a product's levels with each replaced by the newer copy, plus levels it gained at new locations.
 */
export function useLiveLevels() {
  const live = useRef(new Map<string, Level>());
  const [version, setVersion] = useState(0);

  const put = useCallback((level: Level) => {
    const levels = live.current;
    const current = levels.get(level.id);
    const next = current ? newerLevel(current, level) : level;
    levels.delete(level.id); // re-inserted last: the map's order is least recently changed first
    levels.set(level.id, next);
    if (levels.size > LIVE_LEVELS_LIMIT) levels.delete(levels.keys().next().value!);
    setVersion((v) => v + 1);
  }, []);

  const merge = useCallback(
    (productId: string, loaded: readonly Level[]): Level[] => {
      void version; // re-created on every change, so memoised rows that depend on it are recomputed
      const byId = new Map(loaded.map((level) => [level.id, level]));
      for (const level of live.current.values()) {
        if (level.product.id !== productId) continue;
        const mine = byId.get(level.id);
        byId.set(level.id, mine ? newerLevel(mine, level) : level);
      }
      return [...byId.values()].sort((a, b) => a.location.code.localeCompare(b.location.code));
    },
    [version],
  );

  return { put, merge };
}

/** How long a changed row stays highlighted. */
export const FLASH_MS = 2_400;

/**
 * Brief highlights of what just changed: `flash(id)` marks it for FLASH_MS, `flashOf(id)` is `a` or `b` while
 * marked (alternating, so that a second change during the highlight restarts the CSS animation), else undefined.
 */
export function useFlash() {
  const [marks, setMarks] = useState<ReadonlyMap<string, 'a' | 'b'>>(new Map());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  const flash = useCallback((id: string) => {
    setMarks((current) => new Map(current).set(id, current.get(id) === 'a' ? 'b' : 'a'));
    clearTimeout(timers.current.get(id));
    timers.current.set(
      id,
      setTimeout(() => {
        timers.current.delete(id);
        setMarks((current) => {
          const next = new Map(current);
          next.delete(id);
          return next;
        });
      }, FLASH_MS),
    );
  }, []);

  const flashOf = useCallback((id: string) => marks.get(id), [marks]);
  return { flash, flashOf };
}

/**
 * Runs `run` at most once per `intervalMs`: the first request at once, the ones within the interval after it
 * folded into one run at its end (so the last change is never left unshown).
 */
export function useThrottled(run: () => void, intervalMs: number): () => void {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  const state = useRef<{ lastRun: number; timer?: ReturnType<typeof setTimeout> }>({ lastRun: -Infinity });
  useEffect(() => {
    const current = state.current;
    return () => clearTimeout(current.timer);
  }, []);
  return useCallback(() => {
    const current = state.current;
    if (current.timer) return;
    const fire = () => {
      current.timer = undefined;
      current.lastRun = Date.now();
      latest.current();
    };
    const wait = current.lastRun + intervalMs - Date.now();
    if (wait <= 0) fire();
    else current.timer = setTimeout(fire, wait);
  }, [intervalMs]);
}

/** The current time, refreshed every `everyMs`, for "5 minutes ago" that stays true while the page is open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
