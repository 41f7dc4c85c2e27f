import { describe, expect, it } from 'vitest';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { Subscriber } from '../src/subscriptions/subscriber';
import { Topic } from '../src/subscriptions/topic';
import type { UpstreamEvent } from '../src/subscriptions/upstream';

const tooSlow = () => new GraphQLError('too slow', { extensions: { code: 'SLOW_CONSUMER' } });
const result = (n: number): ExecutionResult => ({ data: { n } });

describe('Subscriber', () => {
  it('queues results until the client reads them, in order', async () => {
    const subscriber = new Subscriber(10, tooSlow, () => {});
    subscriber.push(result(1));
    subscriber.push(result(2));
    expect(await subscriber.next()).toEqual({ value: result(1), done: false });
    expect(await subscriber.next()).toEqual({ value: result(2), done: false });
    const waiting = subscriber.next();
    subscriber.push(result(3));
    expect(await waiting).toEqual({ value: result(3), done: false });
  });

  it('cuts off a client that falls more than its limit behind: the queue is dropped and the error comes next', async () => {
    let ended = 0;
    const subscriber = new Subscriber(2, tooSlow, () => ended++);
    for (const n of [1, 2, 3, 4]) subscriber.push(result(n));
    expect(ended).toBe(1);
    expect(subscriber.queued).toBe(0);
    await expect(subscriber.next()).rejects.toMatchObject({ extensions: { code: 'SLOW_CONSUMER' } });
    expect(await subscriber.next()).toEqual({ value: undefined, done: true });
  });

  it('ends a waiting read at once when returned, and lets go of its stream once', async () => {
    let ended = 0;
    const subscriber = new Subscriber(2, tooSlow, () => ended++);
    const waiting = subscriber.next();
    await subscriber.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    subscriber.push(result(1));
    await subscriber.return();
    expect(ended).toBe(1);
    expect(await subscriber.next()).toEqual({ value: undefined, done: true });
  });
});

describe('Topic', () => {
  it('resolves events concurrently but hands them to every subscriber in the order they arrived', async () => {
    const release: (() => void)[] = [];
    const topic = new Topic(
      (event) => new Promise((resolve) => release.push(() => resolve({ data: event.data ?? null }))),
      100,
      tooSlow,
      () => {},
    );
    let send!: (event: UpstreamEvent) => void;
    topic.open(({ onEvent }) => {
      send = onEvent;
      return { close() {} };
    });
    const subscribers = [1, 2].map(() => new Subscriber(10, tooSlow, (gone) => topic.remove(gone)));
    for (const subscriber of subscribers) topic.add(subscriber);
    for (const n of [1, 2, 3]) send({ data: { n } });
    release[2]!(); // the last to arrive resolves first
    release[1]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(subscribers[0]!.queued).toBe(0); // nothing overtakes the first
    release[0]!();
    await new Promise((resolve) => setImmediate(resolve));
    for (const subscriber of subscribers) {
      const received = [await subscriber.next(), await subscriber.next(), await subscriber.next()].map((r) => r.value?.data);
      expect(received).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    }
  });

  it('closes its upstream when the last subscriber leaves', async () => {
    let closed = 0;
    let topicClosed = 0;
    const topic = new Topic(async () => ({ data: null }), 100, tooSlow, () => topicClosed++);
    topic.open(() => ({ close: () => void closed++ }));
    const [a, b] = [1, 2].map(() => new Subscriber(10, tooSlow, (gone) => topic.remove(gone)));
    topic.add(a!);
    topic.add(b!);
    await a!.return();
    expect(closed).toBe(0);
    await b!.return();
    expect([closed, topicClosed]).toEqual([1, 1]);
  });
});
