import type { Metadata } from 'next';
import { PageHeader } from '../../components/PageHeader';
import { ExceptionQueue } from '../../components/exceptions/ExceptionQueue';

export const metadata: Metadata = { title: 'Exceptions' };

export default function ExceptionsPage() {
  return (
    <>
      <PageHeader title="Exceptions">
        Orders waiting for a person, most urgent first: who has each, when it is due, and the actions that settle
        it. New ones appear as they are raised.
      </PageHeader>
      <ExceptionQueue />
    </>
  );
}
