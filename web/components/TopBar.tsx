import Link from 'next/link';
import { ConnectionIndicator } from './ConnectionIndicator';
import { MainNav } from './MainNav';
import styles from './AppShell.module.css';

export function TopBar() {
  return (
    <header className={styles.topBar}>
      <div className={`${styles.container} ${styles.topBarInner}`}>
        <Link href="/" className={styles.brand}>
          <span className={styles.logo} aria-hidden="true">
            OG
          </span>
          <span>OpsGraph</span>
          <span className={styles.product}>Control tower</span>
        </Link>
        <MainNav />
        <ConnectionIndicator />
      </div>
    </header>
  );
}
