import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TopBar } from '../components/TopBar';
import { UrqlProvider } from '../components/UrqlProvider';
import styles from '../components/AppShell.module.css';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'OpsGraph control tower', template: '%s · OpsGraph' },
  description:
    'Operations platform for multi-channel ecommerce: stock, orders, returns and finance behind one federated GraphQL API.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className={styles.skipLink}>
          Skip to content
        </a>
        <UrqlProvider>
          <TopBar />
          <main id="main" tabIndex={-1} className={`${styles.container} ${styles.main}`}>
            {children}
          </main>
        </UrqlProvider>
      </body>
    </html>
  );
}
