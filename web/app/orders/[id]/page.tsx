import type { Metadata } from 'next';
import { OrderView } from '../../../components/orders/OrderView';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Order ${decodeURIComponent((await params).id)}` };
}

/** `/orders/<id>`: an order by its id (ord_...) or by the number people quote (SO-...). */
export default async function OrderPage({ params }: Props) {
  return <OrderView idOrNumber={decodeURIComponent((await params).id)} />;
}
