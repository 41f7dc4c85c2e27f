import type { Metadata } from 'next';
import { PageHeader } from '../../../components/PageHeader';

type Props = { params: Promise<{ sku: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).sku) };
}

export default async function ProductPage({ params }: Props) {
  const sku = decodeURIComponent((await params).sku);
  return (
    <PageHeader eyebrow="Product" title={sku}>
      This product’s stock at every location, what each channel may promise and why, and the movements that got it
      there.
    </PageHeader>
  );
}
