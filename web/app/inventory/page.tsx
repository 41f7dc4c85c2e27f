import type { Metadata } from 'next';
import { PageHeader } from '../../components/PageHeader';

export const metadata: Metadata = { title: 'Inventory' };

export default function InventoryPage() {
  return (
    <PageHeader title="Inventory">
      Stock by product and location (on hand, reserved, available, in transit, on hold), updated live as receipts,
      reservations and shipments happen.
    </PageHeader>
  );
}
