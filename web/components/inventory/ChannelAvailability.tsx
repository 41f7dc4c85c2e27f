'use client';

import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { ProductAvailabilityDocument, type ProductDetailQuery } from '../../gql/graphql';
import { formatInteger } from '../../lib/format';
import { useIsBrowser } from './live';
import { formatSigned } from './stock';
import styles from './Inventory.module.css';

type Channel = ProductDetailQuery['channels'][number];

const kinds: Record<Channel['kind'], string> = { DTC: 'Own store', MARKETPLACE: 'Marketplace', WHOLESALE: 'Wholesale' };

/**
 * One channel's available-to-promise for the product with the API's explanation, step by step. Read again when
 * `version` changes (the page bumps it after stock changes and after a dropped connection).
 */
export function ChannelAvailability({ sku, channel, version }: { sku: string; channel: Channel; version: number }) {
  const isBrowser = useIsBrowser();
  const [{ data, error }, reexecute] = useQuery({
    query: ProductAvailabilityDocument,
    variables: { sku, channel: channel.code },
    pause: !isBrowser,
  });
  const seen = useRef(version);
  useEffect(() => {
    if (version === seen.current) return;
    seen.current = version;
    reexecute({ requestPolicy: 'network-only' });
  }, [version, reexecute]);

  const explanation = data?.product?.explainAvailability;
  const titleId = `channel-${channel.code}-title`;
  return (
    <li className={styles.channel} aria-labelledby={titleId} data-channel={channel.code}>
      <div className={styles.channelHeader}>
        <h3 id={titleId} className={styles.channelName}>
          {channel.name}
          <span className={styles.channelKind}>
            {kinds[channel.kind] ?? channel.kind} · priority {channel.priority}
          </span>
        </h3>
        <p className={styles.channelValue} data-tone={explanation && explanation.available <= 0 ? 'out' : undefined}>
          <span data-testid="atp">{explanation ? formatInteger(explanation.available) : '–'}</span>
          <span className={styles.channelUnit}>to promise</span>
        </p>
      </div>
      {error && !explanation ? (
        <p className={styles.muted}>Could not be worked out: {error.message}</p>
      ) : explanation ? (
        <ol className={styles.steps}>
          {explanation.steps.map((step, i) => {
            const last = i === explanation.steps.length - 1;
            return (
              <li key={i} className={last ? styles.stepTotal : styles.step}>
                <span className={styles.stepLabel}>{step.label}</span>
                <span className={styles.stepValue}>{last ? formatInteger(step.quantity) : formatSigned(step.quantity)}</span>
              </li>
            );
          })}
        </ol>
      ) : (
        <p className={styles.muted}>Working it out…</p>
      )}
    </li>
  );
}
