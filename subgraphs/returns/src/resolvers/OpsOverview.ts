import type { ReturnsContext } from '../context';
import type { OpsOverviewResolvers, ResolversParentTypes } from '../generated/resolvers';

type Overview = ResolversParentTypes['OpsOverview'];

/** The overview's window, as orders (which owns it) handed it over in the key. */
function returnedIn(overview: Overview, { loaders }: ReturnsContext) {
  const iso = (value: Date | string) => new Date(value).toISOString();
  return loaders.returnedUnits.load(`${iso(overview.windowStart)}|${iso(overview.windowEnd)}`);
}

/** Returns' part of the operations overview: the returns requested in the window; units shipped come from orders. */
export const OpsOverview: OpsOverviewResolvers = {
  __resolveReference: (ref) => ref,
  async returnRate(overview, _, context) {
    const { unitsReturned } = await returnedIn(overview, context);
    // Required from orders (@requires): present whenever returnRate is asked for.
    const shipped = overview.unitsShipped;
    return shipped > 0 ? unitsReturned / shipped : 0;
  },
  unitsReturned: async (overview, _, context) => (await returnedIn(overview, context)).unitsReturned,
  returnsRequested: async (overview, _, context) => (await returnedIn(overview, context)).returnsRequested,
  returnedUnitsByReason: async (overview, _, context) => (await returnedIn(overview, context)).byReason,
};
