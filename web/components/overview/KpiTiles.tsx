import Link from 'next/link';
import type { ReactNode } from 'react';
import styles from './Overview.module.css';

export type Kpi = {
  /** Stable id, for the definition the value points to (aria-describedby) and for tests. */
  id: string;
  label: string;
  /** Already formatted for people; `–` while loading. */
  value: string;
  /** What the figure means, in a sentence a newcomer understands. */
  definition: string;
  /** The count behind the figure, or what needs attention in it. */
  context?: ReactNode;
  /** `bad` draws attention to the context line (e.g. exceptions past their due time). */
  tone?: 'bad';
  /** Where to act on it. */
  href?: string;
};

export function KpiGroup({ id, title, kpis, busy }: { id: string; title: string; kpis: Kpi[]; busy: boolean }) {
  return (
    <section className={styles.kpiGroup} aria-labelledby={`${id}-title`} aria-busy={busy}>
      <h2 id={`${id}-title`} className={styles.groupTitle}>
        {title}
      </h2>
      <ul className={styles.kpiList} style={{ gridTemplateColumns: `repeat(${kpis.length}, minmax(0, 1fr))` }}>
        {kpis.map((kpi) => (
          <li key={kpi.id} className={styles.kpi} data-kpi={kpi.id}>
            <h3 className={styles.kpiLabel}>
              {kpi.href ? (
                <Link href={kpi.href} className={styles.kpiLink}>
                  {kpi.label}
                  <span className={styles.kpiArrow} aria-hidden="true">
                    {' '}
                    →
                  </span>
                </Link>
              ) : (
                kpi.label
              )}
            </h3>
            <p className={styles.kpiValue} data-kpi-value aria-describedby={`kpi-${kpi.id}-definition`}>
              {kpi.value}
            </p>
            {kpi.context !== undefined && (
              <p className={styles.kpiContext} data-tone={kpi.tone}>
                {kpi.context}
              </p>
            )}
            <p id={`kpi-${kpi.id}-definition`} className={styles.kpiDefinition}>
              {kpi.definition}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
