import type { Metadata } from 'next';
import { ProductView } from '../../../components/inventory/ProductView';

type Props = { params: Promise<{ sku: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).sku) };
}

export default async function ProductPage({ params }: Props) {
  const sku = decodeURIComponent((await params).sku);
  return <ProductView sku={sku} />;
}
