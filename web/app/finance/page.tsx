import type { Metadata } from 'next';
import { PageHeader } from '../../components/PageHeader';

export const metadata: Metadata = { title: 'Finance' };

export default function FinancePage() {
  return (
    <PageHeader title="Finance">
      The ledger posted from operations (sales, cost of goods, fees, refunds, write-offs), settlement matching and
      margin by channel and product.
    </PageHeader>
  );
}
