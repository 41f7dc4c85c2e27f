import { Client, cacheExchange, fetchExchange } from 'urql';

/**
 * The one place the web app learns where the gateway is. `NEXT_PUBLIC_*` variables are inlined into the
 * browser bundle at `next build`, so the value seen by users is the one present when the app was built.
 */
export const gatewayUrl = process.env.NEXT_PUBLIC_GATEWAY_URL || 'http://localhost:4000/graphql';

/** A fresh client; the provider creates one per browser session (never share one between server requests). */
export function createUrqlClient(): Client {
  return new Client({
    url: gatewayUrl,
    exchanges: [cacheExchange, fetchExchange],
    // POST with a JSON body: Apollo Server's CSRF protection rejects simple GET requests without a
    // preflight header, and the gateway reserves GET for persisted documents.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
  });
}
