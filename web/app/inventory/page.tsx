import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { InventoryBoard } from '../../components/inventory/InventoryBoard';

export const metadata: Metadata = { title: 'Inventory' };

export default function InventoryPage() {
  return (
    <>
      <PageHeader title="Inventory">
        Every product’s stock at every location, changing in place as it moves. Open a product for its movements,
        what each channel may promise and its open orders.
      </PageHeader>
      {/* The board reads its search and filters from the URL, which only the browser knows at build time. */}
      <Suspense fallback={null}>
        <InventoryBoard />
      </Suspense>
    </>
  );
}
