import { badInput } from '@opsgraph/kit';
import type { InventoryContext } from '../context';
import { explainAvailability, totals } from '../availability';

type ProductRef = { id: string };

async function availabilityFor(product: ProductRef, channel: string, { loaders }: InventoryContext) {
  const [levels, safetyStock] = await Promise.all([
    loaders.positionsByProductId.load(product.id),
    loaders.safetyStock.load({ channelCode: channel, productId: product.id }),
  ]);
  if (safetyStock === null) throw badInput(`No channel has code "${channel}".`, 'channel', 'UNKNOWN_CHANNEL');
  return explainAvailability(levels, channel, safetyStock);
}

export const Product = {
  // Inventory keys everything by product id, so the reference itself is all it needs.
  __resolveReference: (ref: ProductRef) => ({ id: ref.id }),
  async inventory(product: ProductRef, _: unknown, { loaders }: InventoryContext) {
    const levels = await loaders.positionsByProductId.load(product.id);
    return { ...totals(levels), levels };
  },
  availableToPromise: async (product: ProductRef, args: { channel: string }, context: InventoryContext) =>
    (await availabilityFor(product, args.channel, context)).available,
  async explainAvailability(product: ProductRef, args: { channel: string }, context: InventoryContext) {
    return { channel: { code: args.channel }, ...(await availabilityFor(product, args.channel, context)) };
  },
};
