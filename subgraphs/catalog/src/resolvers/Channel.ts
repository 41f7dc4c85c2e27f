import type { ChannelResolvers } from '../generated/resolvers';

export const Channel: ChannelResolvers = {
  __resolveReference(ref, { loaders }) {
    return 'id' in ref ? loaders.channelById.load(ref.id) : loaders.channelByCode.load(ref.code);
  },
};
