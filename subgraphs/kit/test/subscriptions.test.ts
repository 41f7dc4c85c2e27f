import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from 'graphql';
import WebSocket from 'ws';
import { serveSubscriptions } from '../src/subscriptions';

// The WebSocket server every subgraph and the gateway use, on a schema of its own.
const schema = buildSchema(`type Query { ok: Boolean } type Subscription { ticks: Int }`);
let server: http.Server;
let stop: () => Promise<void>;
let url: string;

beforeAll(async () => {
  server = http.createServer();
  stop = serveSubscriptions({ httpServer: server, path: '/graphql', schema, createContext: () => ({}), heartbeatMs: 50 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await stop();
  await new Promise((resolve) => server.close(resolve));
});

function connect(options: { autoPong: boolean }) {
  const socket = new WebSocket(url, 'graphql-transport-ws', options);
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  return { socket, closed };
}

describe('serveSubscriptions', () => {
  it('cuts off a client that stopped answering pings, and keeps one that answers', async () => {
    const silent = connect({ autoPong: false });
    const alive = connect({ autoPong: true });
    // Terminated without a close frame: the peer sees an abnormal closure.
    expect(await silent.closed).toBe(1006);
    await new Promise((resolve) => setTimeout(resolve, 200)); // several more rounds
    expect(alive.socket.readyState).toBe(WebSocket.OPEN);
    alive.socket.close();
    await alive.closed;
  });
});
