import { Client, cacheExchange, fetchExchange, subscriptionExchange, type ExecutionResult } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

/**
 * The one place the web app learns where the gateway is. `NEXT_PUBLIC_*` variables are inlined into the
 * browser bundle at `next build`, so the value seen by users is the one present when the app was built.
 */
export const gatewayUrl = process.env.NEXT_PUBLIC_GATEWAY_URL || 'http://localhost:4000/graphql';

/**
 * The gateway serves graphql-ws on the same path as HTTP, so the socket URL is the HTTP one with its scheme
 * swapped (http→ws, https→wss). `base` resolves a relative gateway URL (e.g. `/graphql` behind a proxy).
 */
export function toWebSocketUrl(httpUrl: string, base?: string): string {
  const url = new URL(httpUrl, base);
  url.protocol = url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:';
  return url.toString();
}

// ---------------------------------------------------------------------------------------------------------
// Connection state: a tiny external store (useSyncExternalStore-compatible) for a live/reconnecting/offline
// indicator. It describes the one shared socket, so it lives at module level like the socket itself.
// ---------------------------------------------------------------------------------------------------------

/**
 * - `idle`: no socket, because no subscription needs one yet (the client is lazy) or the last one ended.
 * - `connecting`: first attempt to open the socket.
 * - `live`: the gateway acknowledged the connection; subscription events flow.
 * - `reconnecting`: the socket dropped or an attempt failed; graphql-ws is retrying with backoff.
 * - `offline`: several attempts in a row failed (still retrying), or the client gave up for good.
 */
export type ConnectionState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Consecutive failed attempts after which "reconnecting" becomes "offline" (a blip is not an outage). */
const OFFLINE_AFTER_FAILURES = 3;

let connectionState: ConnectionState = 'idle';
const listeners = new Set<() => void>();

function setConnectionState(next: ConnectionState): void {
  if (next === connectionState) return;
  connectionState = next;
  for (const listener of listeners) listener();
}

export function getConnectionState(): ConnectionState {
  return connectionState;
}

/** Returns the unsubscribe function, as `useSyncExternalStore` expects. */
export function subscribeConnectionState(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

// ---------------------------------------------------------------------------------------------------------
// The WebSocket client: one per browser tab, created on the first subscription. Never on the server: server
// rendering and `next build` must not open sockets (and have no `window` to resolve a relative URL against).
// ---------------------------------------------------------------------------------------------------------

let wsClient: WsClient | undefined;
let failures = 0;
let activeSubscriptions = 0;

function isCloseEvent(value: unknown): value is { code: number } {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'number';
}

function getWsClient(): WsClient {
  wsClient ??= createWsClient({
    url: toWebSocketUrl(gatewayUrl, window.location.href),
    // Open the socket only while a subscription needs it, and close it when the last one ends.
    lazy: true,
    // A control-tower screen may stay open for days: never give up on a gateway restart or network outage.
    retryAttempts: Infinity,
    // By default graphql-ws retries only after a close event, but a refused connection (gateway down) surfaces
    // as an error event first and would end every subscription at once. Protocol-level fatal close codes
    // (4400, 4401, …) still end them: graphql-ws checks those before asking this.
    shouldRetry: () => true,
    // Exponential backoff capped at 30 s, with jitter so many tabs do not reconnect in lockstep.
    // (graphql-ws's default backoff is uncapped, which would grow to hours after a long outage.)
    retryWait: (retries) =>
      new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 30_000) + Math.random() * 1000)),
    on: {
      connecting: (isRetry) => {
        // Keep showing "offline" while retrying a long outage; only a successful connection clears it.
        if (connectionState !== 'offline') setConnectionState(isRetry ? 'reconnecting' : 'connecting');
      },
      connected: () => {
        failures = 0;
        setConnectionState('live');
      },
      closed: (event) => {
        // 1000 is a normal closure: the lazy client closing after the last subscription ended.
        if (isCloseEvent(event) && event.code === 1000) return setConnectionState('idle');
        failures += 1;
        setConnectionState(failures >= OFFLINE_AFTER_FAILURES ? 'offline' : 'reconnecting');
      },
      // A socket error is always followed by `closed`, which does the counting; just stop claiming "live".
      error: () => {
        if (connectionState === 'live') setConnectionState('reconnecting');
      },
    },
  });
  return wsClient;
}

/**
 * Where a subscription has got to: every subscription event carries a `cursor` (API.md), under the one root field.
 * Our subscription documents pass it back as `$after`.
 */
