import Link from 'next/link';
import { PageHeader } from '../components/PageHeader';

export default function NotFound() {
  return (
    <PageHeader title="Page not found">
      There is nothing at this address. <Link href="/">Back to the overview</Link>.
    </PageHeader>
  );
}
