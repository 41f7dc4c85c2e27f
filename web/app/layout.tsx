import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { UrqlProvider } from '../components/UrqlProvider';
import './globals.css';

export const metadata: Metadata = {
  title: 'OpsGraph control tower',
  description:
    'Operations platform for multi-channel ecommerce: stock, orders, returns and finance behind one federated GraphQL API.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <UrqlProvider>{children}</UrqlProvider>
      </body>
    </html>
  );
}
