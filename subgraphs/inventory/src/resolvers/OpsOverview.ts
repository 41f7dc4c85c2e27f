import type { OpsOverviewResolvers } from '../generated/resolvers';

/** Inventory's part of the operations overview (orders owns it and its window): stock now, whatever the window. */
export const OpsOverview: OpsOverviewResolvers = {
  __resolveReference: (ref) => ref,
  stock: (_, __, { loaders }) => loaders.networkStock(),
};
