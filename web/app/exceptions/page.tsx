import type { Metadata } from 'next';
import { PageHeader } from '../../components/PageHeader';

export const metadata: Metadata = { title: 'Exceptions' };

export default function ExceptionsPage() {
  return (
    <PageHeader title="Exceptions">
      Orders waiting for a person (risk review, holds, address problems, backorders, SLA breaches), oldest first,
      with their due times, who has them and one-click actions.
    </PageHeader>
  );
}
