import type { Metadata } from 'next';
import { PageHeader } from '../../../components/PageHeader';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Order ${decodeURIComponent((await params).id)}` };
}

export default async function OrderPage({ params }: Props) {
  const id = decodeURIComponent((await params).id);
  return (
    <PageHeader eyebrow="Order" title={id}>
      The order’s lines, where its stock comes from, its exceptions and every step of its history: who, when, why
      and which rule.
    </PageHeader>
  );
}
