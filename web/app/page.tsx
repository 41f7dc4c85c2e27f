import { Overview } from '../components/overview/Overview';
import { PageHeader } from '../components/PageHeader';

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview">
        How orders, stock and exceptions are doing across every channel: the last 30 days, the trend over 12 weeks and
        what is waiting for a person right now.
      </PageHeader>
      <Overview />
    </>
  );
}
