import { badInput } from '@opsgraph/kit';
import { explainAvailability, totals } from '../availability';
import type { InventoryContext } from '../context';
import type { ProductResolvers, ResolversParentTypes } from '../generated/resolvers';

async function availabilityFor(product: ResolversParentTypes['Product'], channel: string, { loaders }: InventoryContext) {
  const [levels, safetyStock] = await Promise.all([
    loaders.positionsByProductId.load(product.id),
    loaders.safetyStock.load({ channelCode: channel, productId: product.id }),
  ]);
  if (safetyStock === null) throw badInput(`No channel has code "${channel}".`, 'channel', 'UNKNOWN_CHANNEL');
  return explainAvailability(levels, channel, safetyStock);
}

export const Product: ProductResolvers = {
  // Inventory keys everything by product id, so the reference itself is all it needs.
  __resolveReference: (ref) => ({ id: ref.id }),
  async inventory(product, _, { loaders }) {
    const levels = await loaders.positionsByProductId.load(product.id);
    return { ...totals(levels), levels };
  },
  availableToPromise: async (product, args, context) => (await availabilityFor(product, args.channel, context)).available,
  async explainAvailability(product, args, context) {
    return { channel: { code: args.channel }, ...(await availabilityFor(product, args.channel, context)) };
  },
};
