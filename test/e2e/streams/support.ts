import WebSocket from 'ws';
import { localEnv } from '../../support/local-stack';

/** A parsed server message. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ServerMessage = Record<string, any>;

/** A WebSocket client of the local stack, collecting every message it receives. */
export interface StreamClient {
  readonly messages: ServerMessage[];
  readonly closed: Promise<number>;
  send(message: unknown): void;
  /** The first message (already received or to come) that matches, within `timeoutMs`. */
  next(match: (message: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  close(): Promise<void>;
}

/** Opens `ws://…` of the local stack, with `?token=` when given. */
export async function openStream(token?: string): Promise<StreamClient> {
  const base = localEnv()['WS_URL']!;
  const url = token === undefined ? base : `${base}/?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(url);
  const messages: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as ServerMessage);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    messages,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    next(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (found === undefined) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching message in ${timeoutMs} ms: ${JSON.stringify(messages)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      if (socket.readyState === WebSocket.OPEN) socket.close();
      await closed;
    },
  };
}

/** Subscribes and waits for the acknowledgement. */
export async function subscribe(
  client: StreamClient,
  channels: readonly (string | { name: string; from_seq?: number })[],
  id: number,
): Promise<ServerMessage> {
  client.send({ op: 'subscribe', channels, id });
  return client.next(
    (m) => m['id'] === id && (m['event'] === 'subscribed' || m['event'] === 'error'),
  );
}

/** Waits until the server has greeted the connection (so `$connect` is fully recorded). */
export const connected = (client: StreamClient) => client.next((m) => m['event'] === 'connected');

/** The `seq`s of a private channel's events received so far, deduplicated, in arrival order. */
export const seqsOf = (client: StreamClient, channel: string): number[] => [
  ...new Set(
    client.messages.filter((m) => m['channel'] === channel).map((m) => m['seq'] as number),
  ),
];
