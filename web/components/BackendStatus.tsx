'use client';

import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useQuery, type CombinedError } from 'urql';
import { BackendStatusDocument } from '../gql/graphql';
import { gatewayUrl } from '../lib/urql';
import styles from './BackendStatus.module.css';

const REFRESH_MS = 15_000;

/** False while rendering on the server and hydrating, true afterwards: the gateway is only queried from the browser. */
function useIsBrowser(): boolean {
  return useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
}

export function BackendStatus() {
  const isBrowser = useIsBrowser();
  const [{ data, error, fetching }, reexecute] = useQuery({
    // schema/operations/BackendStatus.graphql; result and variable types come with the generated document.
    query: BackendStatusDocument,
    pause: !isBrowser,
  });
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);

  useEffect(() => {
    if (!fetching && (data || error)) setCheckedAt(new Date());
  }, [fetching, data, error]);

  useEffect(() => {
    if (!isBrowser) return;
    const timer = setInterval(() => reexecute({ requestPolicy: 'network-only' }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [isBrowser, reexecute]);

  const unreachable = Boolean(error?.networkError) && !data;
  const state: 'checking' | 'down' | 'degraded' | 'up' = !isBrowser || (fetching && !data && !error)
    ? 'checking'
    : unreachable
      ? 'down'
      : error
        ? 'degraded'
        : 'up';

  return (
    <section className={styles.status} aria-labelledby="backend-status-title" aria-busy={state === 'checking'}>
      <header className={styles.header}>
        <div>
          <h2 id="backend-status-title" className={styles.title}>
            Backend status
          </h2>
          <p className={styles.endpoint}>
            Gateway <code>{gatewayUrl}</code>
          </p>
        </div>
        <div className={styles.actions}>
          <StatusPill state={state} />
          <button
            type="button"
            className={styles.refresh}
            onClick={() => reexecute({ requestPolicy: 'network-only' })}
            disabled={!isBrowser || fetching}
          >
            {fetching ? 'Checking…' : 'Refresh'}
          </button>
        </div>
      </header>

      {state === 'down' && (
        <div className={styles.alert} role="alert">
          <strong>Gateway not reachable at {gatewayUrl}</strong>
          <p>
            Start the backend with <code>npm start</code> (embedded database) or <code>docker compose up</code>,
            then refresh. Set <code>NEXT_PUBLIC_GATEWAY_URL</code> at build time to point the control tower
            elsewhere.
          </p>
          {error?.networkError?.message && <p className={styles.detail}>{error.networkError.message}</p>}
        </div>
      )}

      {state === 'degraded' && error && <GraphQLErrors error={error} />}

      {(state === 'up' || state === 'degraded') && data && (
        <div className={styles.grid}>
          <Panel title="Channels" count={data.channels?.length} empty="No channels yet.">
            {data.channels?.map((channel) => (
              <li key={channel.code} className={styles.row}>
                <span className={styles.cell}>
                  <span className={styles.primary}>{channel.name}</span>
                  <code className={styles.code}>{channel.code}</code>
                </span>
                <span className={styles.badge}>{channel.kind}</span>
                <span className={styles.meta} title="Lower wins when stock is scarce">
                  priority {channel.priority}
                </span>
              </li>
            ))}
          </Panel>
          <Panel title="Locations" count={data.locations?.length} empty="No locations yet.">
            {data.locations?.map((location) => (
              <li key={location.code} className={styles.row}>
                <span className={styles.cell}>
                  <span className={styles.primary}>{location.name}</span>
                  <code className={styles.code}>{location.code}</code>
                </span>
                <span className={styles.badge}>{location.kind}</span>
              </li>
            ))}
          </Panel>
          <Panel title="Products" subtitle="first 5 by SKU" count={data.products?.nodes.length} empty="No products yet.">
            {data.products?.nodes.map((product) => (
              <li key={product.sku} className={styles.row}>
                <span className={styles.cell}>
                  <span className={styles.primary}>{product.name}</span>
                  <code className={styles.code}>{product.sku}</code>
                </span>
              </li>
            ))}
          </Panel>
        </div>
      )}

      {state === 'checking' && <p className={styles.muted}>Contacting the gateway…</p>}

      <footer className={styles.footer}>
        {checkedAt ? `Last checked ${checkedAt.toLocaleTimeString()}` : 'Not checked yet'} · refreshes every{' '}
        {REFRESH_MS / 1000} s
      </footer>
    </section>
  );
}

function StatusPill({ state }: { state: 'checking' | 'down' | 'degraded' | 'up' }) {
  const label = { checking: 'Checking', down: 'Unreachable', degraded: 'Partial', up: 'Operational' }[state];
  return (
    <span className={`${styles.pill} ${styles[state]}`} role="status">
      <span className={styles.dot} aria-hidden="true" />
      {label}
    </span>
  );
}

function GraphQLErrors({ error }: { error: CombinedError }) {
  const messages = error.graphQLErrors.length
    ? error.graphQLErrors.map((e) => e.message)
    : [error.networkError?.message ?? error.message];
  return (
    <div className={`${styles.alert} ${styles.warning}`} role="alert">
      <strong>The gateway answered with errors</strong>
      <ul>
        {messages.map((message, i) => (
          <li key={i}>{message}</li>
        ))}
      </ul>
    </div>
  );
}

function Panel({
  title,
  subtitle,
  count,
  empty,
  children,
}: {
  title: string;
  subtitle?: string;
  count: number | undefined;
  empty: string;
  children: ReactNode;
}) {
  return (
    <div className={styles.panel}>
      <h3 className={styles.panelTitle}>
        {title}
        {subtitle && <span className={styles.panelSubtitle}>{subtitle}</span>}
        <span className={styles.count}>{count ?? '–'}</span>
      </h3>
      {count === undefined ? (
        <p className={styles.muted}>Not available.</p>
      ) : count === 0 ? (
        <p className={styles.muted}>{empty}</p>
      ) : (
        <ul className={styles.list}>{children}</ul>
      )}
    </div>
  );
}
