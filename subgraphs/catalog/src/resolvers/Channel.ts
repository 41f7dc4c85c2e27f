import type { CatalogContext } from '../context';

export const Channel = {
  __resolveReference(ref: { id?: string; code?: string }, { loaders }: CatalogContext) {
    return ref.id ? loaders.channelById.load(ref.id) : loaders.channelByCode.load(ref.code!);
  },
};
