import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Subscriber } from './subscriber';
import type { Upstream, UpstreamEvent } from './upstream';

/** Events resolved at once per stream (their entity fetches overlap); they are still delivered in order. */
const CONCURRENT_EVENTS = 4;

/**
 * One upstream subscription shared by every client that asked for the same thing in the same visibility scope.
 * Each event is resolved once (the entity fetches of other subgraphs) and the result handed to every
 * subscriber, in the order the subgraph sent the events. When its last subscriber leaves, the upstream closes.
 */
export class Topic {
  readonly subscribers = new Set<Subscriber>();
  /** Whether it has delivered anything: a client replaying from a cursor may only join one that has not. */
  delivered = 0;
  private upstream: Upstream | null = null;
  private readonly backlog: UpstreamEvent[] = [];
  private readonly resolving: { result?: ExecutionResult }[] = [];
  private closed = false;

  constructor(
    private readonly resolve: (event: UpstreamEvent) => Promise<ExecutionResult>,
    /** The most events waiting to be resolved before the stream gives up (the subgraph outpaces the entity fetches). */
    private readonly maxBacklog: number,
    private readonly tooFarBehind: () => GraphQLError,
    private readonly onClose: (topic: Topic) => void,
  ) {}

  /** Starts the upstream; called once, after the first subscriber joined. */
  open(start: (handlers: { onEvent(event: UpstreamEvent): void; onError(errors: GraphQLError[]): void }) => Upstream): void {
    this.upstream = start({ onEvent: (event) => this.received(event), onError: ([error]) => this.fail(error!) });
  }

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
  }

  remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.close();
  }

  /** Ends every subscriber with the error, and the upstream. */
  fail(error: GraphQLError): void {
    for (const subscriber of [...this.subscribers]) subscriber.fail(error);
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.upstream?.close();
    this.backlog.length = 0;
    this.onClose(this);
  }

  private received(event: UpstreamEvent) {
    if (this.closed) return;
    if (this.backlog.length >= this.maxBacklog) {
      this.fail(this.tooFarBehind());
      return;
    }
    this.backlog.push(event);
    this.pump();
  }

  /** Starts resolving waiting events, up to the concurrency, each in a slot kept in arrival order. */
  private pump() {
    while (!this.closed && this.resolving.length < CONCURRENT_EVENTS && this.backlog.length > 0) {
      const event = this.backlog.shift()!;
      const slot: { result?: ExecutionResult } = {};
      this.resolving.push(slot);
      this.resolve(event)
        .catch((error: Error): ExecutionResult => ({ errors: [toGraphQLError(error)] }))
        .then((result) => {
          slot.result = result;
          this.deliver();
        });
    }
  }

  /** Hands out every resolved event at the head of the line, in order, then starts the next ones. */
  private deliver() {
    while (this.resolving[0]?.result) {
      const { result } = this.resolving.shift()!;
      if (this.closed) continue;
      this.delivered += 1;
      for (const subscriber of this.subscribers) subscriber.push(result!);
    }
    this.pump();
  }
}

/** executeQueryPlan reports fetch failures in its result; a throw is a gateway fault (formatting logs it, hides it). */
function toGraphQLError(error: Error): GraphQLError {
  return new GraphQLError(error.message, { originalError: error });
}
