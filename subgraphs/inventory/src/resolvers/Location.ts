import type { InventoryContext } from '../context';

export const Location = {
  __resolveReference(ref: { id?: string; code?: string }, { loaders }: InventoryContext) {
    return ref.id ? loaders.locationById.load(ref.id) : loaders.locationByCode.load(ref.code!);
  },
};
