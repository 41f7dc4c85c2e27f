import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { Client } from 'graphql-ws';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { SubscriptionPlanner, upstreamOperation, type SubscriptionPlan, type UpstreamOperation } from './plan';
import { Subscriber } from './subscriber';
import { Topic } from './topic';
import { openUpstream, subgraphSocket, type UpstreamEvent } from './upstream';

/** What decides which clients may share a stream: everyone who would be shown the same data. */
export type SubscriptionContext = {
  /** Until callers have identities (issue 8) every caller sees the same data: one scope. */
  scope: string;
};

export type SubscriptionLimits = {
  /** Results queued for one client before it is cut off as too slow. */
  maxQueuedPerClient: number;
  /** Events waiting to be resolved on one stream before it gives up. */
  maxBacklogPerStream: number;
};

const DEFAULT_LIMITS: SubscriptionLimits = { maxQueuedPerClient: 1_000, maxBacklogPerStream: 10_000 };

/**
 * Federated subscriptions, which @apollo/gateway plans but does not execute. A subscription is planned with
 * the gateway's query planner; its primary fetch runs as a subscription on the owning subgraph (over one
 * shared graphql-ws connection per subgraph), and every event goes through the gateway's own plan execution,
 * which fetches the fields other subgraphs own and shapes the result. Clients asking for the same thing in
 * the same scope share one upstream stream and one resolution per event.
 */
export class FederatedSubscriptions {
  private planner: SubscriptionPlanner | null = null;
  /** Open streams a new client may join, by what they answer. */
  private readonly joinable = new Map<string, Topic>();
  private readonly open = new Set<Topic>();
  private readonly sockets = new Map<string, Client>();
  private readonly limits: SubscriptionLimits;

  constructor(
    private readonly options: {
      /** Where each subgraph answers over HTTP; its graphql-ws endpoint is the same path. */
      subgraphUrls: Readonly<Record<string, string>>;
      /** The data sources entity fetches go through (the ones queries use). */
      dataSources: Readonly<Record<string, GraphQLDataSource>>;
      limits?: Partial<SubscriptionLimits>;
      log?: (message: string) => void;
    },
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  /**
   * The gateway loaded a supergraph. On a reload, running subscriptions were planned against the old one:
   * they end with SUPERGRAPH_RELOADED, and clients subscribe again with their last cursor.
   */
  load(coreSupergraphSdl: string, apiSchema: GraphQLSchema): void {
    const reloaded = this.planner !== null;
    this.planner = new SubscriptionPlanner(coreSupergraphSdl, apiSchema);
    if (!reloaded) return;
    const error = new GraphQLError('The API schema was reloaded: subscribe again, with the last cursor you received to miss nothing.', {
      extensions: { code: 'SUPERGRAPH_RELOADED' },
    });
    for (const topic of [...this.open]) topic.fail(error);
  }

  /** The schema subscriptions are validated against. */
  get schema(): GraphQLSchema {
    if (!this.planner) throw new Error('no supergraph loaded yet');
    return this.planner.schema;
  }

  /** Runs a validated subscription (graphql-ws calls it): a stream of results, or the errors that refuse it. */
  subscribe = async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const planner = this.planner!;
    const operation = getOperationAST(args.document, args.operationName)!;
    const coerced = getVariableValues(planner.schema, operation.variableDefinitions ?? [], args.variableValues ?? {});
    if (coerced.errors) return { errors: coerced.errors };
    const variables = coerced.coerced;
    let plan: SubscriptionPlan;
    try {
      plan = planner.plan(args.document, args.operationName ?? undefined);
    } catch (error) {
      return { errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { originalError: error as Error })] };
    }
    const upstream = upstreamOperation(plan, variables);
    const { scope } = args.contextValue as SubscriptionContext;
    const key = JSON.stringify([scope, textOf(args.document), args.operationName ?? null, variables]);
    // A client replaying from a cursor needs the stream from that cursor on: it shares only one that has not moved yet.
    let topic = this.joinable.get(key);
    if (!topic || (upstream.after !== null && topic.delivered > 0)) topic = this.startTopic(key, planner, plan, upstream, variables);
    const joined = topic;
    const subscriber = new Subscriber(this.limits.maxQueuedPerClient, tooSlow, (gone) => joined.remove(gone));
    topic.add(subscriber);
    return subscriber;
  };

  /** Ends every subscription (the gateway is stopping) and the connections to the subgraphs. */
  async close(): Promise<void> {
    for (const topic of [...this.open]) topic.close();
    await Promise.all([...this.sockets.values()].map((socket) => socket.dispose()));
    this.sockets.clear();
  }

  /** How many upstream streams are open: tests and benchmarks read it to see sharing. */
  get streams(): number {
    return this.open.size;
  }

  private startTopic(key: string, planner: SubscriptionPlanner, plan: SubscriptionPlan, upstream: UpstreamOperation, variables: Record<string, unknown>): Topic {
    const requestContext = {
      request: { query: print(plan.operationContext.operation), operationName: plan.operationContext.operation.name?.value, variables },
      context: {},
      logger: console,
    };
    const resolve = (event: UpstreamEvent) =>
      executeQueryPlan(
        plan.perEvent,
        this.serviceMapFor(plan, event),
        // A fresh metrics object per event: execution records into it.
        { ...requestContext, metrics: {} } as unknown as GatewayGraphQLRequestContext,
        plan.operationContext,
        planner.supergraphSchema,
        planner.apiSchema,
      ) as Promise<ExecutionResult>;
    const topic = new Topic(resolve, this.limits.maxBacklogPerStream, tooFarBehind, (closed) => {
      this.open.delete(closed);
      if (this.joinable.get(key) === closed) this.joinable.delete(key);
    });
    this.joinable.set(key, topic);
    this.open.add(topic);
    topic.open((handlers) =>
      openUpstream({ socket: this.socketFor(upstream.subgraph), operation: upstream, log: this.options.log, ...handlers }),
    );
    return topic;
  }

  /** The data sources for one event: the primary fetch is answered with the event, every other fetch goes out. */
  private serviceMapFor(plan: SubscriptionPlan, event: UpstreamEvent): ServiceMap {
    const owner = plan.primary.serviceName;
    const real = this.options.dataSources[owner]!;
    const primary: GraphQLDataSource = {
      process: (request) => (request.request.query === plan.primary.operation ? Promise.resolve(event as never) : real.process(request)),
    };
    return { ...this.options.dataSources, [owner]: primary };
  }

  private socketFor(subgraph: string): Client {
    let socket = this.sockets.get(subgraph);
    if (!socket) {
      const url = this.options.subgraphUrls[subgraph];
      if (!url) throw new Error(`no URL for subgraph ${subgraph}`);
      socket = subgraphSocket(url);
      this.sockets.set(subgraph, socket);
    }
    return socket;
  }
}

/** A document's text, printed once per document (clients sending the same text share one parsed document). */
const printed = new WeakMap<DocumentNode, string>();
function textOf(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

function tooSlow(): GraphQLError {
  return new GraphQLError('This subscription fell too far behind (the client read its events too slowly) and was ended: subscribe again with the last cursor you received.', {
    extensions: { code: 'SLOW_CONSUMER' },
  });
}

function tooFarBehind(): GraphQLError {
  return new GraphQLError('Events arrived faster than the gateway could resolve them, and the subscription was ended: subscribe again with the last cursor you received.', {
    extensions: { code: 'SUBSCRIPTION_OVERLOADED' },
  });
}
