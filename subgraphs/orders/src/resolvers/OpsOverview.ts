import type { OpsOverviewResolvers } from '../generated/resolvers';
import { windowOfKey } from '../overview';

/** Orders owns the overview's root field and window; a reference (any window) is answered the same way. */
export const OpsOverview: OpsOverviewResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.opsOverview.load(windowOfKey(ref)),
};
