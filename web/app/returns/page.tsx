import type { Metadata } from 'next';
import { PageHeader } from '../../components/PageHeader';

export const metadata: Metadata = { title: 'Returns' };

export default function ReturnsPage() {
  return (
    <PageHeader title="Returns">
      The returns pipeline from authorization to receipt, inspection, disposition and refund, with return rates by
      reason.
    </PageHeader>
  );
}
