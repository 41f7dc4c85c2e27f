import { ordersEvents } from '@opsgraph/db';
import { outboxSubscription, required } from '@opsgraph/kit';
import { orderEvent } from '../events';
import type { OrderExceptionChangeKind, SubscriptionResolvers } from '../generated/resolvers';
import * as repo from '../repo';

export type OrderExceptionChangeResult = {
  cursor: string;
  exception: repo.ExceptionRow;
  kind: OrderExceptionChangeKind;
  occurredAt: Date;
};

/** The exception events a subscriber hears about, and what each is called in the API. */
const kinds = {
  ExceptionOpened: 'OPENED',
  ExceptionAssigned: 'ASSIGNED',
  ExceptionResolved: 'RESOLVED',
  ExceptionBreached: 'BREACHED',
} as const satisfies Record<string, OrderExceptionChangeKind>;
const exceptionEvents = Object.keys(kinds) as (keyof typeof kinds)[];

export const Subscription: SubscriptionResolvers = {
  orderExceptionChanged: {
    subscribe: (_, args, { database, loaders, subscriptionStart }) =>
      outboxSubscription({
        db: database.db,
        domain: 'orders',
        table: ordersEvents,
        after: args.after,
        started: subscriptionStart,
        where: repo.exceptionChangeRows(),
        accept: (event) => orderEvent.is(event, exceptionEvents),
        loaders,
        // The exceptions as they are now, one query for the batch.
        async map(events) {
          const exceptions = await loaders.exceptionById.loadMany(events.map((event) => event.payload.exceptionId));
          return events.map((event, i) => {
            const exception = exceptions[i];
            if (exception instanceof Error) throw exception;
            return {
              exception: required(exception, `exception ${event.payload.exceptionId}`),
              kind: kinds[event.type],
              occurredAt: event.occurredAt,
            };
          });
        },
      }),
    resolve: (change: OrderExceptionChangeResult) => change,
  },
};
