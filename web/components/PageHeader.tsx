import type { ReactNode } from 'react';
import styles from './AppShell.module.css';

/** Every page opens with this: what it is (`eyebrow`, e.g. "Product"), its name, and one line on what it shows. */
export function PageHeader({ eyebrow, title, children }: { eyebrow?: string; title: ReactNode; children?: ReactNode }) {
  return (
    <header className={styles.pageHeader}>
      {eyebrow && <p className={styles.eyebrow}>{eyebrow}</p>}
      <h1 className={styles.pageTitle}>{title}</h1>
      {children && <p className={styles.pageLead}>{children}</p>}
    </header>
  );
}