function cursorOf(data: Record<string, unknown> | null | undefined): string | undefined {
  const root = data ? Object.values(data)[0] : undefined;
  const cursor = root && typeof root === 'object' ? (root as { cursor?: unknown }).cursor : undefined;
  return typeof cursor === 'string' ? cursor : undefined;
}

/** Errors after which the gateway asks to subscribe again with the last cursor (README: "Live updates"). */
const RESUBSCRIBE_CODES = new Set(['SLOW_CONSUMER', 'SUPERGRAPH_RELOADED', 'SUBSCRIPTION_OVERLOADED']);

/**
 * urql's graphql-ws recipe, plus resumption: each event's cursor is written into the subscription's own `after`
 * variable, so when graphql-ws reconnects (it sends the same payload object again) or the gateway asks for a
 * new subscription, the stream continues right after the last event shown: nothing missed, nothing twice.
 */
const forwardSubscriptionsOverWebSocket = subscriptionExchange({
  forwardSubscription(request) {
    // urql types `query` as optional (persisted documents send only an id); graphql-ws requires a string.
    const payload = { ...request, query: request.query || '', variables: { ...request.variables } as Record<string, unknown> };
    return {
      subscribe(sink) {
        // During server rendering there is no live data to wait for: complete at once, and the browser
        // subscribes for real after hydration.
        if (typeof window === 'undefined') {
          sink.complete();
          return { unsubscribe: () => {} };
        }
        activeSubscriptions += 1;
        let released = false;
        const release = (abandoned: boolean) => {
          if (released) return;
          released = true;
          activeSubscriptions -= 1;
          // Abandoning a pending (re)connection emits no `closed` event, so settle the state here; a live
          // socket reports its own lazy close, and a gateway that refused us stays "offline".
          if (abandoned && activeSubscriptions === 0 && connectionState !== 'live') {
            failures = 0;
            setConnectionState('idle');
          }
        };
        // Type the result's extensions as urql's (graphql-ws defaults them to `unknown`).
        type Extensions = NonNullable<ExecutionResult['extensions']>;
        let dispose = () => {};
        let retry: ReturnType<typeof setTimeout> | undefined;
        const start = () => {
          dispose = getWsClient().subscribe<Record<string, unknown>, Extensions>(payload, {
            next: (result) => {
              const cursor = cursorOf(result.data);
              if (cursor) payload.variables.after = cursor;
              sink.next(result);
            },
            complete: () => {
              release(false);
              sink.complete();
            },
            error: (error) => {
              // An array is the gateway ending this one operation (GraphQL errors); anything else is the socket
              // failing in a way graphql-ws will not retry (fatal close code), so nothing is live.
              const codes = Array.isArray(error) ? error.map((e: { extensions?: { code?: unknown } }) => e.extensions?.code) : [];
              if (codes.length > 0 && codes.every((code) => RESUBSCRIBE_CODES.has(code as string))) {
                retry = setTimeout(start, 500);
                return;
              }
              if (!Array.isArray(error)) setConnectionState('offline');
              release(false);
              sink.error(error);
            },
          });
        };
        start();
        return {
          unsubscribe: () => {
            clearTimeout(retry);
            dispose();
            release(true);
          },
        };
      },
    };
  },
});

/**
 * Calls `listener` each time the socket is live again after a drop: figures loaded by queries may have missed
 * changes meanwhile (subscriptions replay theirs), so pages refetch them. Returns the unsubscribe function.
 */
export function onReconnected(listener: () => void): () => void {
  let dropped = connectionState === 'reconnecting' || connectionState === 'offline';
  return subscribeConnectionState(() => {
    if (connectionState === 'reconnecting' || connectionState === 'offline') dropped = true;
    else if (connectionState === 'live' && dropped) {
      dropped = false;
      listener();
    }
  });
}

/** A fresh client; the provider creates one per browser session (never share one between server requests). */
export function createUrqlClient(): Client {
  return new Client({
    url: gatewayUrl,
    // Subscriptions go over the WebSocket; fetchExchange leaves them alone unless `fetchSubscriptions` is set.
    exchanges: [cacheExchange, fetchExchange, forwardSubscriptionsOverWebSocket],
    // POST with a JSON body: Apollo Server's CSRF protection rejects simple GET requests without a
    // preflight header, and the gateway reserves GET for persisted documents.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
  });
}
