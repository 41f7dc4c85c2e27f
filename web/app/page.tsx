import { BackendStatus } from '../components/BackendStatus';
import { PageHeader } from '../components/PageHeader';

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview">
        Today’s operations at a glance: fill rate, perfect orders, cycle time, backorder exposure and open exceptions
        by age, across every channel, moving as events arrive.
      </PageHeader>
      <BackendStatus />
    </>
  );
}
