import { mutationPayload } from '@opsgraph/kit';
import type { MutationResolvers } from '../generated/resolvers';
import * as actions from '../actions';
import * as exceptions from '../exceptions';
import { placeOrder } from '../placement';

const order = { order: null };
const exception = { exception: null };

export const Mutation: MutationResolvers = {
  placeOrder: (_, { input }, { deps, caller }) =>
    mutationPayload(async () => ({ order: await placeOrder(deps, input, caller.actor) }), order),
  approveOrder: (_, { input }, { deps, caller }) =>
    mutationPayload(async () => ({ order: await actions.approveOrder(deps, input, caller.actor) }), order),
  holdOrder: (_, { input }, { deps, caller }) =>
    mutationPayload(async () => ({ order: await actions.holdOrder(deps, input, caller.actor) }), order),
  releaseOrder: (_, { input }, { deps, caller }) =>
    mutationPayload(async () => ({ order: await actions.releaseOrder(deps, input, caller.actor) }), order),
  pickOrder: (_, { input }, { deps, caller }) =>
    mutationPayload(async () => ({ order: await actions.pickOrder(deps, input, caller.actor) }), order),
  packOrder: (_, { input }, { deps, caller }) =>
    mutationPayload(async () => ({ order: await actions.packOrder(deps, input, caller.actor) }), order),
  confirmShipment: (_, { input }, { deps, caller }) =>
    mutationPayload(async () => ({ order: await actions.confirmShipment(deps, input, caller.actor) }), order),
  deliverOrder: (_, { input }, { deps, caller }) =>
    mutationPayload(async () => ({ order: await actions.deliverOrder(deps, input, caller.actor) }), order),
  cancelOrder: (_, { input }, { deps, caller }) =>
    mutationPayload(async () => ({ order: await actions.cancelOrder(deps, input, caller.actor) }), order),
  assignException: (_, { input }, { deps, caller }) =>
    mutationPayload(async () => ({ exception: await exceptions.assignException(deps, input, caller.actor) }), exception),
  resolveException: (_, { input }, { deps, caller }) =>
    mutationPayload(async () => ({ exception: await exceptions.resolveException(deps, input, caller.actor) }), exception),
};
