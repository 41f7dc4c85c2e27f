import type { ExecutionResult, GraphQLError } from 'graphql';

/**
 * One client's subscription as graphql-ws iterates it: results queue up to `limit` while the client's socket
 * drains them. A client that falls further behind is cut off with an error (its queue dropped), so one slow
 * reader never holds the gateway's memory or the stream it shares with others. `return()` (the client
 * completing, or its socket closing) ends it at once, also while it waits.
 */
export class Subscriber implements AsyncIterableIterator<ExecutionResult> {
  private queue: ExecutionResult[] = [];
  private failure: GraphQLError | null = null;
  private ended = false;
  private waiting: { resolve(result: IteratorResult<ExecutionResult>): void; reject(error: unknown): void } | null = null;

  constructor(
    private readonly limit: number,
    private readonly tooSlow: () => GraphQLError,
    /** Called once when it ends for any reason: the stream stops feeding it. */
    private readonly onEnd: (subscriber: Subscriber) => void,
  ) {}

  push(result: ExecutionResult): void {
    if (this.ended || this.failure) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve({ value: result, done: false });
    } else if (this.queue.length >= this.limit) {
      this.fail(this.tooSlow());
    } else {
      this.queue.push(result);
    }
  }

  /** Ends it with an error frame after nothing else: what is queued is dropped. */
  fail(error: GraphQLError): void {
    if (this.ended || this.failure) return;
    this.queue = [];
    this.detach();
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = null;
      this.ended = true;
      reject(error);
    } else {
      this.failure = error;
    }
  }

  get queued(): number {
    return this.queue.length;
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const value = this.queue.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      this.ended = true;
      return Promise.reject(failure);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.ended = true;
    this.queue = [];
    this.failure = null;
    this.detach();
    this.waiting?.resolve({ value: undefined, done: true });
    this.waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }

  private detached = false;
  private detach() {
    if (this.detached) return;
    this.detached = true;
    this.onEnd(this);
  }
}
