import type { LocationResolvers } from '../generated/resolvers';

export const Location: LocationResolvers = {
  __resolveReference(ref, { loaders }) {
    return 'id' in ref ? loaders.locationById.load(ref.id) : loaders.locationByCode.load(ref.code);
  },
};
