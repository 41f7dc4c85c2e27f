import { badInput } from '@opsgraph/kit';
import { totals } from '../availability';
import type { InventoryContext } from '../context';
import type { ProductResolvers, ResolversParentTypes } from '../generated/resolvers';
import { explainAvailableToPromise, reservableTotal } from '../sourcing';

/** The product's levels and the channel's policy for it: what reserveOrderStock plans from, so ATP is what it can reserve. */
async function sourcingOf(product: ResolversParentTypes['Product'], channel: string, { loaders }: InventoryContext) {
  const [levels, policy] = await Promise.all([
    loaders.positionsByProductId.load(product.id),
    loaders.sourcingPolicy.load({ channelCode: channel, productId: product.id }),
  ]);
  if (!policy) throw badInput(`No channel has code "${channel}".`, 'channel', 'UNKNOWN_CHANNEL');
  return { levels, policy };
}

export const Product: ProductResolvers = {
  // Inventory keys everything by product id, so the reference itself is all it needs.
  __resolveReference: (ref) => ({ id: ref.id }),
  async inventory(product, _, { loaders }) {
    const levels = await loaders.positionsByProductId.load(product.id);
    return { ...totals(levels), levels };
  },
  async availableToPromise(product, args, context) {
    const { levels, policy } = await sourcingOf(product, args.channel, context);
    return reservableTotal(levels, policy);
  },
  async explainAvailability(product, args, context) {
    const [{ levels, policy }, locations] = await Promise.all([
      sourcingOf(product, args.channel, context),
      context.loaders.allLocations(),
    ]);
    const codes = new Map(locations.map((l) => [l.id, l.code]));
    return { channel: { code: args.channel }, ...explainAvailableToPromise(levels, policy, (id) => codes.get(id) ?? id) };
  },
};
